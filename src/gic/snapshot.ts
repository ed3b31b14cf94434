import type { GicSnapshot } from './api.ts';
import { updateParticipation, refresh } from './interrupts.ts';
import type { Model } from './model.ts';
import type { GicState } from './state.ts';
import { restoreLpiState, snapshotLpiState } from './lpi/snapshot.ts';

type NumericArray = Uint8Array | Int16Array | Int32Array | Uint32Array;

/** The arrays that make up the state; heaps and heap bookkeeping are derived and rebuilt. */
function arrays(s: GicState): Record<string, NumericArray> {
  return {
    priority: s.priority,
    latch: s.latch,
    level: s.level,
    edge: s.edge,
    enabled: s.enabled,
    active: s.active,
    igroup: s.igroup,
    grpmod: s.grpmod,
    nmi: s.nmi,
    nsacr: s.nsacr,
    activeOn: s.activeOn,
    irouterLo: s.irouterLo,
    irouterHi: s.irouterHi,
    routeTarget: s.routeTarget,
    unplaced: s.unplaced,
    processorSleep: s.processorSleep,
    gicrCtlr: s.gicrCtlr,
    propbaser: s.propbaser,
    pendbaser: s.pendbaser,
    pmr: s.pmr,
    bpr: s.bpr,
    ctlrS: s.ctlrS,
    ctlrNs: s.ctlrNs,
    ctlrEl3EoiMode: s.ctlrEl3EoiMode,
    igrpen: s.igrpen,
    apr: s.apr,
    aprNmi: s.aprNmi,
    sctlrNmi: s.sctlrNmi,
    peSecurity: s.peSecurity,
    hppiSlot: s.hppiSlot,
    hppiKey: s.hppiKey,
    hppiGroup: s.hppiGroup,
    canSignal: s.canSignal,
    outIrq: s.outIrq,
    outFiq: s.outFiq,
    outNmi: s.outNmi,
  };
}

export function takeSnapshot(s: GicState): GicSnapshot {
  const state: Record<string, number[] | number> = {};
  for (const [name, a] of Object.entries(arrays(s))) state[name] = Array.from(a);
  state.gicdCtlr = s.gicdCtlr;
  state.rrLast = s.rrLast;
  state.rng = s.rng;
  return {
    format: 'gicscope.gic',
    version: 1,
    config: s.cfg,
    state: { ...state, ...snapshotLpiState(s) },
  };
}

export function restoreSnapshot(m: Model, snap: GicSnapshot): void {
  const s = m.s;
  if (snap.format !== 'gicscope.gic' || snap.version !== 1) {
    throw new Error('restore: not a gicscope GIC snapshot of version 1');
  }
  if (JSON.stringify(snap.config) !== JSON.stringify(s.cfg)) {
    throw new Error('restore: the snapshot was taken from a GIC with a different configuration');
  }
  for (const [name, a] of Object.entries(arrays(s))) {
    const src = snap.state[name];
    if (!Array.isArray(src) || src.length !== a.length) {
      throw new Error(`restore: snapshot field ${name} is missing or has the wrong length`);
    }
    a.set(src as number[]);
  }
  s.gicdCtlr = Number(snap.state.gicdCtlr);
  s.rrLast = Number(snap.state.rrLast);
  s.rng = Number(snap.state.rng);
  restoreLpiState(s, snap.state);
  // Rebuild the derived HPPI structures without events; the cached HPPI/outputs were restored.
  for (const h of s.heaps) h.length = 0;
  s.heapPe.fill(-1);
  for (let pe = 0; pe < s.peCount; pe++) updateParticipation(s, pe);
  const wasActive = m.ev.active;
  m.ev.active = false;
  for (let slot = 0; slot < s.slotCount; slot++) refresh(m, slot);
  m.ev.active = wasActive;
  s.dirty.fill(0);
  s.dirtyCount = 0;
}
