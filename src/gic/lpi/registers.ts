import { markDirty } from '../interrupts.ts';
import { BAD_SIZE, UNIMPLEMENTED, ok, type AccessResult } from '../mmio.ts';
import type { Model } from '../model.ts';
import type { GicState } from '../state.ts';
import { LPI_BASE } from './config-byte.ts';
import { invalidateConfig, loadPendingTable, recomputeBest, setLpiPending } from './pending.ts';

/**
 * The Redistributor's LPI registers (IHI 0069 §9.11; reference §3.2, §3.5): GICR_CTLR.EnableLPIs,
 * GICR_PROPBASER, GICR_PENDBASER and, with DirectLPI, GICR_SETLPIR / CLRLPIR / INVLPIR / INVALLR /
 * SYNCR.
 */

export const GICR_CTLR_ENABLE_LPIS = 1 << 0;
/** GICR_CTLR.CES: clearing EnableLPIs is supported. */
export const GICR_CTLR_CES = 1 << 1;

/** Writable bits of GICR_PROPBASER (IDbits, caches, shareability, address) and GICR_PENDBASER. */
const PROPBASER_MASK = { lo: 0xffff_ff9f, hi: 0x070fffff };
const PENDBASER_MASK = { lo: 0xffff0f80, hi: 0x070fffff };
const PTZ = 1 << 30;

/** The LPI bits GICR_CTLR reads with. */
export function gicrCtlrLpiBits(s: GicState, pe: number): number {
  if (!s.cfg.lpis) return 0;
  return (
    (s.lpi.enabled[pe] !== 0 ? GICR_CTLR_ENABLE_LPIS : 0) |
    (s.flags.enableLpisClearable ? GICR_CTLR_CES : 0)
  );
}

/** GICR_CTLR.EnableLPIs written (IHI 0069 §9.11.2). */
export function writeEnableLpis(m: Model, pe: number, enable: boolean): void {
  const s = m.s;
  if (!s.cfg.lpis) return;
  const l = s.lpi;
  const was = l.enabled[pe] !== 0;
  if (enable === was) return;
  if (!enable) {
    if (!s.flags.enableLpisClearable) {
      m.ev.warn(
        'enable-lpis-clear-ignored',
        `GICR_CTLR.EnableLPIs of PE ${pe} cannot be cleared once set (GICR_CTLR.CES=0); write ignored`,
        'GICR_CTLR',
        pe,
      );
      return;
    }
    l.enabled[pe] = 0;
    markDirty(s, pe);
    return;
  }
  l.enabled[pe] = 1;
  l.cache[pe]?.clear();
  // 0 → 1: the Redistributor reads its pending table, unless PTZ said it is all zeros.
  if (s.pendbaserPtz[pe] !== 0 && !s.flags.pendingTableReadDespitePtz) {
    l.pending[pe]?.clear();
    recomputeBest(s, pe);
  } else {
    loadPendingTable(s, pe);
  }
  markDirty(s, pe);
}

function baser(s: GicState, offset: number): Uint32Array {
  return offset < 0x78 ? s.propbaser : s.pendbaser;
}

function isDirect(offset: number): boolean {
  return (
    offset === 0x40 || offset === 0x48 || offset === 0xa0 || offset === 0xb0 || offset === 0xc0
  );
}

/** GICR offsets this module owns: 0x40–0x4C, 0x70–0x7C, 0xA0–0xA4, 0xB0–0xB4, 0xC0. */
export function isLpiRegisterOffset(offset: number): boolean {
  const base = offset & ~7;
  return (
    base === 0x40 ||
    base === 0x48 ||
    base === 0x70 ||
    base === 0x78 ||
    base === 0xa0 ||
    base === 0xb0 ||
    offset === 0xc0
  );
}

export function readLpiRegister(m: Model, pe: number, offset: number, size: number): AccessResult {
  const s = m.s;
  if (!s.cfg.lpis) return UNIMPLEMENTED;
  const base = offset & ~7;
  if (isDirect(base) || offset === 0xc4) {
    if (!s.flags.directLpi) return UNIMPLEMENTED;
    if (size !== 4 && size !== 8) return BAD_SIZE;
    // SETLPIR/CLRLPIR/INVLPIR/INVALLR are write-only; GICR_SYNCR.Busy is always 0 here.
    return ok(0);
  }
  const reg = baser(s, base);
  const lo = reg[pe * 2] ?? 0;
  const hi = reg[pe * 2 + 1] ?? 0;
  if (size === 8) return (offset & 7) === 0 ? ok(lo, hi) : BAD_SIZE;
  if (size !== 4) return BAD_SIZE;
  return ok((offset & 4) !== 0 ? hi : lo);
}

export function writeLpiRegister(
  m: Model,
  pe: number,
  offset: number,
  lo: number,
  hi: number,
  size: number,
): AccessResult {
  const s = m.s;
  if (!s.cfg.lpis) return UNIMPLEMENTED;
  if (size !== 4 && size !== 8) return BAD_SIZE;
  const base = offset & ~7;
  if (isDirect(base) || offset === 0xc4) {
    if (!s.flags.directLpi) return UNIMPLEMENTED;
    if ((offset & 4) !== 0) return ok(0);
    const intid = lo >>> 0;
    switch (base) {
      case 0x40:
      case 0x48: {
        const dropped = setLpiPending(m, pe, intid, base === 0x40, 'direct');
        if (dropped !== null) {
          m.ev.warn(
            dropped,
            `${base === 0x40 ? 'GICR_SETLPIR' : 'GICR_CLRLPIR'}: INTID ${intid} ignored (${dropped})`,
            null,
            pe,
            intid,
          );
        }
        return ok(0);
      }
      case 0xa0:
        if (intid >= LPI_BASE) invalidateConfig(m, pe, intid);
        return ok(0);
      case 0xb0:
        invalidateConfig(m, pe, null);
        return ok(0);
      default:
        return (
          m.ev.warn(
            'write-to-read-only',
            'GICR_SYNCR is read-only; write ignored',
            'GICR_SYNCR',
            pe,
          ),
          ok(0)
        );
    }
  }
  const name = base === 0x70 ? 'GICR_PROPBASER' : 'GICR_PENDBASER';
  if (s.lpi.enabled[pe] !== 0 && !s.flags.lpiTableBasesWritableWhileEnabled) {
    m.ev.warn(
      'lpi-table-base-locked',
      `${name} of PE ${pe} written while GICR_CTLR.EnableLPIs=1 (UNPREDICTABLE); ignored — the Redistributor keeps the tables it has`,
      name,
      pe,
    );
    return ok(0);
  }
  const reg = baser(s, base);
  const mask = base === 0x70 ? PROPBASER_MASK : PENDBASER_MASK;
  const all = s.flags.lpiBasersStoreAllBits;
  const writeLo = size === 8 || (offset & 4) === 0;
  const writeHi = size === 8 || (offset & 4) !== 0;
  const hiValue = size === 8 ? hi : lo;
  if (writeLo) reg[pe * 2] = (all ? lo : lo & mask.lo) >>> 0;
  if (writeHi) {
    if (base === 0x78) s.pendbaserPtz[pe] = (hiValue & PTZ) !== 0 ? 1 : 0;
    reg[pe * 2 + 1] = (all ? hiValue : hiValue & mask.hi) >>> 0;
  }
  return ok(0);
}
