import type { ResolvedGicConfig } from './api.ts';
import { packAffinity } from './config.ts';
import { createItsState, resetItsState, type ItsState } from './its/state.ts';
import { createLpiState, resetLpiState, type LpiState } from './lpi/state.ts';
import { GuestMemory } from './memory.ts';
import { PROFILES, type ProfileFlags } from './profile.ts';

/** Group encoding inside the model (same order as QEMU's trace `grp`: 0=G0, 1=G1S, 2=G1NS). */
export const G0 = 0;
export const G1S = 1;
export const G1NS = 2;
export type GroupIndex = 0 | 1 | 2;

/** GICD_CTLR bits (reference §2.2, Secure / DS=1 view). */
export const CTLR_EN_GRP0 = 1 << 0;
export const CTLR_EN_GRP1NS = 1 << 1;
export const CTLR_EN_GRP1S = 1 << 2;
export const CTLR_ARE_S = 1 << 4;
export const CTLR_ARE_NS = 1 << 5;
export const CTLR_DS = 1 << 6;

/** ICC_CTLR_EL1 writable bits. */
export const ICC_CTLR_CBPR = 1 << 0;
export const ICC_CTLR_EOIMODE = 1 << 1;

/** PE security state encoding. */
export const PE_NS = 0;
export const PE_SECURE = 1;
export const PE_EL3 = 2;

/**
 * The whole mutable state of one GIC. Interrupt state is indexed by *slot*: the banked SGIs/PPIs
 * of PE p occupy slots p·32 … p·32+31, SPI n (INTID n ≥ 32) occupies slot peCount·32 + n − 32.
 */
export interface GicState {
  readonly cfg: ResolvedGicConfig;
  readonly flags: ProfileFlags;
  readonly peCount: number;
  readonly spiCount: number;
  /** One past the highest implemented INTID (QEMU's num_irq). */
  readonly numIrq: number;
  readonly spiBase: number;
  readonly slotCount: number;
  readonly numAprs: number;
  /** 8 − preemptionBits: shift from a group priority to an APR bit index. */
  readonly aprShift: number;
  readonly minBpr0: number;
  readonly pmrMask: number;
  /** packed affinity → PE index. */
  readonly affinityToPe: ReadonlyMap<number, number>;
  readonly packedAffinity: Uint32Array;

  // Per slot.
  readonly priority: Uint8Array;
  readonly latch: Uint8Array;
  readonly level: Uint8Array;
  readonly edge: Uint8Array;
  readonly enabled: Uint8Array;
  readonly active: Uint8Array;
  readonly igroup: Uint8Array;
  readonly grpmod: Uint8Array;
  readonly nmi: Uint8Array;
  readonly nsacr: Uint8Array;
  /** PE that acknowledged the interrupt (−1 if not known). */
  readonly activeOn: Int16Array;
  // Heap bookkeeping per slot: which PE/group heap holds it, position, key.
  readonly heapPe: Int16Array;
  readonly heapGroup: Uint8Array;
  readonly heapPos: Int32Array;
  readonly heapKey: Int32Array;

  // Per SPI (index intid − 32).
  readonly irouterLo: Uint32Array;
  readonly irouterHi: Uint32Array;
  /** Current delivery target (−1: none). For IRM=1 SPIs it is the PE the SPI is offered to. */
  readonly routeTarget: Int16Array;
  /** 1 when a 1-of-N SPI is a candidate but no PE participates (waiting for one). */
  readonly unplaced: Uint8Array;

  // Distributor.
  gicdCtlr: number;

  // Redistributor per PE.
  readonly processorSleep: Uint8Array;
  readonly gicrCtlr: Uint32Array;
  readonly propbaser: Uint32Array;
  readonly pendbaser: Uint32Array;

  // CPU interface per PE.
  readonly pmr: Uint8Array;
  readonly bpr: Uint8Array; // pe·3 + group (G0, G1S, G1NS)
  readonly ctlrS: Uint8Array;
  readonly ctlrNs: Uint8Array;
  readonly ctlrEl3EoiMode: Uint8Array;
  readonly igrpen: Uint8Array; // pe·3 + group
  readonly apr: Uint32Array; // (pe·3 + group)·4 + n
  readonly aprNmi: Uint8Array; // pe·3 + group: the NMI bit 63 of AP1R0 (and AP0R0 under qemu)
  readonly sctlrNmi: Uint8Array;
  readonly peSecurity: Uint8Array;

  // Delivery cache per PE.
  readonly heaps: number[][]; // pe·3 + group → slots ordered as a binary min-heap on heapKey
  readonly hppiSlot: Int32Array;
  readonly hppiKey: Int32Array;
  readonly hppiGroup: Uint8Array;
  readonly canSignal: Uint8Array;
  readonly outIrq: Uint8Array;
  readonly outFiq: Uint8Array;
  readonly outNmi: Uint8Array;
  readonly dirty: Uint8Array;
  readonly dirtyList: Int32Array;
  dirtyCount: number;

  // LPIs and the ITS (lpi/, its/); the tables themselves are in memory.
  readonly memory: GuestMemory;
  readonly lpi: LpiState;
  readonly its: ItsState | null;
  /** GICR_PENDBASER.PTZ as last written (write-only in the register). */
  readonly pendbaserPtz: Uint8Array;

  // 1-of-N.
  /** group·8 + word: bit p set when PE p participates in 1-of-N selection for that group. */
  readonly participants: Uint32Array;
  rrLast: number;
  rng: number;
}

export function createState(cfg: ResolvedGicConfig): GicState {
  const { peCount, spiCount } = cfg;
  const slotCount = peCount * 32 + spiCount;
  const affinityToPe = new Map<number, number>();
  const packedAffinity = new Uint32Array(peCount);
  cfg.affinity.forEach((a, pe) => {
    packedAffinity[pe] = packAffinity(a);
    affinityToPe.set(packAffinity(a), pe);
  });
  const prebits = cfg.preemptionBits;
  const heaps: number[][] = [];
  for (let i = 0; i < peCount * 3; i++) heaps.push([]);
  const state: GicState = {
    cfg,
    flags: PROFILES[cfg.profile],
    peCount,
    spiCount,
    numIrq: 32 + spiCount,
    spiBase: peCount * 32,
    slotCount,
    numAprs: 1 << Math.max(prebits - 5, 0),
    aprShift: 8 - prebits,
    minBpr0: 7 - prebits,
    pmrMask: (0xff << (8 - cfg.priorityBits)) & 0xff,
    affinityToPe,
    packedAffinity,
    priority: new Uint8Array(slotCount),
    latch: new Uint8Array(slotCount),
    level: new Uint8Array(slotCount),
    edge: new Uint8Array(slotCount),
    enabled: new Uint8Array(slotCount),
    active: new Uint8Array(slotCount),
    igroup: new Uint8Array(slotCount),
    grpmod: new Uint8Array(slotCount),
    nmi: new Uint8Array(slotCount),
    nsacr: new Uint8Array(slotCount),
    activeOn: new Int16Array(slotCount),
    heapPe: new Int16Array(slotCount),
    heapGroup: new Uint8Array(slotCount),
    heapPos: new Int32Array(slotCount),
    heapKey: new Int32Array(slotCount),
    irouterLo: new Uint32Array(spiCount),
    irouterHi: new Uint32Array(spiCount),
    routeTarget: new Int16Array(spiCount),
    unplaced: new Uint8Array(spiCount),
    gicdCtlr: 0,
    processorSleep: new Uint8Array(peCount),
    gicrCtlr: new Uint32Array(peCount),
    propbaser: new Uint32Array(peCount * 2),
    pendbaser: new Uint32Array(peCount * 2),
    pmr: new Uint8Array(peCount),
    bpr: new Uint8Array(peCount * 3),
    ctlrS: new Uint8Array(peCount),
    ctlrNs: new Uint8Array(peCount),
    ctlrEl3EoiMode: new Uint8Array(peCount),
    igrpen: new Uint8Array(peCount * 3),
    apr: new Uint32Array(peCount * 12),
    aprNmi: new Uint8Array(peCount * 3),
    sctlrNmi: new Uint8Array(peCount),
    peSecurity: new Uint8Array(peCount),
    heaps,
    hppiSlot: new Int32Array(peCount),
    hppiKey: new Int32Array(peCount),
    hppiGroup: new Uint8Array(peCount),
    canSignal: new Uint8Array(peCount),
    outIrq: new Uint8Array(peCount),
    outFiq: new Uint8Array(peCount),
    outNmi: new Uint8Array(peCount),
    dirty: new Uint8Array(peCount),
    dirtyList: new Int32Array(peCount),
    dirtyCount: 0,
    memory: new GuestMemory(cfg.memory),
    lpi: createLpiState(peCount, cfg.lpiConfigCache),
    its: cfg.its ? createItsState() : null,
    pendbaserPtz: new Uint8Array(peCount),
    participants: new Uint32Array(24),
    rrLast: -1,
    rng: cfg.seed,
  };
  resetState(state);
  return state;
}

/**
 * Reset values (reference §8.1 item 7, common to both profiles): everything disabled, inactive,
 * Group 0, priority 0, SGIs edge / PPIs and SPIs level, IROUTER 0, WAKER = ProcessorSleep |
 * ChildrenAsleep, PMR 0, BPRs at their minimum (BPR1 NS one higher), APRs and IGRPEN 0.
 */
export function resetState(s: GicState): void {
  for (const a of [s.priority, s.latch, s.level, s.edge, s.enabled, s.active, s.igroup]) a.fill(0);
  for (const a of [s.grpmod, s.nmi, s.nsacr, s.heapGroup, s.heapPos, s.heapKey]) a.fill(0);
  s.activeOn.fill(-1);
  s.heapPe.fill(-1);
  for (let pe = 0; pe < s.peCount; pe++) s.edge.fill(1, pe * 32, pe * 32 + 16);
  s.irouterLo.fill(0);
  s.irouterHi.fill(0);
  s.routeTarget.fill(-1);
  s.unplaced.fill(0);
  s.gicdCtlr = s.cfg.securityExtensions ? CTLR_ARE_S | CTLR_ARE_NS : CTLR_DS | CTLR_ARE_S;
  s.processorSleep.fill(1);
  for (const a of [s.gicrCtlr, s.propbaser, s.pendbaser, s.pmr, s.ctlrS, s.ctlrNs]) a.fill(0);
  for (let pe = 0; pe < s.peCount; pe++) {
    s.bpr[pe * 3 + G0] = s.minBpr0;
    s.bpr[pe * 3 + G1S] = s.minBpr0;
    s.bpr[pe * 3 + G1NS] = s.minBpr0 + 1;
  }
  for (const a of [s.ctlrEl3EoiMode, s.igrpen, s.apr, s.aprNmi]) a.fill(0);
  // SCTLR_ELx.NMI and the PE's security state are inputs owned by the PE, not reset by the GIC.
  for (const h of s.heaps) h.length = 0;
  s.hppiSlot.fill(-1);
  s.hppiKey.fill(0x7fffffff);
  s.hppiGroup.fill(0);
  for (const a of [s.canSignal, s.outIrq, s.outFiq, s.outNmi, s.dirty]) a.fill(0);
  s.dirtyCount = 0;
  s.memory.clear();
  resetLpiState(s.lpi);
  if (s.its !== null) resetItsState(s.its);
  s.pendbaserPtz.fill(0);
  s.participants.fill(0);
  s.rrLast = -1;
  s.rng = s.cfg.seed;
  // SPIs route to the PE with affinity 0 after reset (IROUTER = 0).
  const pe0 = s.affinityToPe.get(0) ?? -1;
  s.routeTarget.fill(pe0);
}

export function slotOf(s: GicState, intid: number, pe: number): number {
  return intid < 32 ? pe * 32 + intid : s.spiBase + intid - 32;
}

export function intidOfSlot(s: GicState, slot: number): number {
  return slot < s.spiBase ? slot & 31 : slot - s.spiBase + 32;
}

export function ownerPeOfSlot(s: GicState, slot: number): number {
  return slot < s.spiBase ? slot >> 5 : -1;
}

export function isDs(s: GicState): boolean {
  return (s.gicdCtlr & CTLR_DS) !== 0;
}

/** Group from IGROUPR + IGRPMODR (reference §2.4); (1,1) is reserved and behaves as G1NS. */
export function groupOf(s: GicState, slot: number): number {
  if (s.igroup[slot] !== 0) return G1NS;
  if ((s.gicdCtlr & CTLR_DS) !== 0) return G0;
  return s.grpmod[slot] !== 0 ? G1S : G0;
}
