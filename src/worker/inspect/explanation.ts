import type { Gic } from '../../gic/index.ts';
import type { ExplanationView } from '../../protocol/index.ts';
import { gateContext, type Gate } from './gate-context.ts';
import { cpuGroupGate, pmrGate, runningPriorityGate } from './gates-cpu.ts';
import { awakeGate, distributorGroupGate, enabledGate, routedGate } from './gates-distributor.ts';
import {
  enableLpisGate,
  itsMappingGate,
  lpiConfigGate,
  lpiGateContext,
  lpiPendingGate,
  lpiTablesGate,
} from './gates-lpi.ts';
import { firstInLineGate, notActiveGate, peMaskGate, pendingGate } from './gates-pe.ts';
import type { PeMasks, PseudoNmiSetup } from './input.ts';
import { interruptName } from './words.ts';

/**
 * The gating chain in the order the hardware applies it (reference §1.3, §4.5, §6). "Not active"
 * comes before the CPU interface: an active interrupt is no HPPI candidate (§4.5 step 1).
 * "Pending" comes late so that a configuration fault is reported even while nothing is raised.
 */
export const GATING_CHAIN: readonly Gate[] = [
  enabledGate,
  distributorGroupGate,
  routedGate,
  awakeGate,
  notActiveGate,
  cpuGroupGate,
  pmrGate,
  runningPriorityGate,
  peMaskGate,
  pendingGate,
  firstInLineGate,
];

/** "Why isn't it delivered?": every gate's verdict; the first blocked one is the answer. */
export function explain(
  gic: Gic,
  intid: number,
  selectedPe: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
): ExplanationView {
  if (
    gic.config.lpis &&
    Number.isInteger(intid) &&
    intid >= 8192 &&
    intid < 2 ** gic.config.lpiIdBits
  )
    return explainLpi(gic, intid, selectedPe, masks, pseudoNmi);
  if (!Number.isInteger(intid) || intid < 0 || intid > gic.config.maxSpiIntId)
    return {
      intid,
      pe: null,
      summary: `INTID ${intid} is not implemented: SPIs go up to ${gic.config.maxSpiIntId} (GICD_TYPER.ITLinesNumber)`,
      steps: [],
    };
  const ctx = gateContext(gic, intid, selectedPe, masks, pseudoNmi);
  const results = GATING_CHAIN.map((gate) => gate(ctx));
  const first = results.find((r) => r.summary !== null);
  const where = ctx.pe !== null ? ` on PE ${ctx.pe}` : '';
  return {
    intid,
    pe: ctx.pe,
    summary: first?.summary ?? `${interruptName(intid)} would be taken now${where}`,
    steps: results.map((r) => r.step),
  };
}

/**
 * The LPI chain (reference §3.4, §3.5): ITS mapping, the Redistributor's LPI state and tables, the
 * configuration byte it uses, the Distributor's Group 1 enable, then the CPU interface and PE.
 */
function explainLpi(
  gic: Gic,
  intid: number,
  selectedPe: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
): ExplanationView {
  const ctx = lpiGateContext(gic, intid, selectedPe, masks, pseudoNmi);
  const chain: readonly Gate[] = [
    () => itsMappingGate(ctx),
    () => enableLpisGate(ctx),
    () => lpiTablesGate(ctx),
    () => lpiConfigGate(ctx),
    distributorGroupGate,
    cpuGroupGate,
    pmrGate,
    runningPriorityGate,
    peMaskGate,
    () => lpiPendingGate(ctx),
    firstInLineGate,
  ];
  const results = chain.map((gate) => gate(ctx));
  const first = results.find((r) => r.summary !== null);
  return {
    intid,
    pe: ctx.pe,
    summary: first?.summary ?? `LPI ${intid} would be taken now on PE ${ctx.pe}`,
    steps: results.map((r) => r.step),
  };
}
