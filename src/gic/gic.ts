import type {
  AccessSize,
  CpuInterfaceView,
  DistributorView,
  Gic,
  GicConfig,
  GicListener,
  GicSnapshot,
  GicSnapshotJson,
  InterruptView,
  ItsView,
  LpiView,
  MmioAccessOptions,
  Outputs,
  PeSecurityState,
  RedistributorLpiView,
  RedistributorView,
  ResolvedGicConfig,
  SysregAccessOptions,
} from './api.ts';
import { resolveConfig as resolveConfig_ } from './config.ts';
import { deliver as deliver_, outputsOf as outputsOf_ } from './delivery.ts';
import { Emitter as Emitter_ } from './events.ts';
import {
  cpuInterfaceView as cpuInterfaceView_,
  distributorView as distributorView_,
  interruptView as interruptView_,
  redistributorView as redistributorView_,
  securityIndex as securityIndex_,
} from './inspect.ts';
import { setLine as setLine_ } from './interrupt-ops.ts';
import {
  markAllDirty as markAllDirty_,
  markDirty as markDirty_,
  refreshAll as refreshAll_,
} from './interrupts.ts';
import type { SysregContext } from './acknowledge.ts';
import type { Model } from './model.ts';
import {
  mmioRead as mmioRead_,
  mmioWrite as mmioWrite_,
  peekMmio as peekMmio_,
  peekSysreg as peekSysreg_,
  silently as silently_,
  sysregRead as sysregRead_,
  sysregWrite as sysregWrite_,
  toBigInt as toBigInt_,
} from './register-access.ts';
import {
  restoreSnapshot as restoreSnapshot_,
  snapshotToJson as snapshotToJson_,
  takeSnapshot as takeSnapshot_,
} from './snapshot.ts';
import { itsView as itsView_ } from './its/inspect.ts';
import { GITS_TRANSLATER as GITS_TRANSLATER_ } from './its/registers.ts';
import {
  lpiView as lpiView_,
  redistributorLpiView as redistributorLpiView_,
} from './lpi/inspect.ts';
import { createState as createState_, resetState as resetState_ } from './state.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const resolveConfig = resolveConfig_;
const deliver = deliver_;
const outputsOf = outputsOf_;
const Emitter = Emitter_;
const cpuInterfaceView = cpuInterfaceView_;
const distributorView = distributorView_;
const interruptView = interruptView_;
const redistributorView = redistributorView_;
const securityIndex = securityIndex_;
const setLine = setLine_;
const markAllDirty = markAllDirty_;
const markDirty = markDirty_;
const refreshAll = refreshAll_;
const mmioRead = mmioRead_;
const mmioWrite = mmioWrite_;
const peekMmio = peekMmio_;
const peekSysreg = peekSysreg_;
const silently = silently_;
const sysregRead = sysregRead_;
const sysregWrite = sysregWrite_;
const toBigInt = toBigInt_;
const restoreSnapshot = restoreSnapshot_;
const snapshotToJson = snapshotToJson_;
const takeSnapshot = takeSnapshot_;
const itsView = itsView_;
const GITS_TRANSLATER = GITS_TRANSLATER_;
const lpiView = lpiView_;
const redistributorLpiView = redistributorLpiView_;
const createState = createState_;
const resetState = resetState_;

/** #checkPe's error, apart: the check runs on every access and is inlined into it (events.ts). */
function peOutOfRange(pe: number, what: string, peCount: number): never {
  throw new RangeError(`${what}: PE index ${pe} is outside 0…${peCount - 1}`);
}

/** Builds a GICv3 model. Invalid configuration (programmer input) throws. */
export function createGic(config: GicConfig): Gic {
  return new GicModel(resolveConfig(config));
}

/**
 * The public face of one model. A class, so every model shares one set of methods: call sites
 * in the machine and in benchmarks stay monomorphic however many models exist.
 */
class GicModel implements Gic {
  readonly config: ResolvedGicConfig;
  readonly #m: Model;

  constructor(cfg: ResolvedGicConfig) {
    this.config = cfg;
    // Dense from the start (filled at scattered indices it would become a slow sparse array).
    const contexts = new Array<SysregContext | undefined>(cfg.peCount * 8).fill(undefined);
    // The usual context (Non-secure EL1, index pe · 8) exists from the start: sysregContext then
    // never calls contextFor for it, and V8 does not inline that rare path into every access.
    for (let pe = 0; pe < cfg.peCount; pe++)
      contexts[pe * 8] = Object.freeze({ pe, secure: false, el3: false, peek: false });
    this.#m = { s: createState(cfg), ev: new Emitter(), hi: 0, contexts };
  }

  #checkPe(pe: number, what: string): void {
    if (!Number.isInteger(pe) || pe < 0 || pe >= this.config.peCount)
      peOutOfRange(pe, what, this.config.peCount);
  }

  /** Any call that changes state outside the register paths: same protocol (Emitter.enter). */
  #change(what: string, work: () => void): void {
    const ev = this.#m.ev;
    ev.enter(what);
    try {
      work();
    } catch (error) {
      ev.abandon();
      throw error;
    }
    ev.settle(undefined);
  }

  readDistributor(offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint {
    const m = this.#m;
    const lo = mmioRead(m, 'distributor', null, offset, size, opts);
    return m.ev.settle(toBigInt(lo, m.hi));
  }

  readDistributor32(offset: number, size: AccessSize, opts?: MmioAccessOptions): number {
    const m = this.#m;
    return m.ev.settle(mmioRead(m, 'distributor', null, offset, size, opts));
  }

  writeDistributor(
    offset: number,
    value: bigint | number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): void {
    const m = this.#m;
    mmioWrite(m, 'distributor', null, offset, value, size, opts);
    m.ev.settle(undefined);
  }

  readRedistributor(
    pe: number,
    offset: number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): bigint {
    this.#checkPe(pe, 'readRedistributor');
    const m = this.#m;
    const lo = mmioRead(m, 'redistributor', pe, offset, size, opts);
    return m.ev.settle(toBigInt(lo, m.hi));
  }

  readRedistributor32(
    pe: number,
    offset: number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): number {
    this.#checkPe(pe, 'readRedistributor32');
    const m = this.#m;
    return m.ev.settle(mmioRead(m, 'redistributor', pe, offset, size, opts));
  }

  writeRedistributor(
    pe: number,
    offset: number,
    value: bigint | number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): void {
    this.#checkPe(pe, 'writeRedistributor');
    const m = this.#m;
    mmioWrite(m, 'redistributor', pe, offset, value, size, opts);
    m.ev.settle(undefined);
  }

  readSysreg(pe: number, name: string, opts?: SysregAccessOptions): bigint {
    this.#checkPe(pe, 'readSysreg');
    const m = this.#m;
    const lo = sysregRead(m, pe, name, opts);
    return m.ev.settle(toBigInt(lo, m.hi));
  }

  readSysreg32(pe: number, name: string, opts?: SysregAccessOptions): number {
    this.#checkPe(pe, 'readSysreg32');
    const m = this.#m;
    return m.ev.settle(sysregRead(m, pe, name, opts));
  }

  writeSysreg(pe: number, name: string, value: bigint | number, opts?: SysregAccessOptions): void {
    this.#checkPe(pe, 'writeSysreg');
    const m = this.#m;
    sysregWrite(m, pe, name, value, opts);
    m.ev.settle(undefined);
  }

  peekDistributor(offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint {
    const m = this.#m;
    const lo = peekMmio(m, 'distributor', 0, offset, size, opts);
    return toBigInt(lo, m.hi);
  }

  peekDistributor32(offset: number, size: AccessSize, opts?: MmioAccessOptions): number {
    return peekMmio(this.#m, 'distributor', 0, offset, size, opts);
  }

  peekRedistributor(
    pe: number,
    offset: number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): bigint {
    this.#checkPe(pe, 'peekRedistributor');
    const m = this.#m;
    const lo = peekMmio(m, 'redistributor', pe, offset, size, opts);
    return toBigInt(lo, m.hi);
  }

  peekRedistributor32(
    pe: number,
    offset: number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): number {
    this.#checkPe(pe, 'peekRedistributor32');
    return peekMmio(this.#m, 'redistributor', pe, offset, size, opts);
  }

  peekSysreg(pe: number, name: string, opts?: SysregAccessOptions): bigint {
    this.#checkPe(pe, 'peekSysreg');
    const m = this.#m;
    const lo = peekSysreg(m, pe, name, opts);
    return toBigInt(lo, m.hi);
  }

  peekSysreg32(pe: number, name: string, opts?: SysregAccessOptions): number {
    this.#checkPe(pe, 'peekSysreg32');
    return peekSysreg(this.#m, pe, name, opts);
  }

  readIts(offset: number, size: AccessSize): bigint {
    const m = this.#m;
    const lo = mmioRead(m, 'its', null, offset, size, undefined);
    return m.ev.settle(toBigInt(lo, m.hi));
  }

  writeIts(
    offset: number,
    value: bigint | number,
    size: AccessSize,
    opts?: { readonly deviceId?: number },
  ): void {
    const deviceId = opts?.deviceId ?? 0;
    if (!Number.isInteger(deviceId) || deviceId < 0 || deviceId > 0xffffffff) {
      throw new RangeError(`writeIts: DeviceID ${deviceId} is not a 32-bit unsigned integer`);
    }
    const m = this.#m;
    mmioWrite(m, 'its', null, offset, value, size, opts);
    m.ev.settle(undefined);
  }

  peekIts(offset: number, size: AccessSize): bigint {
    const m = this.#m;
    const lo = peekMmio(m, 'its', 0, offset, size, undefined);
    return toBigInt(lo, m.hi);
  }

  sendMsi(deviceId: number, eventId: number): void {
    this.writeIts(GITS_TRANSLATER, eventId >>> 0, 4, { deviceId });
  }

  writeMemory(address: number, value: bigint | number, size: AccessSize): void {
    const s = this.#m.s;
    if (!Number.isInteger(address) || address < 0 || ![1, 2, 4, 8].includes(size)) {
      throw new RangeError(`writeMemory: bad address 0x${address.toString(16)} or size ${size}`);
    }
    if (!s.memory.contains(address, size)) {
      this.#m.ev.warn(
        'its-memory-fault',
        `guest write to 0x${address.toString(16)}: not RAM; dropped`,
      );
      return;
    }
    s.memory.writeValue(address, BigInt.asUintN(size * 8, BigInt(value)), size);
  }

  readMemory(address: number, size: AccessSize): bigint {
    if (!Number.isInteger(address) || address < 0 || ![1, 2, 4, 8].includes(size)) {
      throw new RangeError(`readMemory: bad address 0x${address.toString(16)} or size ${size}`);
    }
    return this.#m.s.memory.readValue(address, size);
  }

  lpi(intid: number, pe: number): LpiView {
    this.#checkPe(pe, 'lpi');
    const cfg = this.config;
    if (!cfg.lpis) throw new RangeError('lpi: this GIC has no LPIs (config.lpis)');
    if (!Number.isInteger(intid) || intid < 8192 || intid >= 2 ** cfg.lpiIdBits) {
      throw new RangeError(`lpi: INTID ${intid} is not an LPI (8192…${2 ** cfg.lpiIdBits - 1})`);
    }
    return lpiView(this.#m.s, intid, pe);
  }

  redistributorLpis(pe: number): RedistributorLpiView {
    this.#checkPe(pe, 'redistributorLpis');
    return redistributorLpiView(this.#m.s, pe);
  }

  its(): ItsView | null {
    return itsView(this.#m);
  }

  setLevel(intid: number, level: boolean, pe?: number): void {
    const m = this.#m;
    const s = m.s;
    if (Number.isInteger(intid) && intid >= 32 && intid < s.numIrq) {
      if (pe !== undefined) this.#checkPe(pe, 'setLevel');
      m.ev.enter('setLevel');
      try {
        setLine(m, s.spiBase + intid - 32, level);
        deliver(m);
      } catch (error) {
        m.ev.abandon();
        throw error;
      }
      m.ev.settle(undefined);
      return;
    }
    if (Number.isInteger(intid) && intid >= 16 && intid < 32 && pe !== undefined)
      this.#checkPe(pe, 'setLevel');
    this.#change('setLevel', () => {
      if (!Number.isInteger(intid) || intid < 16 || intid >= s.numIrq) {
        m.ev.warn(
          'invalid-line',
          `setLevel: INTID ${intid} has no input line (PPIs 16–31 and SPIs only)`,
          null,
          pe ?? null,
          Number.isInteger(intid) ? intid : null,
        );
      } else if (pe === undefined) {
        m.ev.warn('invalid-line', `setLevel: PPI ${intid} needs a PE`, null, null, intid);
      } else {
        setLine(m, pe * 32 + intid, level);
        deliver(m);
      }
    });
  }

  setPeNmiEnabled(pe: number, enabled: boolean): void {
    this.#checkPe(pe, 'setPeNmiEnabled');
    this.#change('setPeNmiEnabled', () => {
      this.#m.s.sctlrNmi[pe] = enabled ? 1 : 0;
    });
  }

  setPeSecurityState(pe: number, state: PeSecurityState): void {
    this.#checkPe(pe, 'setPeSecurityState');
    const m = this.#m;
    this.#change('setPeSecurityState', () => {
      m.s.peSecurity[pe] = securityIndex(state);
      markDirty(m.s, pe);
      deliver(m);
    });
  }

  outputs(pe: number): Outputs {
    this.#checkPe(pe, 'outputs');
    return outputsOf(this.#m.s, pe);
  }

  interrupt(intid: number, pe?: number): InterruptView {
    const s = this.#m.s;
    if (!Number.isInteger(intid) || intid < 0 || intid >= s.numIrq) {
      throw new RangeError(`interrupt: INTID ${intid} is not implemented (0…${s.numIrq - 1})`);
    }
    if (intid < 32) {
      if (pe === undefined) throw new RangeError(`interrupt: SGI/PPI ${intid} needs a PE`);
      this.#checkPe(pe, 'interrupt');
    }
    return interruptView(s, intid, pe ?? 0);
  }

  cpuInterface(pe: number): CpuInterfaceView {
    this.#checkPe(pe, 'cpuInterface');
    return cpuInterfaceView(this.#m.s, pe);
  }

  redistributor(pe: number): RedistributorView {
    this.#checkPe(pe, 'redistributor');
    return redistributorView(this.#m.s, pe);
  }

  distributor(): DistributorView {
    return distributorView(this.#m.s);
  }

  subscribe(listener: GicListener): () => void {
    return this.#m.ev.subscribe(listener);
  }

  snapshot(): GicSnapshot {
    return takeSnapshot(this.#m.s);
  }

  snapshotJson(): GicSnapshotJson {
    return snapshotToJson(takeSnapshot(this.#m.s));
  }

  restore(snapshot: GicSnapshot | GicSnapshotJson): void {
    this.#change('restore', () => restoreSnapshot(this.#m, snapshot));
  }

  reset(): void {
    const m = this.#m;
    this.#change('reset', () => {
      resetState(m.s);
      silently(m, () => {
        refreshAll(m);
        markAllDirty(m.s);
        deliver(m);
      });
    });
  }
}
