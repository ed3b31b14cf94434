import type { InspectionView } from '../../protocol/index.ts';
import { cpuPanel } from './cpu-panel.ts';
import { distributorPanel } from './distributor-panel.ts';
import { explain } from './explanation.ts';
import { itsPanel } from './its-panel.ts';
import type { InspectionInput } from './input.ts';
import { buildLadder } from './ladder.ts';
import { redistributorPanel } from './redistributor-panel.ts';

export { pendingLpiVerdict, pendingVerdict, type PendingVerdict } from './verdict.ts';
export type { InspectionInput, PeMasks, PseudoNmiSetup, WarningEvent } from './input.ts';

/**
 * Registers, the priority ladder and the explanation for one PE (and INTID). Reads the model's
 * views and side-effect-free registers only: never ICC_IAR0/IAR1/NMIAR1.
 */
export function buildInspection(input: InspectionInput): InspectionView {
  const { gic, pe, intid, recentWarnings } = input;
  return {
    pe,
    intid,
    distributor: distributorPanel(gic, intid, recentWarnings),
    redistributor: redistributorPanel(gic, pe, intid, recentWarnings),
    cpuInterface: cpuPanel(gic, pe, recentWarnings),
    ladder: buildLadder(gic, pe, input.masks, input.pseudoNmi),
    explanation: intid === null ? null : explain(gic, intid, pe, input.masks, input.pseudoNmi),
    ...(gic.config.its ? { its: itsPanel(gic, pe, intid) } : {}),
  };
}
