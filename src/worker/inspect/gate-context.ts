import type { CpuInterfaceView, Gic, InterruptView, ResolvedGicConfig } from '../../gic/index.ts';
import type { GateStepView } from '../../protocol/index.ts';
import type { PeMasks, PseudoNmiSetup } from './input.ts';
import { effectivePriority, hasSuperpriority } from './priority.ts';
import { interruptName } from './words.ts';

/** What every gate looks at: the interrupt, where it goes, and that PE's CPU interface. */
export interface GateContext {
  readonly gic: Gic;
  readonly config: ResolvedGicConfig;
  readonly ds: boolean;
  readonly irq: InterruptView;
  /** "SPI 40" */
  readonly name: string;
  /** the PE it is delivered to (SPI: its route; SGI/PPI: its Redistributor), or null */
  readonly pe: number | null;
  /** the PE the page selected (suggested as the fix for a route to nowhere) */
  readonly selectedPe: number;
  readonly cpu: CpuInterfaceView | null;
  readonly masks: PeMasks | null;
  readonly superpriority: boolean;
  /** the priority the CPU interface compares: the byte, or 0x00/0x80 for an NMI */
  readonly priority: number;
  readonly pseudoNmi: PseudoNmiSetup;
}

/** A gate's verdict plus, when it blocks, the one-sentence answer. */
export interface GateResult {
  readonly step: GateStepView;
  readonly summary: string | null;
}

export type Gate = (ctx: GateContext) => GateResult;

export function gateContext(
  gic: Gic,
  intid: number,
  selectedPe: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
): GateContext {
  const banked = intid < 32;
  const irq = gic.interrupt(intid, banked ? selectedPe : undefined);
  const pe = banked ? selectedPe : (irq.route?.targetPe ?? null);
  const ds = gic.distributor().ds;
  return {
    gic,
    config: gic.config,
    ds,
    irq,
    name: interruptName(intid),
    pe,
    selectedPe,
    cpu: pe === null ? null : gic.cpuInterface(pe),
    masks: pe === null ? null : (masks[pe] ?? null),
    superpriority: hasSuperpriority(gic.config, irq),
    priority: effectivePriority(gic.config, ds, irq),
    pseudoNmi,
  };
}

/** `GICD_ISENABLER1 bit 8` / `GICR_ISENABLER0 bit 27`: where an INTID's bit lives. */
export function bitRegister(family: string, intid: number, perRegister = 32): string {
  if (intid < 32)
    return `GICR_${family}${Math.floor(intid / perRegister)} bit ${(intid % perRegister) * (32 / perRegister)}`;
  return `GICD_${family}${Math.floor(intid / perRegister)} bit ${(intid % perRegister) * (32 / perRegister)}`;
}

export function priorityRegister(intid: number): string {
  if (intid >= 8192) return `its byte in the LPI configuration table, then INV`;
  const prefix = intid < 32 ? 'GICR_' : 'GICD_';
  return `${prefix}IPRIORITYR${Math.floor(intid / 4)} byte ${intid % 4}`;
}

export const passed = (check: string, detail: string): GateResult => ({
  step: { check, verdict: 'passed', detail, fix: null },
  summary: null,
});

export const notApplicable = (check: string, detail: string): GateResult => ({
  step: { check, verdict: 'not-applicable', detail, fix: null },
  summary: null,
});

export const blocked = (
  check: string,
  detail: string,
  fix: string | null,
  summary: string,
): GateResult => ({
  step: { check, verdict: 'blocked', detail, fix },
  summary,
});
