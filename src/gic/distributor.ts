import type { IntId, PeIndex } from './api.ts';
import { hex64 } from '../lib/index.ts';
import { findDistributorRegister, type RegisterMatch } from '../arch/index.ts';
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
import { updateRunningPriority } from './delivery.ts';
import { isOneOfN, markAllDirty, refresh, refreshAll, setUnplaced } from './interrupts.ts';
import { irouterAffinity, irouterIrm } from './kernels/routing.ts';
import type { Model } from './model.ts';
import {
  CTLR_ARE_NS,
  CTLR_ARE_S,
  CTLR_DS,
  CTLR_EN_GRP0,
  CTLR_EN_GRP1NS,
  CTLR_EN_GRP1S,
  type GicState,
} from './state.ts';
import type { AccessResult } from './mmio.ts';
import { BAD_SIZE, UNIMPLEMENTED, ok } from './mmio.ts';

const SPI_BANK: Bank = { pe: 0, useNsacr: true };

/** GICD_IIDR: Arm r0p0 with ProductID 0, like GIC-500 and QEMU (IMPDEF). */
export const GICD_IIDR = 0x43b;
/** CoreSight ID registers (0xFFD0–0xFFFC) read their values from the register catalogue. */
export function idRegister(match: RegisterMatch | null): number {
  return typeof match?.spec.reset === 'number' ? match.spec.reset : 0;
}

export function gicdTyper(s: GicState): number {
  const itLines = Math.ceil(s.numIrq / 32) - 1;
  return (
    (itLines |
      (s.cfg.nmi ? 1 << 9 : 0) |
      ((s.gicdCtlr & CTLR_DS) === 0 ? 1 << 10 : 0) |
      (s.cfg.lpis ? 1 << 17 : 0) |
      ((s.cfg.lpis ? s.cfg.lpiIdBits - 1 : s.flags.gicdIdBits) << 19) |
      (1 << 24) |
      (s.cfg.oneOfN === 'unsupported' ? 1 << 25 : 0)) >>>
    0
  );
}

const BIT_FAMILIES: readonly (readonly [number, BitFamily])[] = [
  [0x0080, 'IGROUPR'],
  [0x0100, 'ISENABLER'],
  [0x0180, 'ICENABLER'],
  [0x0200, 'ISPENDR'],
  [0x0280, 'ICPENDR'],
  [0x0300, 'ISACTIVER'],
  [0x0380, 'ICACTIVER'],
  [0x0d00, 'IGRPMODR'],
  [0x0f80, 'INMIR'],
];

function bitFamilyAt(offset: number): readonly [number, BitFamily] | undefined {
  for (const entry of BIT_FAMILIES) {
    if (offset >= entry[0] && offset < entry[0] + 0x80) return entry;
  }
  return undefined;
}

/** GICD_CTLR in the view of the access (reference §2.2). */
function ctlrRead(s: GicState, secure: boolean): number {
  const v = s.gicdCtlr;
  if ((v & CTLR_DS) !== 0 || secure) return v;
  // Non-secure view with DS=0: EnableGrp1A = bit 1, ARE_NS in bit 4.
  return (v & CTLR_EN_GRP1NS) | ((v & CTLR_ARE_NS) !== 0 ? 1 << 4 : 0);
}

function ctlrWrite(m: Model, secure: boolean, value: number): void {
  const s = m.s;
  let mask: number;
  if ((s.gicdCtlr & CTLR_DS) !== 0) mask = CTLR_EN_GRP0 | CTLR_EN_GRP1NS;
  else if (secure) mask = CTLR_DS | CTLR_EN_GRP0 | CTLR_EN_GRP1NS | CTLR_EN_GRP1S;
  else mask = CTLR_EN_GRP1NS;
  let next = ((s.gicdCtlr & ~mask) | (value & mask)) >>> 0;
  // Setting DS is one-way until reset and makes EnableGrp1S and ARE_NS RES0.
  if ((value & mask & CTLR_DS) !== 0) next &= ~(CTLR_EN_GRP1S | CTLR_ARE_NS);
  next |= CTLR_ARE_S;
  if (next === s.gicdCtlr) return;
  s.gicdCtlr = next;
  // DS decides the running priority of an active Non-secure NMI (0x00 or 0x80).
  for (let pe = 0; pe < s.peCount; pe++) updateRunningPriority(s, pe);
  refreshAll(m);
  // Not only the candidates: EnableGrp1NS decides whether an LPI competes, DS how a Non-secure
  // Group 1 NMI is signalled (reference §4.5, §6).
  markAllDirty(s);
}

function irouterReadable(s: GicState, spiSlot: number, secure: boolean): boolean {
  if (secure || (s.gicdCtlr & CTLR_DS) !== 0) return true;
  return s.igroup[spiSlot] !== 0 || s.nsacr[spiSlot] === 3;
}

export function readDistributor(
  m: Model,
  offset: number,
  size: number,
  secure: boolean,
): AccessResult {
  const s = m.s;
  if (offset >= 0x6000 && offset < 0x8000) return irouterRead(s, offset, size, secure);
  if (size === 1) {
    if (offset >= 0x400 && offset < 0x800)
      return ok(readPriorityByte(m, offset - 0x400, SPI_BANK, secure) & maskSpi(offset - 0x400));
    if ((offset >= 0x800 && offset < 0xc00) || (offset >= 0xf10 && offset < 0xf30)) return ok(0);
    return isKnownOffset(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  }
  if (size !== 4) return isKnownOffset(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  if ((offset & 3) !== 0) return BAD_SIZE;
  if (offset === 0x0000) return ok(ctlrRead(s, secure));
  if (offset === 0x0004) return ok(gicdTyper(s));
  if (offset === 0x0008) return ok(GICD_IIDR);
  if (offset === 0x0010) return ok(0);
  const fam = bitFamilyAt(offset);
  if (fam !== undefined) {
    if (fam[1] === 'INMIR' && !s.cfg.nmi)
      return s.flags.inmirBadAccessWithoutNmi ? UNIMPLEMENTED : ok(0);
    const base = (offset - fam[0]) * 8;
    return ok(base < 32 ? 0 : readBits(m, fam[1], base, SPI_BANK, secure));
  }
  if (offset >= 0x400 && offset < 0x800) {
    const base = offset - 0x400;
    let v = 0;
    for (let i = 3; i >= 0; i--)
      v = (v << 8) | (readPriorityByte(m, base + i, SPI_BANK, secure) & maskSpi(base + i));
    return ok(v >>> 0);
  }
  if (offset >= 0x800 && offset < 0xc00) return ok(0);
  if (offset >= 0xc00 && offset < 0xd00) {
    const base = (offset - 0xc00) * 4;
    return ok(base < 32 ? 0 : readConfig(m, base, SPI_BANK, secure));
  }
  if (offset >= 0xe00 && offset < 0xf00) {
    const base = (offset - 0xe00) * 4;
    return ok(base < 32 ? 0 : readNsacr(m, base, SPI_BANK, secure));
  }
  if (offset === 0xf00) {
    m.ev.warn(
      'read-of-write-only',
      'GICD_SGIR is write-only (and RES0 with affinity routing)',
      'GICD_SGIR',
    );
    return ok(0);
  }
  if (offset >= 0xf10 && offset < 0xf30) return ok(0);
  if (offset >= 0xffd0 && offset <= 0xfffc) return ok(idRegister(findDistributorRegister(offset)));
  return UNIMPLEMENTED;
}

function maskSpi(intid: number): number {
  return intid >= 32 ? 0xff : 0;
}

function isKnownOffset(s: GicState, offset: number): boolean {
  return (
    offset <= 0x10 ||
    (offset >= 0x80 && offset < 0x400) ||
    (offset >= 0x400 && offset < 0xf30) ||
    (offset >= 0xf80 && offset < 0x1000 && s.cfg.nmi) ||
    (offset >= 0x6000 && offset < 0x8000) ||
    offset >= 0xffd0
  );
}

function irouterRead(s: GicState, offset: number, size: number, secure: boolean): AccessResult {
  if (size !== 4 && size !== 8) return BAD_SIZE;
  if ((offset & (size - 1)) !== 0) return BAD_SIZE;
  const intid = (offset - 0x6000) >> 3;
  if (intid < 32 || intid >= s.numIrq) return ok(0);
  const spi = intid - 32;
  if (!irouterReadable(s, s.spiBase + spi, secure)) return ok(0);
  const lo = s.irouterLo[spi] ?? 0;
  const hi = s.irouterHi[spi] ?? 0;
  if (size === 8) return ok(lo, hi);
  return ok((offset & 4) !== 0 ? hi : lo);
}

export function writeDistributor(
  m: Model,
  offset: number,
  lo: number,
  hi: number,
  size: number,
  secure: boolean,
  register: string,
): AccessResult {
  const s = m.s;
  if (offset >= 0x6000 && offset < 0x8000)
    return irouterWrite(m, offset, lo, hi, size, secure, register);
  if (size === 1) {
    if (offset >= 0x400 && offset < 0x800) {
      const intid = offset - 0x400;
      if (intid >= 32 && !writePriorityByte(m, intid, SPI_BANK, secure, lo & 0xff))
        nsDenied(m, register, intid);
      return ok(0);
    }
    if ((offset >= 0x800 && offset < 0xc00) || (offset >= 0xf10 && offset < 0xf30)) return ok(0);
    return isKnownOffset(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  }
  if (size !== 4) return isKnownOffset(s, offset) ? BAD_SIZE : UNIMPLEMENTED;
  if ((offset & 3) !== 0) return BAD_SIZE;
  if (offset === 0x0000) {
    ctlrWrite(m, secure, lo);
    return ok(0);
  }
  if (offset === 0x0004 || offset === 0x0008 || (offset >= 0xffd0 && offset <= 0xfffc)) {
    m.ev.warn('write-to-read-only', `${register} is read-only; write ignored`, register);
    return ok(0);
  }
  if (offset === 0x0010) return ok(0);
  const fam = bitFamilyAt(offset);
  if (fam !== undefined) {
    if (fam[1] === 'INMIR' && !s.cfg.nmi)
      return s.flags.inmirBadAccessWithoutNmi ? UNIMPLEMENTED : ok(0);
    const base = (offset - fam[0]) * 8;
    if (base >= 32) {
      const denied =
        writeBits(m, fam[1], base, SPI_BANK, secure, lo, register) & implementedMask(s, base);
      if (denied !== 0) nsDenied(m, register, null);
    }
    return ok(0);
  }
  if (offset >= 0x400 && offset < 0x800) {
    const base = offset - 0x400;
    let denied = false;
    for (let i = 0; i < 4; i++) {
      const intid = base + i;
      if (intid >= 32 && !writePriorityByte(m, intid, SPI_BANK, secure, (lo >>> (8 * i)) & 0xff))
        denied = true;
    }
    if (denied) nsDenied(m, register, null);
    return ok(0);
  }
  if (offset >= 0x800 && offset < 0xc00) return ok(0);
  if (offset >= 0xc00 && offset < 0xd00) {
    const base = (offset - 0xc00) * 4;
    if (base >= 32 && !writeConfig(m, base, SPI_BANK, secure, lo)) nsDenied(m, register, null);
    return ok(0);
  }
  if (offset >= 0xe00 && offset < 0xf00) {
    const base = (offset - 0xe00) * 4;
    if (base >= 32) writeNsacr(m, base, SPI_BANK, secure, lo);
    return ok(0);
  }
  if (offset === 0xf00 || (offset >= 0xf10 && offset < 0xf30)) return ok(0);
  return UNIMPLEMENTED;
}

function implementedMask(s: GicState, base: number): number {
  const n = s.numIrq - base;
  return n >= 32 ? 0xffffffff : n <= 0 ? 0 : ((1 << n) - 1) >>> 0;
}

function nsDenied(m: Model, register: string, intid: number | null): void {
  m.ev.warn(
    'ns-access-to-secure-field',
    `${register}: Non-secure access to a Secure interrupt's field ignored (RAZ/WI)`,
    register,
    null,
    intid,
  );
}

function irouterWrite(
  m: Model,
  offset: number,
  lo: number,
  hi: number,
  size: number,
  secure: boolean,
  register: string,
): AccessResult {
  const s = m.s;
  if (size !== 4 && size !== 8) return BAD_SIZE;
  if ((offset & (size - 1)) !== 0) return BAD_SIZE;
  const intid = (offset - 0x6000) >> 3;
  if (intid < 32 || intid >= s.numIrq) return ok(0);
  const spi = intid - 32;
  const slot = s.spiBase + spi;
  if (!irouterReadable(s, slot, secure)) {
    nsDenied(m, register, intid);
    return ok(0);
  }
  let newLo = s.irouterLo[spi] ?? 0;
  let newHi = s.irouterHi[spi] ?? 0;
  if (size === 8) {
    newLo = lo;
    newHi = hi;
  } else if ((offset & 4) !== 0) newHi = lo;
  else newLo = lo;
  if (!s.flags.irouterStoresRes0Bits) {
    newLo &= 0x80ffffff;
    newHi &= 0xff;
  }
  setRoute(m, spi, newLo >>> 0, newHi >>> 0, register);
  return ok(0);
}

/** Stores GICD_IROUTER<n> and recomputes where the SPI is delivered (reference §2.4, §7). */
export function setRoute(m: Model, spi: number, lo: number, hi: number, register: string): void {
  const s = m.s;
  const intid = spi + 32;
  const changed = s.irouterLo[spi] !== lo || s.irouterHi[spi] !== hi;
  const wasOneOfN = isOneOfN(s, spi);
  s.irouterLo[spi] = lo;
  s.irouterHi[spi] = hi;
  const previous = s.routeTarget[spi] ?? -1;
  if (isOneOfN(s, spi)) {
    if (!wasOneOfN) {
      s.routeTarget[spi] = -1;
      setUnplaced(s, spi, false);
    }
  } else {
    if (irouterIrm(lo) && s.cfg.oneOfN === 'unsupported') {
      m.ev.warn(
        'irouter-irm-unsupported',
        `${register}: IRM=1 but GICD_TYPER.No1N=1; routing by the affinity fields`,
        register,
        null,
        intid,
      );
    }
    const target = s.affinityToPe.get(irouterAffinity(lo, hi)) ?? -1;
    s.routeTarget[spi] = target;
    setUnplaced(s, spi, false);
    if (target < 0) {
      m.ev.warn(
        'irouter-no-pe',
        `${register}: affinity 0x${irouterAffinity(lo, hi).toString(16)} names no PE; the SPI stays pending`,
        register,
        null,
        intid,
      );
    }
    if (m.ev.active && target !== previous) {
      m.ev.emit({
        kind: 'routed',
        intid: intid as IntId,
        mode: 'targeted',
        policy: null,
        pe: target < 0 ? null : (target as PeIndex),
        previousPe: previous < 0 ? null : (previous as PeIndex),
      });
    }
  }
  if (changed && m.ev.active) {
    m.ev.emit({
      kind: 'interrupt-configured',
      intid: intid as IntId,
      pe: null,
      change: { property: 'route', value: hex64(lo, hi) },
    });
  }
  refresh(m, s.spiBase + spi);
}
