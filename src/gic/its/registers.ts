import { BAD_SIZE, UNIMPLEMENTED, ok, type AccessResult } from '../mmio.ts';
import type { Model } from '../model.ts';
import { CTLR_DS } from '../state.ts';
import { processQueue } from './queue.ts';
import { BASER_TYPE_DEVICES, type ItsState } from './state.ts';
import { translateEvent } from './execute.ts';

/**
 * The ITS register frames (IHI 0069 §9.19; reference §3.5): the control frame ITS_base (0 …
 * 0xFFFF) and the translation frame (0x10000 …, GITS_TRANSLATER at 0x10040).
 */

export const GITS_TRANSLATION_FRAME = 0x10000;
export const GITS_TRANSLATER = 0x10040;
const GITS_IIDR = 0x43b;
/** CoreSight PIDR0 of the ITS frame (QEMU GICV3_PIDR0_ITS). */
const ITS_ID_REGISTERS = [0x44, 0, 0, 0, 0x94, 0xb4, 0x3b, 0, 0x0d, 0xf0, 0x05, 0xb1];

const QUIESCENT = 0x80000000;
/** GITS_BASER<n> bits that software cannot change: Type [58:56], Entry_Size [52:48]. */
const BASER_RO_HI = 0x071f0000;

/** GITS_TYPER (IHI 0069 §9.19.25): Physical, 12-byte ITEs, 16-bit EventIDs/DeviceIDs/ICIDs. */
export function gitsTyper(m: Model): { lo: number; hi: number } {
  const pta = m.s.cfg.itsPta ? 1 << 19 : 0;
  return { lo: (1 | (0xb << 4) | (15 << 8) | (15 << 13) | pta) >>> 0, hi: 0xf | (1 << 4) };
}

function its(m: Model): ItsState {
  const state = m.s.its;
  if (state === null) throw new Error('no ITS in this configuration');
  return state;
}

function ctlr(m: Model): number {
  const i = its(m);
  // Quiescent: no ITS operation in progress — always, here, since everything is synchronous; but
  // the architecture requires Enabled == 0 for it. QEMU reports it set whatever Enabled says.
  const quiescent = !i.enabled || m.s.flags.itsQuiescentAlwaysSet;
  return ((i.enabled ? 1 : 0) | (quiescent ? QUIESCENT : 0)) >>> 0;
}

function word64(m: Model, offset: number): { lo: number; hi: number } | null {
  const i = its(m);
  switch (offset) {
    case 0x08:
      return gitsTyper(m);
    case 0x80:
      return { lo: i.cbaserLo, hi: i.cbaserHi };
    case 0x88:
      return { lo: i.cwriter, hi: 0 };
    case 0x90:
      return { lo: (i.creadr | (i.stalled ? 1 : 0)) >>> 0, hi: 0 };
    default:
      if (offset >= 0x100 && offset < 0x140) {
        const n = (offset - 0x100) >> 3;
        return { lo: i.baserLo[n] ?? 0, hi: i.baserHi[n] ?? 0 };
      }
      return null;
  }
}

export function readIts(m: Model, offset: number, size: number): AccessResult {
  if (offset >= GITS_TRANSLATION_FRAME) {
    // GITS_TRANSLATER is write-only and the rest of the frame is RES0.
    return size === 2 || size === 4 ? ok(0) : BAD_SIZE;
  }
  if (size === 8) {
    if ((offset & 7) !== 0) return BAD_SIZE;
    const w = word64(m, offset);
    return w === null ? UNIMPLEMENTED : ok(w.lo, w.hi);
  }
  if (size !== 4 || (offset & 3) !== 0) return BAD_SIZE;
  if (offset === 0) return ok(ctlr(m));
  if (offset === 4) return ok(GITS_IIDR);
  if (offset >= 0xffd0 && offset <= 0xfffc)
    return ok(ITS_ID_REGISTERS[(offset - 0xffd0) >> 2] ?? 0);
  const w = word64(m, offset & ~7);
  if (w === null) return UNIMPLEMENTED;
  return ok((offset & 4) !== 0 ? w.hi : w.lo);
}

function locked(m: Model, register: string): boolean {
  if (!its(m).enabled) return false;
  // IHI 0069 §9.19: changing GITS_CBASER / GITS_BASER<n> while GITS_CTLR.Enabled is 1 is
  // UNPREDICTABLE; like QEMU, the model ignores the write.
  m.ev.warn(
    'its-register-locked',
    `${register} written while the ITS is enabled; ignored`,
    register,
  );
  return true;
}

function setCwriter(m: Model, lo: number): void {
  const i = its(m);
  const retry = (lo & 1) !== 0;
  i.cwriter = lo & 0xfffe0;
  if (i.stalled) {
    if (m.s.flags.itsStallRetriedByAnyCwriterWrite) {
      // QEMU: any CWRITER write retries the stalled command, and Stalled stays set until software
      // writes GITS_CREADR or GITS_CBASER.
      processQueue(m, i);
      i.stalled = true;
      return;
    }
    // IHI 0069 §9.19.7: a stalled queue restarts only when CWRITER is written with Retry = 1.
    if (!retry) return;
    i.stalled = false;
  }
  processQueue(m, i);
}

export function writeIts(
  m: Model,
  offset: number,
  lo: number,
  hi: number,
  size: number,
  register: string,
  deviceId: number,
): AccessResult {
  const i = its(m);
  if (offset >= GITS_TRANSLATION_FRAME) {
    if (size !== 2 && size !== 4) return BAD_SIZE;
    if (offset !== GITS_TRANSLATER) return ok(0);
    const eventId = size === 2 ? lo & 0xffff : lo >>> 0;
    if (!i.enabled) {
      m.ev.warn(
        'its-disabled',
        `GITS_TRANSLATER written while GITS_CTLR.Enabled is 0; dropped`,
        register,
      );
      return ok(0);
    }
    translateEvent(m, i, deviceId, eventId, 'GITS_TRANSLATER');
    return ok(0);
  }
  if (size === 8) {
    if ((offset & 7) !== 0 || word64(m, offset) === null) return BAD_SIZE;
    return write64(m, offset, lo, hi, register);
  }
  if (size !== 4 || (offset & 3) !== 0) return BAD_SIZE;
  if (offset === 0) {
    const enable = (lo & 1) !== 0;
    if (enable && !i.enabled) {
      i.enabled = true;
      processQueue(m, i);
    } else if (!enable) {
      i.enabled = false;
    }
    return ok(0);
  }
  if (offset === 4 || (offset >= 0xffd0 && offset <= 0xfffc)) {
    m.ev.warn('write-to-read-only', `${register} is read-only; write ignored`, register);
    return ok(0);
  }
  const w = word64(m, offset & ~7);
  if (w === null || (offset & ~7) === 0x08)
    return (offset & ~7) === 0x08 ? BAD_SIZE : UNIMPLEMENTED;
  const upper = (offset & 4) !== 0;
  return write64(
    m,
    offset & ~7,
    upper ? w.lo : lo,
    upper ? lo : w.hi,
    register,
    upper ? 'hi' : 'lo',
  );
}

function write64(
  m: Model,
  offset: number,
  lo: number,
  hi: number,
  register: string,
  half: 'lo' | 'hi' | 'both' = 'both',
): AccessResult {
  const i = its(m);
  switch (offset) {
    case 0x08:
      m.ev.warn('write-to-read-only', `${register} is read-only; write ignored`, register);
      return ok(0);
    case 0x80:
      if (locked(m, register)) return ok(0);
      i.cbaserLo = lo >>> 0;
      i.cbaserHi = hi >>> 0;
      // A new queue starts at its first command (QEMU resets GITS_CREADR here).
      i.creadr = 0;
      i.stalled = false;
      return ok(0);
    case 0x88:
      // Only a write to the low word moves CWRITER (its Offset field lives there).
      if (half !== 'hi') setCwriter(m, lo);
      return ok(0);
    case 0x90:
      if (!m.s.flags.itsCreadrWritable || (m.s.gicdCtlr & CTLR_DS) === 0) {
        m.ev.warn('write-to-read-only', `${register} is read-only; write ignored`, register);
        return ok(0);
      }
      if (half !== 'hi') {
        i.creadr = lo & 0xfffe0;
        i.stalled = false;
      }
      return ok(0);
    default: {
      const n = (offset - 0x100) >> 3;
      if ((i.baserHi[n] ?? 0) === 0 && (i.baserLo[n] ?? 0) === 0) return ok(0); // unimplemented: RAZ/WI
      if (locked(m, register)) return ok(0);
      i.baserLo[n] = lo >>> 0;
      i.baserHi[n] = ((hi & ~BASER_RO_HI) | ((i.baserHi[n] ?? 0) & BASER_RO_HI)) >>> 0;
      return ok(0);
    }
  }
}

/** GITS_BASER0 is the device table here (IHI 0069 leaves the order to the implementation). */
export const DEVICE_BASER = 0;
export { BASER_TYPE_DEVICES };
