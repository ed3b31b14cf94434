import type {
  CpuInterfaceView,
  DistributorView,
  InterruptView,
  IntId,
  PeIndex,
  PeSecurityState,
  Priority,
  RedistributorView,
} from './api.ts';
import { hex64 } from '../lib/index.ts';
import { GROUP_NAMES, hppiOf, outputsOf, runningPriority } from './delivery.ts';
import { effectivePending, nmiEffective } from './interrupts.ts';
import { irouterAffinity, irouterIrm } from './kernels/routing.ts';
import {
  CTLR_ARE_S,
  CTLR_DS,
  CTLR_EN_GRP0,
  CTLR_EN_GRP1NS,
  CTLR_EN_GRP1S,
  G0,
  G1NS,
  G1S,
  ICC_CTLR_CBPR,
  ICC_CTLR_EOIMODE,
  PE_EL3,
  PE_SECURE,
  groupOf,
  type GicState,
} from './state.ts';

/** Read-only views for the UI and the machine: no side effects, plain data. */

export function interruptView(s: GicState, intid: number, pe: number): InterruptView {
  const slot = intid < 32 ? pe * 32 + intid : s.spiBase + intid - 32;
  const pending = effectivePending(s, slot);
  const active = s.active[slot] !== 0;
  const group = groupOf(s, slot);
  const activeOn = s.activeOn[slot] ?? -1;
  let route: InterruptView['route'] = null;
  if (intid >= 32) {
    const spi = intid - 32;
    const lo = s.irouterLo[spi] ?? 0;
    const hi = s.irouterHi[spi] ?? 0;
    const aff = irouterAffinity(lo, hi);
    const target = s.routeTarget[spi] ?? -1;
    route = {
      irouter: hex64(lo, hi),
      irm: irouterIrm(lo),
      affinity: {
        aff0: aff & 0xff,
        aff1: (aff >>> 8) & 0xff,
        aff2: (aff >>> 16) & 0xff,
        aff3: aff >>> 24,
      },
      targetPe: target < 0 ? null : (target as PeIndex),
    };
  }
  return {
    intid: intid as IntId,
    class: intid < 16 ? 'SGI' : intid < 32 ? 'PPI' : 'SPI',
    pe: intid < 32 ? (pe as PeIndex) : null,
    state: active ? (pending ? 'active-pending' : 'active') : pending ? 'pending' : 'inactive',
    pending,
    latch: s.latch[slot] !== 0,
    level: s.level[slot] !== 0,
    enabled: s.enabled[slot] !== 0,
    active,
    activeOn: active && activeOn >= 0 ? (activeOn as PeIndex) : null,
    group: GROUP_NAMES[group] ?? 'G0',
    priority: (s.priority[slot] ?? 0) as Priority,
    nmi: nmiEffective(s, slot, group),
    trigger: s.edge[slot] !== 0 ? 'edge' : 'level',
    route,
  };
}

const SECURITY_NAMES: readonly PeSecurityState[] = ['non-secure', 'secure', 'el3'];

export function cpuInterfaceView(s: GicState, pe: number): CpuInterfaceView {
  const words = (g: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < s.numAprs; i++) out.push(s.apr[(pe * 3 + g) * 4 + i] ?? 0);
    return out;
  };
  const rp = runningPriority(s, pe);
  const nmiNs = s.aprNmi[pe * 3 + G1NS] !== 0;
  const nmiS = s.aprNmi[pe * 3 + G1S] !== 0;
  return {
    pe: pe as PeIndex,
    pmr: (s.pmr[pe] ?? 0) as Priority,
    bpr0: s.bpr[pe * 3 + G0] ?? 0,
    bpr1Ns: s.bpr[pe * 3 + G1NS] ?? 0,
    bpr1S: s.bpr[pe * 3 + G1S] ?? 0,
    eoiModeNs: ((s.ctlrNs[pe] ?? 0) & ICC_CTLR_EOIMODE) !== 0,
    eoiModeS: ((s.ctlrS[pe] ?? 0) & ICC_CTLR_EOIMODE) !== 0,
    cbprNs: ((s.ctlrNs[pe] ?? 0) & ICC_CTLR_CBPR) !== 0,
    cbprS: ((s.ctlrS[pe] ?? 0) & ICC_CTLR_CBPR) !== 0,
    igrpen0: s.igrpen[pe * 3 + G0] !== 0,
    igrpen1Ns: s.igrpen[pe * 3 + G1NS] !== 0,
    igrpen1S: s.igrpen[pe * 3 + G1S] !== 0,
    activePriorities: {
      ap0r: words(G0),
      ap1rNs: words(G1NS),
      ap1rS: words(G1S),
      nmiNs,
      nmiS,
      nmi0: s.aprNmi[pe * 3 + G0] !== 0,
    },
    runningPriority: rp as Priority,
    runningNmi: s.cfg.nmi && (nmiNs || nmiS),
    hppi: hppiOf(s, pe),
    outputs: outputsOf(s, pe),
    securityState: SECURITY_NAMES[s.peSecurity[pe] ?? 0] ?? 'non-secure',
    sctlrNmi: s.sctlrNmi[pe] !== 0,
  };
}

export function redistributorView(s: GicState, pe: number): RedistributorView {
  const a = s.cfg.affinity[pe] ?? { aff0: 0, aff1: 0, aff2: 0, aff3: 0 };
  const ctlr = s.gicrCtlr[pe] ?? 0;
  const sleep = s.processorSleep[pe] !== 0;
  return {
    pe: pe as PeIndex,
    affinity: a,
    processorSleep: sleep,
    childrenAsleep: sleep,
    dpg0: (ctlr & (1 << 24)) !== 0,
    dpg1Ns: (ctlr & (1 << 25)) !== 0,
    dpg1S: (ctlr & (1 << 26)) !== 0,
  };
}

export function distributorView(s: GicState): DistributorView {
  const c = s.gicdCtlr;
  return {
    enableGrp0: (c & CTLR_EN_GRP0) !== 0,
    enableGrp1Ns: (c & CTLR_EN_GRP1NS) !== 0,
    enableGrp1S: (c & CTLR_EN_GRP1S) !== 0,
    ds: (c & CTLR_DS) !== 0,
    are: (c & CTLR_ARE_S) !== 0,
  };
}

export function securityIndex(state: PeSecurityState): number {
  return state === 'secure' ? PE_SECURE : state === 'el3' ? PE_EL3 : 0;
}
