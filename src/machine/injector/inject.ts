import { emit, hex, scheduleAt } from '../core.ts';
import type { Core } from '../core.ts';
import type { MaskingExplanation, NmiCandidate } from '../events.ts';
import type { InjectorMode } from '../scenario/index.ts';
import { lineKey } from '../state.ts';
import { enabledInterrupts, findCandidates, noCandidateReason } from './candidates.ts';

function after(a: NmiCandidate, last: { intid: number; pe: number | null }): boolean {
  return a.intid > last.intid || (a.intid === last.intid && (a.pe ?? -1) > (last.pe ?? -1));
}

/**
 * The 2019 QEMU RFC's `nmi` command as a model feature (reference §9): raise the next candidate
 * after the last one raised, wrapping around. Level lines are held until acknowledged.
 */
export function injectNmi(core: Core, mode: InjectorMode): void {
  const inj = core.state.injector;
  inj.mode = mode;
  const candidates = findCandidates(core, mode);
  if (candidates.length === 0) {
    const { reason, fix } = noCandidateReason(core, mode);
    emit(core, { kind: 'nmi-injection-failed', mode, reason, fix });
    return;
  }
  const last = inj.last;
  const cursorBefore =
    last === null ? -1 : candidates.findIndex((c) => c.intid === last.intid && c.pe === last.pe);
  const found = last === null ? 0 : candidates.findIndex((c) => after(c, last));
  const chosenIndex = found === -1 ? 0 : found;
  const chosen = candidates[chosenIndex];
  inj.last = { intid: chosen.intid, pe: chosen.pe };
  inj.chosen.push(chosen.intid);
  const explanation = chosen.targetPe === null ? null : explain(core, chosen, chosen.targetPe);
  emit(core, {
    kind: 'nmi-injected',
    mode,
    candidates,
    cursorBefore,
    chosenIndex,
    chosen,
    nextIndex: (chosenIndex + 1) % candidates.length,
    targetPe: chosen.targetPe,
    explanation,
  });
  const view = core.gic.interrupt(chosen.intid, chosen.pe ?? undefined);
  core.gic.setLevel(chosen.intid, true, chosen.pe ?? undefined);
  if (view.trigger === 'edge') {
    core.gic.setLevel(chosen.intid, false, chosen.pe ?? undefined);
  } else {
    const key = lineKey(chosen.intid, chosen.pe);
    if (!inj.held.includes(key)) inj.held.push(key);
  }
}

/** Called for each acknowledge: an injected level line drops once its interrupt is taken. */
export function releaseOnAcknowledge(core: Core, intid: number, pe: number): void {
  const inj = core.state.injector;
  const key = inj.held.find((k) => k === lineKey(intid, intid < 32 ? pe : null));
  if (key === undefined) return;
  inj.held = inj.held.filter((k) => k !== key);
  scheduleAt(core, core.state.now, { kind: 'lower-line', intid, pe: intid < 32 ? pe : null });
}

function explain(core: Core, chosen: NmiCandidate, pe: number): MaskingExplanation {
  const cpu = core.gic.cpuInterface(pe);
  const pmr = cpu.pmr as number;
  const rpr = cpu.runningPriority as number;
  const nmiVerdict = chosen.nmiProperty
    ? `INTID ${chosen.intid} has superpriority: PMR ${hex(pmr)} does not mask it; ICC_IAR1_EL1 reads 1022, ICC_NMIAR1_EL1 acknowledges it`
    : chosen.priority < pmr
      ? `NMI priority ${hex(chosen.priority)} < PMR ${hex(pmr)}: passes the mask`
      : `NMI priority ${hex(chosen.priority)} is not < PMR ${hex(pmr)}: masked too`;
  const heldBack = enabledInterrupts(core, true)
    .filter(
      (v) =>
        v.pending && v.enabled && !v.nmi && !v.active && (v.pe === pe || v.route?.targetPe === pe),
    )
    .filter((v) => !(v.intid === chosen.intid && v.pe === chosen.pe))
    .map((v) => {
      const p = v.priority as number;
      const reason =
        p >= pmr
          ? `${hex(p)} is not < PMR ${hex(pmr)}: masked by PMR`
          : p >= rpr
            ? `${hex(p)} is not above the running priority ${hex(rpr)}: waits`
            : 'can be taken';
      return { intid: v.intid, priority: p, reason };
    });
  return { pe, pmr, runningPriority: rpr, nmiVerdict, heldBack };
}
