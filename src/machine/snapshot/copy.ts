import type { Frame, MachineState, PeState } from '../state.ts';

/**
 * A private copy of the machine state, taken for a snapshot and again when one is restored (so a
 * snapshot can be restored any number of times). What the machine never mutates once made is
 * shared, not copied: agenda entries, ops, guest calls, log lines, PSTATE mask objects, results.
 * Everything it does mutate in place is copied.
 */
export function copyState(s: MachineState): MachineState {
  return {
    now: s.now,
    queue: { heap: s.queue.heap.slice(), nextSeq: s.queue.nextSeq },
    pes: s.pes.map(copyPe),
    guest: {
      calls: s.guest.calls.slice(),
      descs: Object.fromEntries(Object.entries(s.guest.descs).map(([k, d]) => [k, { ...d }])),
      counts: Object.fromEntries(Object.entries(s.guest.counts).map(([k, c]) => [k, c.slice()])),
      log: s.guest.log.slice(),
      logTotal: s.guest.logTotal,
      logTexts: { ...s.guest.logTexts },
      booted: s.guest.booted,
    },
    devices: s.devices.map((d) => ({ asserted: d.asserted.slice(), cursor: d.cursor })),
    injector: {
      mode: s.injector.mode,
      last: s.injector.last,
      chosen: s.injector.chosen.slice(),
      held: s.injector.held.slice(),
    },
    prng: s.prng,
    eventSeq: s.eventSeq,
    timelineNext: s.timelineNext,
    expectNext: s.expectNext,
    results: s.results.slice(),
  };
}

function copyPe(p: PeState): PeState {
  return {
    index: p.index,
    masks: p.masks,
    sctlrNmi: p.sctlrNmi,
    frames: p.frames.map(copyFrame),
    runAt: p.runAt,
    runToken: p.runToken,
    criticalSection: p.criticalSection,
    booted: p.booted,
  };
}

function copyFrame(f: Frame): Frame {
  return {
    kind: f.kind,
    label: f.label,
    intid: f.intid,
    nmi: f.nmi,
    ops: f.ops.slice(),
    vars: { ...f.vars },
    saved: f.saved,
    enteredAt: f.enteredAt,
    workEnd: f.workEnd,
  };
}
