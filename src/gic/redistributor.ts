import type { PeIndex } from './api.ts';
import { findRedistributorRegister } from '../arch/index.ts';
import {
  readBits,
  readConfig,
  readNsacr,
  readPriorityByte,
  writeBits,
  writeConfig,
  writeNsacr,
  writePriorityByte,
  type Bank,
  type BitFamily,
} from './bit-registers.ts';
import { GICD_IIDR, idRegister } from './distributor.ts';
import { markDirty, participationChanged } from './interrupts.ts';
import {
  gicrCtlrLpiBits,
  isLpiRegisterOffset,
  readLpiRegister,
  writeEnableLpis,
  writeLpiRegister,
} from './lpi/registers.ts';
import type { Model } from './model.ts';
import { BAD_SIZE, UNIMPLEMENTED, ok, type AccessResult } from './mmio.ts';
import { CTLR_DS, type GicState } from './state.ts';

export const SGI_BASE = 0x10000;

const GICR_CTLR_ENABLE_LPIS = 1 << 0;
const DPG0 = 1 << 24;
const DPG1NS = 1 << 25;
const DPG1S = 1 << 26;

const SGI_FAMILIES: ReadonlyMap<number, BitFamily> = new Map([
  [0x0080, 'IGROUPR'],
  [0x0100, 'ISENABLER'],
  [0x0180, 'ICENABLER'],
  [0x0200, 'ISPENDR'],
  [0x0280, 'ICPENDR'],
  [0x0300, 'ISACTIVER'],
  [0x0380, 'ICACTIVER'],
  [0x0d00, 'IGRPMODR'],
  [0x0f80, 'INMIR'],
]);

/** GICR_TYPER (reference §3.2): Processor_Number, Last, DPGS, PLPIS, affinity in [63:32]. */
export function gicrTyper(s: GicState, pe: number): { lo: number; hi: number } {
  const lo =
    (s.cfg.lpis ? 1 : 0) |
    (s.cfg.lpis && s.flags.directLpi ? 1 << 3 : 0) |
    (pe === s.peCount - 1 ? 1 << 4 : 0) |
    (s.flags.dpgSupported ? 1 << 5 : 0) |
    (pe << 8) |
    (s.flags.commonLpiAff << 24);
  return { lo: lo >>> 0, hi: s.packedAffinity[pe] ?? 0 };
}

function ctlrMask(s: GicState, secure: boolean): number {
  let mask = 0;
  if (s.flags.dpgSupported) {
    const nsOnly = !secure && (s.gicdCtlr & CTLR_DS) === 0;
    mask |= nsOnly ? DPG1NS : DPG0 | DPG1NS | DPG1S;
  }
  return mask;
}

function is64BitRegister(offset: number): boolean {
  return offset === 0x8;
}

function isKnownRd(offset: number): boolean {
  return offset <= 0x14 || offset >= 0xffd0;
}

export function readRedistributor(
  m: Model,
  pe: number,
  offset: number,
  size: number,
  secure: boolean,
): AccessResult {
  const s = m.s;
  if (offset >= SGI_BASE) return readSgiFrame(m, pe, offset - SGI_BASE, size, secure);
  if (isLpiRegisterOffset(offset)) return readLpiRegister(m, pe, offset, size);
  if (size === 8) {
    if ((offset & 7) !== 0 || !is64BitRegister(offset))
      return isKnownRd(offset) ? BAD_SIZE : UNIMPLEMENTED;
    const t = gicrTyper(s, pe);
    return ok(t.lo, t.hi);
  }
  if (size !== 4) return isKnownRd(offset) ? BAD_SIZE : UNIMPLEMENTED;
  if ((offset & 3) !== 0) return BAD_SIZE;
  switch (offset) {
    case 0x0:
      return ok(((s.gicrCtlr[pe] ?? 0) & ctlrMask(s, secure)) | gicrCtlrLpiBits(s, pe));
    case 0x4:
      return ok(GICD_IIDR);
    case 0x8:
      return ok(gicrTyper(s, pe).lo);
    case 0xc:
      return ok(gicrTyper(s, pe).hi);
    case 0x10:
      return ok(0);
    case 0x14:
      // ChildrenAsleep follows ProcessorSleep at once: nothing here is asynchronous.
      return ok(s.processorSleep[pe] !== 0 ? 0x6 : 0);
    default:
      if (offset >= 0xffd0 && offset <= 0xfffc)
        return ok(idRegister(findRedistributorRegister(offset)));
      return UNIMPLEMENTED;
  }
}

export function writeRedistributor(
  m: Model,
  pe: number,
  offset: number,
  lo: number,
  hi: number,
  size: number,
  secure: boolean,
  register: string,
): AccessResult {
  const s = m.s;
  if (offset >= SGI_BASE)
    return writeSgiFrame(m, pe, offset - SGI_BASE, lo, size, secure, register);
  if (isLpiRegisterOffset(offset)) return writeLpiRegister(m, pe, offset, lo, hi, size);
  if (size === 8) {
    if ((offset & 7) !== 0 || !is64BitRegister(offset))
      return isKnownRd(offset) ? BAD_SIZE : UNIMPLEMENTED;
    return readOnly(m, register, pe);
  }
  if (size !== 4) return isKnownRd(offset) ? BAD_SIZE : UNIMPLEMENTED;
  if ((offset & 3) !== 0) return BAD_SIZE;
  switch (offset) {
    case 0x0: {
      const mask = ctlrMask(s, secure);
      const before = s.gicrCtlr[pe] ?? 0;
      const next = ((before & ~mask) | (lo & mask)) >>> 0;
      s.gicrCtlr[pe] = next;
      if (((before ^ next) & (DPG0 | DPG1NS | DPG1S)) !== 0) participationChanged(m, pe);
      writeEnableLpis(m, pe, (lo & GICR_CTLR_ENABLE_LPIS) !== 0);
      return ok(0);
    }
    case 0x4:
    case 0x8:
    case 0xc:
      return readOnly(m, register, pe);
    case 0x10:
      return ok(0);
    case 0x14:
      setProcessorSleep(m, pe, (lo & 0x2) !== 0);
      return ok(0);
    default:
      if (offset >= 0xffd0 && offset <= 0xfffc) return readOnly(m, register, pe);
      return UNIMPLEMENTED;
  }
}

function readOnly(m: Model, register: string, pe: number): AccessResult {
  m.ev.warn('write-to-read-only', `${register} is read-only; write ignored`, register, pe);
  return ok(0);
}

/** GICR_WAKER.ProcessorSleep (reference §3.2): the architecture profile gates delivery on it. */
function setProcessorSleep(m: Model, pe: number, sleep: boolean): void {
  const s = m.s;
  const v = sleep ? 1 : 0;
  if (s.processorSleep[pe] === v) return;
  if (sleep && s.flags.wakerGatesDelivery) {
    const pending = [0, 1, 2].some((g) => (s.heaps[pe * 3 + g]?.length ?? 0) > 0);
    if (pending) {
      m.ev.warn(
        'sleep-with-pending',
        `GICR_WAKER: PE ${pe} put to sleep with interrupts pending for it`,
        'GICR_WAKER',
        pe,
      );
    }
  }
  s.processorSleep[pe] = v;
  markDirty(s, pe);
  participationChanged(m, pe);
  if (m.ev.active) {
    m.ev.emit({ kind: sleep ? 'redistributor-slept' : 'redistributor-woke', pe: pe as PeIndex });
  }
}

function bankOf(pe: number): Bank {
  return { pe, useNsacr: false };
}

function readSgiFrame(
  m: Model,
  pe: number,
  offset: number,
  size: number,
  secure: boolean,
): AccessResult {
  const s = m.s;
  const bank = bankOf(pe);
  if (size === 1) {
    if (offset >= 0x400 && offset < 0x420)
      return ok(readPriorityByte(m, offset - 0x400, bank, secure));
    return isKnownSgi(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  }
  if (size !== 4) return isKnownSgi(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  if ((offset & 3) !== 0) return BAD_SIZE;
  const fam = SGI_FAMILIES.get(offset);
  if (fam !== undefined) {
    if (fam === 'INMIR' && !s.cfg.nmi)
      return s.flags.inmirBadAccessWithoutNmi ? UNIMPLEMENTED : ok(0);
    return ok(readBits(m, fam, 0, bank, secure));
  }
  if (offset >= 0x400 && offset < 0x420) {
    let v = 0;
    for (let i = 3; i >= 0; i--)
      v = (v << 8) | readPriorityByte(m, offset - 0x400 + i, bank, secure);
    return ok(v >>> 0);
  }
  if (offset === 0xc00) return ok(readConfig(m, 0, bank, secure));
  if (offset === 0xc04) return ok(readConfig(m, 16, bank, secure));
  if (offset === 0xe00) return ok(readNsacr(m, 0, bank, secure));
  return UNIMPLEMENTED;
}

function writeSgiFrame(
  m: Model,
  pe: number,
  offset: number,
  lo: number,
  size: number,
  secure: boolean,
  register: string,
): AccessResult {
  const s = m.s;
  const bank = bankOf(pe);
  if (size === 1) {
    if (offset >= 0x400 && offset < 0x420) {
      if (!writePriorityByte(m, offset - 0x400, bank, secure, lo & 0xff)) nsDenied(m, register, pe);
      return ok(0);
    }
    return isKnownSgi(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  }
  if (size !== 4) return isKnownSgi(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  if ((offset & 3) !== 0) return BAD_SIZE;
  const fam = SGI_FAMILIES.get(offset);
  if (fam !== undefined) {
    if (fam === 'INMIR' && !s.cfg.nmi)
      return s.flags.inmirBadAccessWithoutNmi ? UNIMPLEMENTED : ok(0);
    if (writeBits(m, fam, 0, bank, secure, lo, register) !== 0) nsDenied(m, register, pe);
    return ok(0);
  }
  if (offset >= 0x400 && offset < 0x420) {
    let denied = false;
    for (let i = 0; i < 4; i++) {
      if (!writePriorityByte(m, offset - 0x400 + i, bank, secure, (lo >>> (8 * i)) & 0xff))
        denied = true;
    }
    if (denied) nsDenied(m, register, pe);
    return ok(0);
  }
  if (offset === 0xc00) {
    // SGIs are always edge-triggered: GICR_ICFGR0 is read-only (reference §1.2).
    m.ev.warn('write-to-read-only', 'GICR_ICFGR0 (SGIs) is read-only; write ignored', register, pe);
    return ok(0);
  }
  if (offset === 0xc04) {
    if (!writeConfig(m, 16, bank, secure, lo)) nsDenied(m, register, pe);
    return ok(0);
  }
  if (offset === 0xe00) {
    writeNsacr(m, 0, bank, secure, lo);
    return ok(0);
  }
  return UNIMPLEMENTED;
}

function isKnownSgi(s: GicState, offset: number): boolean {
  return (
    (SGI_FAMILIES.has(offset & ~3) && (s.cfg.nmi || (offset & ~3) !== 0xf80)) ||
    (offset >= 0x400 && offset < 0x420) ||
    offset === 0xc00 ||
    offset === 0xc04 ||
    offset === 0xe00
  );
}

function nsDenied(m: Model, register: string, pe: number): void {
  m.ev.warn(
    'ns-access-to-secure-field',
    `${register}: Non-secure access to a Secure interrupt's field ignored (RAZ/WI)`,
    register,
    pe,
  );
}
