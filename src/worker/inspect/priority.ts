import type {
  CpuInterfaceView,
  InterruptGroup,
  InterruptView,
  ResolvedGicConfig,
} from '../../gic/index.ts';

export const IDLE_PRIORITY = 0xff;

/**
 * Group-priority mask of a group at one CPU interface (reference §4.3): BPR0 = b keeps bits
 * [7:b+1]; the Non-secure Group 1 binary point keeps bits [7:b]; CBPR makes Group 1 use BPR0.
 */
export function groupPriorityMask(cpu: CpuInterfaceView, group: InterruptGroup): number {
  if (group === 'G0') return (0xff << (cpu.bpr0 + 1)) & 0xff;
  if (group === 'G1NS') {
    if (cpu.cbprNs) return (0xff << (cpu.bpr0 + 1)) & 0xff;
    return (0xff << cpu.bpr1Ns) & 0xff;
  }
  if (cpu.cbprS) return (0xff << (cpu.bpr0 + 1)) & 0xff;
  return (0xff << (cpu.bpr1S + 1)) & 0xff;
}

/** The NMI property counts only with FEAT_GICv3_NMI and never for Group 0 (RES0, reference §6). */
export function hasSuperpriority(config: ResolvedGicConfig, irq: InterruptView): boolean {
  return config.nmi && irq.nmi && irq.group !== 'G0';
}

/** Superpriority ignores the priority byte: 0x00, or 0x80 for a Non-secure NMI with DS=0 (§6). */
export function effectivePriority(
  config: ResolvedGicConfig,
  ds: boolean,
  irq: InterruptView,
): number {
  if (!hasSuperpriority(config, irq)) return irq.priority;
  return irq.group === 'G1NS' && !ds ? 0x80 : 0x00;
}

export type SignalLine = 'irq' | 'fiq';

/** Which exception line a group raises at a PE (reference §4.2). */
export function signalLine(cpu: CpuInterfaceView, ds: boolean, group: InterruptGroup): SignalLine {
  if (group === 'G0') return 'fiq';
  if (ds) return 'irq';
  const secure = cpu.securityState !== 'non-secure';
  if (group === 'G1S') return secure && cpu.securityState !== 'el3' ? 'irq' : 'fiq';
  return secure ? 'fiq' : 'irq';
}

/** The group enable at the CPU interface, with the register that holds it. */
export function cpuGroupEnable(
  cpu: CpuInterfaceView,
  group: InterruptGroup,
): { readonly enabled: boolean; readonly register: string } {
  switch (group) {
    case 'G0':
      return { enabled: cpu.igrpen0, register: 'ICC_IGRPEN0_EL1' };
    case 'G1NS':
      return { enabled: cpu.igrpen1Ns, register: 'ICC_IGRPEN1_EL1' };
    case 'G1S':
      return { enabled: cpu.igrpen1S, register: 'ICC_IGRPEN1_EL1 (Secure bank)' };
  }
}

/** Active group-priority levels from the APRs (reference §4.4), highest priority first. */
export function activeLevels(cpu: CpuInterfaceView, preemptionBits: number): readonly number[] {
  const shift = 8 - preemptionBits;
  const levels = new Set<number>();
  const { ap0r, ap1rNs, ap1rS } = cpu.activePriorities;
  for (const bank of [ap0r, ap1rNs, ap1rS])
    bank.forEach((word, regno) => {
      for (let bit = 0; bit < 32; bit++)
        if ((word >>> bit) & 1) levels.add(((regno * 32 + bit) << shift) & 0xff);
    });
  return [...levels].sort((a, b) => a - b);
}

export function groupLabel(group: InterruptGroup, ds: boolean): string {
  if (group === 'G0') return 'Group 0';
  if (ds) return 'Group 1';
  return group === 'G1NS' ? 'Non-secure Group 1' : 'Secure Group 1';
}
