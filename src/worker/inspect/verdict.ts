import type { Gic } from '../../gic/index.ts';
import type { LadderMark, NmiKind } from '../../protocol/index.ts';
import { gateContext, type Gate, type GateContext } from './gate-context.ts';
import { pmrGate, runningPriorityGate } from './gates-cpu.ts';
import { firstInLineGate, peMaskGate } from './gates-pe.ts';
import { GATING_CHAIN } from './explanation.ts';
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
