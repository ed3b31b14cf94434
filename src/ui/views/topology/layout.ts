import type { CpuView, InterruptView } from '../../../protocol/index.ts';

/**
 * How many PEs each drawing handles: up to 8, every Redistributor and CPU interface in full
 * (legible on a projector); up to 64, one compact tile per PE plus the selected PE in full;
 * beyond, the same with small tiles. Drawing 64 full columns cost 40–60 ms per frame in a storm.
 */
export type TopologyMode = 'full' | 'compact' | 'aggregate';

export function topologyMode(peCount: number): TopologyMode {
  if (peCount <= 8) return 'full';
  if (peCount <= 64) return 'compact';
  return 'aggregate';
}

/** An interrupt that takes part: enabled, raised or active, or named by the guest. */
export function isInteresting(interrupt: InterruptView): boolean {
  return interrupt.enabled || interrupt.state !== 'inactive' || interrupt.name !== null;
}

export interface GroupedInterrupts {
  /** the Distributor's SPIs in INTID order */
  readonly spis: readonly InterruptView[];
  /** each PE's SGIs then PPIs */
  readonly banked: readonly (readonly InterruptView[])[];
}

/** SPIs and banked interrupts by PE, in INTID order; one pass over all interrupts. */
export function groupInterrupts(
  interrupts: Readonly<Record<string, InterruptView>>,
  peCount: number,
): GroupedInterrupts {
  const spis: InterruptView[] = [];
  const banked: InterruptView[][] = Array.from({ length: peCount }, () => []);
  for (const interrupt of Object.values(interrupts))
    if (interrupt.class === 'spi') spis.push(interrupt);
    else if (interrupt.pe !== null) banked[interrupt.pe]?.push(interrupt);
  const byIntid = (a: InterruptView, b: InterruptView) => a.intid - b.intid;
  spis.sort(byIntid);
  for (const list of banked) list.sort(byIntid);
  return { spis, banked };
}

/** One word for a PE tile in the aggregate drawing (shown as text, not only colour). */
export function peSummary(cpu: CpuView): 'nmi' | 'irq' | 'pending' | 'idle' {
  const top = cpu.handlers[cpu.handlers.length - 1];
  if (top?.kind === 'nmi') return 'nmi';
  if (top) return 'irq';
  if (cpu.lines.irq || cpu.lines.fiq || cpu.lines.nmi) return 'pending';
  return 'idle';
}
