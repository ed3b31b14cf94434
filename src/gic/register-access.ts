import type {
  AccessSize,
  MmioAccessOptions,
  PeIndex,
  RegisterBlock,
  SysregAccessOptions,
} from './api.ts';
import { hex64 as hex64_ } from '../lib/index.ts';
import type { SysregContext } from './acknowledge.ts';
import { readSysreg as readSysreg_, writeSysreg as writeSysreg_ } from './cpu-interface.ts';
import { deliver as deliver_ } from './delivery.ts';
import {
  readDistributor as readDistributor_,
  writeDistributor as writeDistributor_,
} from './distributor.ts';
import type { Model } from './model.ts';
import type { AccessResult } from './mmio.ts';
import {
  readRedistributor as readRedistributor_,
  writeRedistributor as writeRedistributor_,
} from './redistributor.ts';
import { readIts as readIts_, writeIts as writeIts_ } from './its/registers.ts';
import {
  distributorRegisterName as distributorRegisterName_,
  itsRegisterName as itsRegisterName_,
  redistributorRegisterName as redistributorRegisterName_,
} from './register-names.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const hex64 = hex64_;
const readSysreg = readSysreg_;
const writeSysreg = writeSysreg_;
const deliver = deliver_;
const readDistributor = readDistributor_;
const writeDistributor = writeDistributor_;
const readRedistributor = readRedistributor_;
const writeRedistributor = writeRedistributor_;
const readIts = readIts_;
const writeIts = writeIts_;
const distributorRegisterName = distributorRegisterName_;
const itsRegisterName = itsRegisterName_;
const redistributorRegisterName = redistributorRegisterName_;

/**
 * One register access as the guest makes it: the block's read or write, its events and warnings,
 * then the delivery pass. Each access refuses to start while another API call is in progress (a
 * listener calling back; see Emitter.enter), and if the model itself throws midway it releases
 * the call before rethrowing. The caller settles (reports listener failures) when it is done.
 *
 * Values travel as unsigned 32-bit halves: reads return bits [31:0] and leave [63:32] in `m.hi`;
 * writes take the halves from split(). No object and no bigint per access.
 */

const SIZE_MASK: Readonly<Record<number, number>> = {
  1: 0xff,
  2: 0xffff,
  4: 0xffffffff,
  8: 0xffffffff,
};

const TWO_32 = 2 ** 32;

/** The value of the write in progress, set by split(). */
let wordLo = 0;
let wordHi = 0;

/**
 * Splits a register value into wordLo/wordHi; numbers and small bigints need no bigint work. The
 * usual value, a 32-bit unsigned number, is handled here and the rest in splitOther: every write
 * inlines this, and V8 inlines calls only while the caller's bytecode budget lasts.
 */
export function split(value: bigint | number): void {
  if (typeof value === 'number' && value >= 0 && value <= 0xffffffff && Number.isInteger(value)) {
    wordLo = value;
    wordHi = 0;
    return;
  }
  splitOther(value);
}

function splitOther(value: bigint | number): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new TypeError(`register value must be an integer, got ${value}`);
    if (value >= 0 && value <= 0xffffffff) {
      wordLo = value;
      wordHi = 0;
      return;
    }
    if (Number.isSafeInteger(value)) {
      // Two's complement for negatives, as BigInt.asUintN(64, …) would give.
      wordLo = value >>> 0;
      wordHi = Math.floor(value / TWO_32) >>> 0;
      return;
    }
    split(BigInt(value));
    return;
  }
  if (value >= 0n && value <= 0xffffffffn) {
    wordLo = Number(value);
    wordHi = 0;
    return;
  }
  const v = BigInt.asUintN(64, value);
  wordLo = Number(v & 0xffffffffn);
  wordHi = Number(v >> 32n);
}

export function toBigInt(lo: number, hi: number): bigint {
  return hi === 0 ? BigInt(lo >>> 0) : (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export const sizeOk = (size: number): boolean =>
  size === 1 || size === 2 || size === 4 || size === 8;

export function sysregContext(
  m: Model,
  pe: number,
  opts: SysregAccessOptions | undefined,
  peek: boolean,
): SysregContext {
  // Most accesses name no options: Non-secure EL1 (index pe · 8), made at the first one.
  if (opts === undefined && !peek) {
    const c = m.contexts[pe * 8];
    if (c !== undefined) return c;
  }
  return contextFor(m, pe, opts, peek);
}

/** sysregContext's other cases, apart so every access's inlining budget is not spent on them. */
function contextFor(
  m: Model,
  pe: number,
  opts: SysregAccessOptions | undefined,
  peek: boolean,
): SysregContext {
  const ext = m.s.cfg.securityExtensions;
  const el3 = ext && opts?.el3 === true;
  const secure = el3 || (ext && opts?.secure === true);
  const index = pe * 8 + (secure ? 1 : 0) + (el3 ? 2 : 0) + (peek ? 4 : 0);
  return (m.contexts[index] ??= Object.freeze({ pe, secure, el3, peek }));
}

function registerName(block: RegisterBlock, offset: number): string | null {
  if (block === 'its') return itsRegisterName(offset);
  return block === 'distributor'
    ? distributorRegisterName(offset)
    : redistributorRegisterName(offset);
}

const ENTER_READ: Readonly<Record<RegisterBlock, string>> = {
  distributor: 'readDistributor',
  redistributor: 'readRedistributor',
  its: 'readIts',
  'cpu-interface': 'readSysreg',
};
const ENTER_WRITE: Readonly<Record<RegisterBlock, string>> = {
  distributor: 'writeDistributor',
  redistributor: 'writeRedistributor',
  its: 'writeIts',
  'cpu-interface': 'writeSysreg',
};

/** Register events: a read after its value is known, a write before its consequences. */
function emitAccess(
  m: Model,
  kind: 'register-read' | 'register-written',
  block: RegisterBlock,
  pe: number | null,
  offset: number,
  size: number,
  secure: boolean,
  lo: number,
  hi: number,
): void {
  m.ev.emit({
    kind,
    block,
    pe: pe as PeIndex | null,
    register: registerName(block, offset),
    offset,
    size: sizeOk(size) ? (size as AccessSize) : null,
    value: hex64(lo, hi),
    secure,
  });
}

function warnAccess(
  m: Model,
  block: RegisterBlock,
  pe: number | null,
  offset: number,
  size: number,
  result: AccessResult,
): void {
  if (result.kind === 'ok' || !m.ev.active) return;
  const reg = registerName(block, offset);
  const where = `${block} offset 0x${offset.toString(16)} size ${size}`;
  if (result.kind === 'bad-size')
    m.ev.warn('bad-access-size', `bad access size: ${where}`, reg, pe);
  else m.ev.warn('unimplemented-offset', `unimplemented register: ${where}`, reg, pe);
}

const UNIMPLEMENTED: AccessResult = { kind: 'unimplemented' };
const BAD_SIZE: AccessResult = { kind: 'bad-size' };

function outOfFrame(block: RegisterBlock, size: number, offset: number): AccessResult | null {
  if (!sizeOk(size)) return BAD_SIZE;
  const frame = block === 'distributor' ? 0x10000 : 0x20000;
  return offset >= 0 && offset < frame && Number.isInteger(offset) ? null : UNIMPLEMENTED;
}

function blockRead(
  m: Model,
  block: RegisterBlock,
  pe: number,
  offset: number,
  size: number,
  secure: boolean,
): AccessResult {
  const out = outOfFrame(block, size, offset);
  if (out !== null) return out;
  if (block === 'its') return m.s.its === null ? UNIMPLEMENTED : readIts(m, offset, size);
  return block === 'distributor'
    ? readDistributor(m, offset, size, secure)
    : readRedistributor(m, pe, offset, size, secure);
}

/** An MMIO read as the guest makes it: returns bits [31:0], leaves [63:32] in m.hi. */
export function mmioRead(
  m: Model,
  block: RegisterBlock,
  pe: number | null,
  offset: number,
  size: number,
  opts: MmioAccessOptions | undefined,
): number {
  m.ev.enter(ENTER_READ[block]);
  try {
    const secure = opts?.secure === true;
    const result = blockRead(m, block, pe ?? 0, offset, size, secure);
    const lo = result.kind === 'ok' ? result.lo : 0;
    const hi = result.kind === 'ok' ? result.hi : 0;
    warnAccess(m, block, pe, offset, size, result);
    if (m.ev.active) emitAccess(m, 'register-read', block, pe, offset, size, secure, lo, hi);
    deliver(m);
    m.hi = hi;
    return lo;
  } catch (error) {
    m.ev.abandon();
    throw error;
  }
}

export function mmioWrite(
  m: Model,
  block: RegisterBlock,
  pe: number | null,
  offset: number,
  value: bigint | number,
  size: number,
  opts: MmioAccessOptions | undefined,
): void {
  split(value);
  const lo = (wordLo & (SIZE_MASK[size] ?? 0)) >>> 0;
  const hi = size === 8 ? wordHi : 0;
  m.ev.enter(ENTER_WRITE[block]);
  try {
    const secure = opts?.secure === true;
    const name = m.ev.active ? registerName(block, offset) : null;
    if (m.ev.active) emitAccess(m, 'register-written', block, pe, offset, size, secure, lo, hi);
    const result =
      outOfFrame(block, size, offset) ??
      (block === 'its'
        ? m.s.its === null
          ? UNIMPLEMENTED
          : writeIts(m, offset, lo, hi, size, name ?? 'GITS', opts?.deviceId ?? 0)
        : block === 'distributor'
          ? writeDistributor(m, offset, lo, hi, size, secure, name ?? 'GICD')
          : writeRedistributor(m, pe ?? 0, offset, lo, hi, size, secure, name ?? 'GICR'));
    warnAccess(m, block, pe, offset, size, result);
    deliver(m);
  } catch (error) {
    m.ev.abandon();
    throw error;
  }
}

export function sysregRead(
  m: Model,
  pe: number,
  name: string,
  opts: SysregAccessOptions | undefined,
): number {
  m.ev.enter('readSysreg');
  try {
    const c = sysregContext(m, pe, opts, false);
    const lo = readSysreg(m, c, name);
    const hi = m.hi;
    if (m.ev.active) {
      m.ev.emit({
        kind: 'register-read',
        block: 'cpu-interface',
        pe: pe as PeIndex,
        register: name,
        offset: null,
        size: null,
        value: hex64(lo, hi),
        secure: c.secure,
      });
    }
    deliver(m);
    m.hi = hi;
    return lo;
  } catch (error) {
    m.ev.abandon();
    throw error;
  }
}

export function sysregWrite(
  m: Model,
  pe: number,
  name: string,
  value: bigint | number,
  opts: SysregAccessOptions | undefined,
): void {
  split(value);
  const lo = wordLo;
  const hi = wordHi;
  m.ev.enter('writeSysreg');
  try {
    const c = sysregContext(m, pe, opts, false);
    if (m.ev.active) {
      m.ev.emit({
        kind: 'register-written',
        block: 'cpu-interface',
        pe: pe as PeIndex,
        register: name,
        offset: null,
        size: null,
        value: hex64(lo, hi),
        secure: c.secure,
      });
    }
    writeSysreg(m, c, name, lo, hi);
    deliver(m);
  } catch (error) {
    m.ev.abandon();
    throw error;
  }
}

/** Runs `look` with the event fan-out switched off: a peek leaves no trace. */
export function silently<T>(m: Model, look: () => T): T {
  const wasActive = m.ev.active;
  m.ev.active = false;
  try {
    return look();
  } finally {
    m.ev.active = wasActive;
  }
}

/** What an MMIO read would return, looked at from outside: bits [31:0], [63:32] in m.hi. */
export function peekMmio(
  m: Model,
  block: RegisterBlock,
  pe: number,
  offset: number,
  size: number,
  opts: MmioAccessOptions | undefined,
): number {
  m.hi = 0;
  const secure = opts?.secure === true;
  const result = silently(m, () => blockRead(m, block, pe, offset, size, secure));
  if (result.kind !== 'ok') return 0;
  m.hi = result.hi;
  return result.lo;
}

export function peekSysreg(
  m: Model,
  pe: number,
  name: string,
  opts: SysregAccessOptions | undefined,
): number {
  const c = sysregContext(m, pe, opts, true);
  return silently(m, () => readSysreg(m, c, name));
}
