import type { Gic } from '../../gic/index.ts';
import type { CpuGateView, InterruptView } from '../../protocol/index.ts';
import {
  pendingLpiVerdict,
  pendingVerdict,
  type PeMasks,
  type PseudoNmiSetup,
} from '../inspect/index.ts';

/** How many pending interrupts each gate explains; the rest are counted in `more`. */
export const GATE_ENTRIES = 6;

/**
 * Each CPU interface's gate: the interrupts pending for it (enabled, routed to it, not active;
 * LPIs pending on its Redistributor, enabled as the Redistributor sees them),
 * highest priority first, each with the explainer's verdict. Only pending interrupts are
 * examined, so the cost follows what is pending, not the number of INTIDs.
 */
export function gateViews(
  gic: Gic,
  interrupts: readonly InterruptView[],
  peCount: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
): CpuGateView[] {
  const waiting: InterruptView[][] = Array.from({ length: peCount }, () => []);
  for (const irq of interrupts)
    // an LPI has no active state: one pending again while its handler runs is at the gate too
    if (
      (irq.state === 'pending' || (irq.class === 'lpi' && irq.state === 'active-pending')) &&
      irq.enabled &&
      irq.pe !== null
    )
      waiting[irq.pe]?.push(irq);
  return waiting.map((list, pe) => {
    list.sort((a, b) => a.priority - b.priority || a.intid - b.intid);
    const entries = list.slice(0, GATE_ENTRIES).map((irq) => {
      const verdict = (irq.class === 'lpi' ? pendingLpiVerdict : pendingVerdict)(
        gic,
        irq.intid,
        pe,
        masks,
        pseudoNmi,
      );
      return {
        key: irq.key,
        intid: irq.intid,
        priority: verdict.priority,
        mark: verdict.mark,
        reason: verdict.reason,
        nmiKind: verdict.nmiKind,
      };
    });
    return { pe, entries, more: list.length - entries.length };
  });
}
