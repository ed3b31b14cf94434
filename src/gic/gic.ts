import type {
  AccessSize,
  Gic,
  GicConfig,
  Hex,
  MmioAccessOptions,
  PeIndex,
  PeSecurityState,
  RegisterBlock,
  SysregAccessOptions,
} from './api.ts';
import { toHex } from '../lib/index.ts';
import { resolveConfig } from './config.ts';
import { readSysreg, writeSysreg, type SysregContext } from './cpu-interface.ts';
import { deliver, outputsOf } from './delivery.ts';
import { readDistributor, writeDistributor } from './distributor.ts';
import { Emitter } from './events.ts';
import {
  cpuInterfaceView,
  distributorView,
  interruptView,
  redistributorView,
  securityIndex,
} from './inspect.ts';
import { setLine } from './interrupt-ops.ts';
import { markDirty, refreshAll } from './interrupts.ts';
import type { Model } from './model.ts';
import type { AccessResult } from './mmio.ts';
import { readRedistributor, writeRedistributor } from './redistributor.ts';
import { itsView } from './its/inspect.ts';
import { GITS_TRANSLATER, readIts, writeIts } from './its/registers.ts';
import { lpiView, redistributorLpiView } from './lpi/inspect.ts';
import {
  distributorRegisterName,
  itsRegisterName,
  redistributorRegisterName,
} from './register-names.ts';
import { restoreSnapshot, takeSnapshot } from './snapshot.ts';
import { createState, resetState } from './state.ts';

const SIZE_MASK: Readonly<Record<number, number>> = {
  1: 0xff,
  2: 0xffff,
  4: 0xffffffff,
  8: 0xffffffff,
};

function toWords(value: bigint | number): { lo: number; hi: number } {
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new TypeError(`register value must be an integer, got ${value}`);
    if (value >= 0 && value <= 0xffffffff) return { lo: value >>> 0, hi: 0 };
    return toWords(BigInt(value));
  }
  const v = BigInt.asUintN(64, value);
  return { lo: Number(v & 0xffffffffn), hi: Number(v >> 32n) };
}

/** Hex of a 64-bit value given as halves; avoids a bigint for values that fit in 32 bits. */
function hexOf(lo: number, hi: number): Hex {
  return hi === 0 ? toHex(lo >>> 0) : toHex(toBigInt(lo, hi));
}

function toBigInt(lo: number, hi: number): bigint {
  return hi === 0 ? BigInt(lo >>> 0) : (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function registerName(block: RegisterBlock, offset: number): string | null {
  if (block === 'distributor') return distributorRegisterName(offset);
  if (block === 'its') return itsRegisterName(offset);
  return redistributorRegisterName(offset);
}

/** Builds a GICv3 model. Invalid configuration (programmer input) throws. */
export function createGic(config: GicConfig): Gic {
  const cfg = resolveConfig(config);
  const s = createState(cfg);
  const ev = new Emitter();
  const m: Model = { s, ev };

  const sizeOk = (size: number): boolean => size === 1 || size === 2 || size === 4 || size === 8;

  const checkPe = (pe: number, what: string): void => {
    if (!Number.isInteger(pe) || pe < 0 || pe >= cfg.peCount) {
      throw new RangeError(`${what}: PE index ${pe} is outside 0…${cfg.peCount - 1}`);
    }
  };

  const finishMmio = (
    block: RegisterBlock,
    pe: number | null,
    offset: number,
    size: number,
    secure: boolean,
    result: AccessResult,
    write: boolean,
  ): bigint => {
    let lo = 0;
    let hi = 0;
    const name = () => registerName(block, offset);
    if (result.kind === 'ok') {
      lo = result.lo;
      hi = result.hi;
    } else if (ev.active) {
      const reg = name();
      const where = `${block} offset 0x${offset.toString(16)} size ${size}`;
      if (result.kind === 'bad-size')
        ev.warn('bad-access-size', `bad access size: ${where}`, reg, pe);
      else ev.warn('unimplemented-offset', `unimplemented register: ${where}`, reg, pe);
    }
    if (ev.active && !write) {
      emitAccess('register-read', block, pe, offset, size, secure, lo, hi);
    }
    deliver(m);
    return toBigInt(lo, hi);
  };

  /** Register events: a read after its value is known, a write before its consequences. */
  const emitAccess = (
    kind: 'register-read' | 'register-written',
    block: RegisterBlock,
    pe: number | null,
    offset: number,
    size: number,
    secure: boolean,
    lo: number,
    hi: number,
  ): void => {
    ev.emit({
      kind,
      block,
      pe: pe as PeIndex | null,
      register: registerName(block, offset),
      offset,
      size: size === 1 || size === 2 || size === 4 || size === 8 ? size : null,
      value: hexOf(lo, hi),
      secure,
    });
  };

  const sysregContext = (pe: number, opts: SysregAccessOptions | undefined): SysregContext => {
    const el3 = cfg.securityExtensions && opts?.el3 === true;
    return { pe, el3, secure: el3 || (cfg.securityExtensions && opts?.secure === true) };
  };

  const maskWrite = (value: bigint | number, size: number): { lo: number; hi: number } => {
    const w = toWords(value);
    const mask = SIZE_MASK[size] ?? 0;
    return { lo: (w.lo & mask) >>> 0, hi: size === 8 ? w.hi : 0 };
  };

  /** Runs a read with the event fan-out switched off: a peek leaves no trace. */
  const silently = <T>(read: () => T): T => {
    const wasActive = ev.active;
    ev.active = false;
    try {
      return read();
    } finally {
      ev.active = wasActive;
    }
  };

  const gic: Gic = {
    config: cfg,

    readDistributor(offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint {
      const secure = opts?.secure === true;
      const result =
        !sizeOk(size) || offset < 0 || offset >= 0x10000
          ? ({ kind: sizeOk(size) ? 'unimplemented' : 'bad-size' } as const)
          : readDistributor(m, offset, size, secure);
      return finishMmio('distributor', null, offset, size, secure, result, false);
    },

    writeDistributor(
      offset: number,
      value: bigint | number,
      size: AccessSize,
      opts?: MmioAccessOptions,
    ): void {
      const secure = opts?.secure === true;
      const w = maskWrite(value, size);
      const register = ev.active ? (distributorRegisterName(offset) ?? 'GICD') : 'GICD';
      if (ev.active)
        emitAccess('register-written', 'distributor', null, offset, size, secure, w.lo, w.hi);
      const result =
        !sizeOk(size) || offset < 0 || offset >= 0x10000
          ? ({ kind: sizeOk(size) ? 'unimplemented' : 'bad-size' } as const)
          : writeDistributor(m, offset, w.lo, w.hi, size, secure, register);
      finishMmio('distributor', null, offset, size, secure, result, true);
    },

    readRedistributor(
      pe: number,
      offset: number,
      size: AccessSize,
      opts?: MmioAccessOptions,
    ): bigint {
      checkPe(pe, 'readRedistributor');
      const secure = opts?.secure === true;
      const result =
        !sizeOk(size) || offset < 0 || offset >= 0x20000
          ? ({ kind: sizeOk(size) ? 'unimplemented' : 'bad-size' } as const)
          : readRedistributor(m, pe, offset, size, secure);
      return finishMmio('redistributor', pe, offset, size, secure, result, false);
    },

    writeRedistributor(
      pe: number,
      offset: number,
      value: bigint | number,
      size: AccessSize,
      opts?: MmioAccessOptions,
    ): void {
      checkPe(pe, 'writeRedistributor');
      const secure = opts?.secure === true;
      const w = maskWrite(value, size);
      const register = ev.active ? (redistributorRegisterName(offset) ?? 'GICR') : 'GICR';
      if (ev.active)
        emitAccess('register-written', 'redistributor', pe, offset, size, secure, w.lo, w.hi);
      const result =
        !sizeOk(size) || offset < 0 || offset >= 0x20000
          ? ({ kind: sizeOk(size) ? 'unimplemented' : 'bad-size' } as const)
          : writeRedistributor(m, pe, offset, w.lo, w.hi, size, secure, register);
      finishMmio('redistributor', pe, offset, size, secure, result, true);
    },

    readSysreg(pe: number, name: string, opts?: SysregAccessOptions): bigint {
      checkPe(pe, 'readSysreg');
      const c = sysregContext(pe, opts);
      const r = readSysreg(m, c, name);
      if (ev.active) {
        ev.emit({
          kind: 'register-read',
          block: 'cpu-interface',
          pe: pe as PeIndex,
          register: name,
          offset: null,
          size: null,
          value: hexOf(r.lo, r.hi),
          secure: c.secure,
        });
      }
      deliver(m);
      return toBigInt(r.lo, r.hi);
    },

    writeSysreg(
      pe: number,
      name: string,
      value: bigint | number,
      opts?: SysregAccessOptions,
    ): void {
      checkPe(pe, 'writeSysreg');
      const c = sysregContext(pe, opts);
      const w = toWords(value);
      if (ev.active) {
        ev.emit({
          kind: 'register-written',
          block: 'cpu-interface',
          pe: pe as PeIndex,
          register: name,
          offset: null,
          size: null,
          value: hexOf(w.lo, w.hi),
          secure: c.secure,
        });
      }
      writeSysreg(m, c, name, w.lo, w.hi);
      deliver(m);
    },

    peekDistributor(offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint {
      if (!sizeOk(size) || offset < 0 || offset >= 0x10000) return 0n;
      const result = silently(() => readDistributor(m, offset, size, opts?.secure === true));
      return result.kind === 'ok' ? toBigInt(result.lo, result.hi) : 0n;
    },

    peekRedistributor(
      pe: number,
      offset: number,
      size: AccessSize,
      opts?: MmioAccessOptions,
    ): bigint {
      checkPe(pe, 'peekRedistributor');
      if (!sizeOk(size) || offset < 0 || offset >= 0x20000) return 0n;
      const result = silently(() => readRedistributor(m, pe, offset, size, opts?.secure === true));
      return result.kind === 'ok' ? toBigInt(result.lo, result.hi) : 0n;
    },

    peekSysreg(pe: number, name: string, opts?: SysregAccessOptions): bigint {
      checkPe(pe, 'peekSysreg');
      const c = { ...sysregContext(pe, opts), peek: true };
      const r = silently(() => readSysreg(m, c, name));
      return toBigInt(r.lo, r.hi);
    },

    readIts(offset: number, size: AccessSize): bigint {
      const result =
        s.its === null
          ? ({ kind: 'unimplemented' } as const)
          : !sizeOk(size) || offset < 0 || offset >= 0x20000
            ? ({ kind: sizeOk(size) ? 'unimplemented' : 'bad-size' } as const)
            : readIts(m, offset, size);
      return finishMmio('its', null, offset, size, false, result, false);
    },

    writeIts(
      offset: number,
      value: bigint | number,
      size: AccessSize,
      opts?: { readonly deviceId?: number },
    ): void {
      const w = maskWrite(value, size);
      const register = ev.active ? (itsRegisterName(offset) ?? 'GITS') : 'GITS';
      if (ev.active) emitAccess('register-written', 'its', null, offset, size, false, w.lo, w.hi);
      const deviceId = opts?.deviceId ?? 0;
      if (!Number.isInteger(deviceId) || deviceId < 0 || deviceId > 0xffffffff) {
        throw new RangeError(`writeIts: DeviceID ${deviceId} is not a 32-bit unsigned integer`);
      }
      const result =
        s.its === null
          ? ({ kind: 'unimplemented' } as const)
          : !sizeOk(size) || offset < 0 || offset >= 0x20000
            ? ({ kind: sizeOk(size) ? 'unimplemented' : 'bad-size' } as const)
            : writeIts(m, offset, w.lo, w.hi, size, register, deviceId);
      finishMmio('its', null, offset, size, false, result, true);
    },

    peekIts(offset: number, size: AccessSize): bigint {
      if (s.its === null || !sizeOk(size) || offset < 0 || offset >= 0x20000) return 0n;
      const result = silently(() => readIts(m, offset, size));
      return result.kind === 'ok' ? toBigInt(result.lo, result.hi) : 0n;
    },

    sendMsi(deviceId: number, eventId: number): void {
      gic.writeIts(GITS_TRANSLATER, eventId >>> 0, 4, { deviceId });
    },

    writeMemory(address: number, value: bigint | number, size: AccessSize): void {
      if (!Number.isInteger(address) || address < 0 || !sizeOk(size)) {
        throw new RangeError(`writeMemory: bad address 0x${address.toString(16)} or size ${size}`);
      }
      if (!s.memory.contains(address, size)) {
        ev.warn('its-memory-fault', `guest write to 0x${address.toString(16)}: not RAM; dropped`);
        return;
      }
      s.memory.writeValue(address, BigInt.asUintN(size * 8, BigInt(value)), size);
    },

    readMemory(address: number, size: AccessSize): bigint {
      if (!Number.isInteger(address) || address < 0 || !sizeOk(size)) {
        throw new RangeError(`readMemory: bad address 0x${address.toString(16)} or size ${size}`);
      }
      return s.memory.readValue(address, size);
    },

    lpi(intid: number, pe: number) {
      checkPe(pe, 'lpi');
      if (!cfg.lpis) throw new RangeError('lpi: this GIC has no LPIs (config.lpis)');
      if (!Number.isInteger(intid) || intid < 8192 || intid >= 2 ** cfg.lpiIdBits) {
        throw new RangeError(`lpi: INTID ${intid} is not an LPI (8192…${2 ** cfg.lpiIdBits - 1})`);
      }
      return lpiView(s, intid, pe);
    },

    redistributorLpis(pe: number) {
      checkPe(pe, 'redistributorLpis');
      return redistributorLpiView(s, pe);
    },

    its() {
      return itsView(m);
    },

    setLevel(intid: number, level: boolean, pe?: number): void {
      if (!Number.isInteger(intid) || intid < 16 || intid >= s.numIrq) {
        ev.warn(
          'invalid-line',
          `setLevel: INTID ${intid} has no input line (PPIs 16–31 and SPIs only)`,
          null,
          pe ?? null,
          intid,
        );
        return;
      }
      if (intid < 32) {
        if (pe === undefined) {
          ev.warn('invalid-line', `setLevel: PPI ${intid} needs a PE`, null, null, intid);
          return;
        }
        checkPe(pe, 'setLevel');
        setLine(m, pe * 32 + intid, level);
      } else {
        if (pe !== undefined) checkPe(pe, 'setLevel');
        setLine(m, s.spiBase + intid - 32, level);
      }
      deliver(m);
    },

    setPeNmiEnabled(pe: number, enabled: boolean): void {
      checkPe(pe, 'setPeNmiEnabled');
      s.sctlrNmi[pe] = enabled ? 1 : 0;
    },

    setPeSecurityState(pe: number, state: PeSecurityState): void {
      checkPe(pe, 'setPeSecurityState');
      s.peSecurity[pe] = securityIndex(state);
      markDirty(s, pe);
      deliver(m);
    },

    outputs(pe: number) {
      checkPe(pe, 'outputs');
      return outputsOf(s, pe);
    },

    interrupt(intid: number, pe?: number) {
      if (!Number.isInteger(intid) || intid < 0 || intid >= s.numIrq) {
        throw new RangeError(`interrupt: INTID ${intid} is not implemented (0…${s.numIrq - 1})`);
      }
      if (intid < 32) {
        if (pe === undefined) throw new RangeError(`interrupt: SGI/PPI ${intid} needs a PE`);
        checkPe(pe, 'interrupt');
      }
      return interruptView(s, intid, pe ?? 0);
    },

    cpuInterface(pe: number) {
      checkPe(pe, 'cpuInterface');
      return cpuInterfaceView(s, pe);
    },

    redistributor(pe: number) {
      checkPe(pe, 'redistributor');
      return redistributorView(s, pe);
    },

    distributor() {
      return distributorView(s);
    },

    subscribe(listener) {
      return ev.subscribe(listener);
    },

    snapshot() {
      return takeSnapshot(s);
    },

    restore(snapshot) {
      restoreSnapshot(m, snapshot);
    },

    reset() {
      resetState(s);
      const wasActive = ev.active;
      ev.active = false;
      refreshAll(m);
      deliver(m);
      ev.active = wasActive;
    },
  };
  return gic;
}
