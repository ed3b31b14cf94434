import type { Gic } from '../../gic/index.ts';
import type { LadderMark, NmiKind } from '../../protocol/index.ts';
import { gateContext, type Gate, type GateContext } from './gate-context.ts';
import { firstInLineGate, peMaskGate } from './gates-pe.ts';
import { GATING_CHAIN } from './explanation.ts';
import { cpuGroupGate, pmrGate, runningPriorityGate } from './gates-cpu.ts';
import { distributorGroupGate } from './gates-distributor.ts';
import { enableLpisGate, lpiConfigGate, lpiGateContext, lpiTablesGate } from './gates-lpi.ts';
import type { PeMasks, PseudoNmiSetup } from './input.ts';

/** What the CPU interface's gate does with one pending interrupt. */
export interface PendingVerdict {
  readonly intid: number;
  /** the priority the CPU interface compares (0x00/0x80 for an architected NMI) */
  readonly priority: number;
  readonly mark: LadderMark;
  readonly reason: string;
  readonly nmiKind: NmiKind | null;
}

const MARK_OF = new Map<Gate, LadderMark>([
  [pmrGate, 'masked-by-pmr'],
  [runningPriorityGate, 'waits-for-running-priority'],
  [peMaskGate, 'masked-by-pe'],
  [firstInLineGate, 'behind-hppi'],
]);

export function nmiKindOf(ctx: GateContext): NmiKind | null {
  if (ctx.superpriority) return 'architected';
  const { enabled, nmiPriority } = ctx.pseudoNmi;
  return enabled && nmiPriority !== null && ctx.priority === nmiPriority ? 'pseudo' : null;
}

/**
 * The verdict of the explainer's own gating chain (explanation.ts) for a pending interrupt at its
 * CPU interface: the first blocked gate names the mark, so the ladder, the diagram's gate and
 * "Why isn't it delivered?" can never disagree (PPI 27 blocked by ICC_IGRPEN0_EL1 is `blocked`,
 * not "can preempt").
 */
export function pendingVerdict(
  gic: Gic,
  intid: number,
  pe: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
): PendingVerdict {
  const ctx = gateContext(gic, intid, pe, masks, pseudoNmi);
  const nmiKind = nmiKindOf(ctx);
  const base = { intid, priority: ctx.priority, nmiKind };
  const details: string[] = [];
  for (const gate of GATING_CHAIN) {
    const { step } = gate(ctx);
    if (step.verdict === 'blocked')
      return { ...base, mark: MARK_OF.get(gate) ?? 'blocked', reason: step.detail };
    if (gate === pmrGate || gate === runningPriorityGate) details.push(step.detail);
  }
  return { ...base, mark: ctx.superpriority ? 'nmi' : 'can-preempt', reason: details.join('; ') };
}

/**
 * The same for an LPI pending on `pe` (IHI 0069 §5.1): the Redistributor's LPI state (EnableLPIs,
 * tables, the configuration byte as it sees it), the Group 1 enables, then the CPU interface and
 * PE gates — the explainer's LPI chain without the ITS mapping and pending steps (it is pending).
 */
export function pendingLpiVerdict(
  gic: Gic,
  intid: number,
  pe: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
): PendingVerdict {
  const ctx = lpiGateContext(gic, intid, pe, masks, pseudoNmi, pe);
  const base = { intid, priority: ctx.priority, nmiKind: nmiKindOf(ctx) };
  const chain: readonly Gate[] = [
    () => enableLpisGate(ctx),
    () => lpiTablesGate(ctx),
    () => lpiConfigGate(ctx),
    distributorGroupGate,
    cpuGroupGate,
    pmrGate,
    runningPriorityGate,
    peMaskGate,
    firstInLineGate,
  ];
  const details: string[] = [];
  for (const gate of chain) {
    const { step } = gate(ctx);
    if (step.verdict === 'blocked')
      return { ...base, mark: MARK_OF.get(gate) ?? 'blocked', reason: step.detail };
    if (gate === pmrGate || gate === runningPriorityGate) details.push(step.detail);
  }
  return { ...base, mark: 'can-preempt', reason: details.join('; ') };
}
