import type { Hppi, ResolvedGicConfig } from './api.ts';
import { packAffinity } from './config.ts';
import { createItsState, resetItsState, type ItsState } from './its/state.ts';
import { createLpiState, resetLpiState, type LpiState } from './lpi/state.ts';
import { GuestMemory } from './memory.ts';
import { PROFILES, type ProfileFlags } from './profile.ts';
import { allocatePersistent, type PersistentViews } from './state-layout.ts';

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
 * So within one PE's candidates slot order is INTID order, which the HPPI tie-break relies on.
 *
 * The persistent fields (PersistentViews) are views into one buffer, `persistent`; see
 * state-layout.ts. Everything below "Delivery cache" is derived from them and rebuilt on restore.
 */
export interface GicState extends PersistentViews {
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

  /** Every persistent field's bytes (the views share this buffer). */
  readonly persistent: Uint8Array;

  // Persistent scalars.
  gicdCtlr: number;
  rrLast: number;
  rng: number;

  // Heap bookkeeping per slot: which PE/group heap holds it, position, key.
  readonly heapPe: Int16Array;
  readonly heapGroup: Uint8Array;
  readonly heapPos: Int32Array;
  readonly heapKey: Int32Array;

  // Delivery cache per PE.
  readonly heaps: number[][]; // pe·3 + group → slots ordered as a binary min-heap on heapKey
  readonly hppiSlot: Int32Array;
  readonly hppiKey: Int32Array;
  readonly hppiGroup: Uint8Array;
  /** Running priority per PE (ICC_RPR_EL1's priority), recomputed when its APRs change. */
  readonly rpr: Uint8Array;
  /** The Hppi object last handed out per PE, reused while the HPPI stays the same. */
  readonly hppiObject: (Hppi | null)[];
  /** Per slot: the Hppi object last made for it, reused when it is the HPPI again unchanged. */
  readonly hppiBySlot: (Hppi | null)[];
  readonly canSignal: Uint8Array;
  /** The PE's output lines as bits: IRQ 1, FIQ 2, NMI 4 (delivery.ts). */
  readonly outputs: Uint8Array;
  readonly dirty: Uint8Array;
  readonly dirtyList: Int32Array;
  dirtyCount: number;

  // 1-of-N.
  /** group·8 + word: bit p set when PE p participates in 1-of-N selection for that group. */
  readonly participants: Uint32Array;
  /** cfg.oneOfN is not 'unsupported': GICD_IROUTER.IRM selects 1-of-N routing. */
  readonly oneOfNSupported: boolean;
  /** How many SPIs have `unplaced` set, so a participation change need not scan for them. */
  unplacedCount: number;

  // LPIs and the ITS (lpi/, its/); their tables are in memory. Snapshotted by lpi/snapshot.ts.
  readonly memory: GuestMemory;
  readonly lpi: LpiState;
  readonly its: ItsState | null;
  /** GICR_PENDBASER.PTZ as last written (write-only in the register). */
  readonly pendbaserPtz: Uint8Array;
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
  const { bytes, views } = allocatePersistent(cfg);
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
    persistent: bytes,
    ...views,
    gicdCtlr: 0,
    rrLast: -1,
    rng: cfg.seed,
    heapPe: new Int16Array(slotCount),
    heapGroup: new Uint8Array(slotCount),
    heapPos: new Int32Array(slotCount),
    heapKey: new Int32Array(slotCount),
    heaps,
    hppiSlot: new Int32Array(peCount),
    hppiKey: new Int32Array(peCount),
    hppiGroup: new Uint8Array(peCount),
    rpr: new Uint8Array(peCount),
    hppiObject: new Array<Hppi | null>(peCount).fill(null),
    hppiBySlot: new Array<Hppi | null>(slotCount).fill(null),
    canSignal: new Uint8Array(peCount),
    outputs: new Uint8Array(peCount),
    dirty: new Uint8Array(peCount),
    dirtyList: new Int32Array(peCount),
    dirtyCount: 0,
    participants: new Uint32Array(24),
    oneOfNSupported: cfg.oneOfN !== 'unsupported',
    unplacedCount: 0,
    memory: new GuestMemory(cfg.memory),
    lpi: createLpiState(peCount, cfg.lpiConfigCache),
    its: cfg.its ? createItsState() : null,
    pendbaserPtz: new Uint8Array(peCount),
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
  // SCTLR_ELx.NMI and the PE's security state are inputs owned by the PE, not reset by the GIC.
  const sctlrNmi = s.sctlrNmi.slice();
  const peSecurity = s.peSecurity.slice();
  s.persistent.fill(0);
  s.sctlrNmi.set(sctlrNmi);
  s.peSecurity.set(peSecurity);
  s.activeOn.fill(-1);
  for (let pe = 0; pe < s.peCount; pe++) s.edge.fill(1, pe * 32, pe * 32 + 16);
  s.gicdCtlr = s.cfg.securityExtensions ? CTLR_ARE_S | CTLR_ARE_NS : CTLR_DS | CTLR_ARE_S;
  s.processorSleep.fill(1);
  for (let pe = 0; pe < s.peCount; pe++) {
    s.bpr[pe * 3 + G0] = s.minBpr0;
    s.bpr[pe * 3 + G1S] = s.minBpr0;
    s.bpr[pe * 3 + G1NS] = s.minBpr0 + 1;
  }
  s.rrLast = -1;
  s.rng = s.cfg.seed;
  // SPIs route to the PE with affinity 0 after reset (IROUTER = 0).
  s.routeTarget.fill(s.affinityToPe.get(0) ?? -1);
  s.memory.clear();
  resetLpiState(s.lpi);
  if (s.its !== null) resetItsState(s.its);
  s.pendbaserPtz.fill(0);
  clearDerived(s);
}

/** Empties the delivery caches; refreshAll + deliver rebuild them from the persistent fields. */
export function clearDerived(s: GicState): void {
  for (const h of s.heaps) h.length = 0;
  s.heapPe.fill(-1);
  s.heapGroup.fill(0);
  s.heapPos.fill(0);
  s.heapKey.fill(0);
  s.hppiSlot.fill(-1);
  s.hppiKey.fill(KEY_NONE);
  s.hppiGroup.fill(0);
  // Idle: right after a reset, where every APR is 0; a restore recomputes it (snapshot.ts).
  s.rpr.fill(0xff);
  s.hppiObject.fill(null);
  s.lpi.hppiIntid.fill(-1);
  for (const a of [s.canSignal, s.outputs, s.dirty]) a.fill(0);
  s.dirtyCount = 0;
  s.participants.fill(0);
  s.unplacedCount = 0;
}

/**
 * HPPI-candidate key, ordered like the HPPI rule: priority, then NMI before non-NMI (GICv3.3),
 * then the lowest INTID (IMPDEF, like QEMU's irqbetter) — slot order is INTID order within the
 * candidates of one PE. Bits: priority [29:22], not-NMI [21], slot [20:0].
 */
export function candidateKey(priority: number, nmi: boolean, slot: number): number {
  return (priority << 22) | (nmi ? 0 : 1 << 21) | slot;
}

/** The key of "no candidate": above every real key. */
export const KEY_NONE = 0x7fffffff;

export function keyPriority(key: number): number {
  return key >>> 22;
}

export function keyIsNmi(key: number): boolean {
  return (key & (1 << 21)) === 0;
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
