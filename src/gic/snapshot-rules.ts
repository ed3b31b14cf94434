import { packAffinity } from './config.ts';
import { irouterAffinity, irouterIrm } from './kernels/routing.ts';
import type { PersistentFieldName } from './state-layout.ts';
import {
  CTLR_ARE_NS,
  CTLR_ARE_S,
  CTLR_DS,
  CTLR_EN_GRP0,
  CTLR_EN_GRP1NS,
  CTLR_EN_GRP1S,
  G0,
  G1NS,
  ICC_CTLR_CBPR,
  ICC_CTLR_EOIMODE,
  type GicState,
} from './state.ts';

/**
 * What a restorable state must satisfy, field by field: the values the model itself can reach.
 * Each rule returns null or what is wrong with element `i`; restore() names the field and the
 * interrupt or PE. Every persistent field has a rule (the table's type makes a missing one a
 * compile error).
 */
export type FieldRule = (s: GicState, i: number, value: number) => string | null;

const bool: FieldRule = (_s, _i, v) => (v === 0 || v === 1 ? null : 'must be 0 or 1');

const inRange =
  (lo: number, hi: (s: GicState) => number): FieldRule =>
  (s, _i, v) =>
    v >= lo && v <= hi(s) ? null : `must be ${lo}…${hi(s)}`;

const onlyBits =
  (mask: (s: GicState) => number, what: string): FieldRule =>
  (s, _i, v) =>
    (v & ~mask(s)) === 0 ? null : `has bits outside ${what} (0x${mask(s).toString(16)})`;

const both =
  (...rules: FieldRule[]): FieldRule =>
  (s, i, v) => {
    for (const rule of rules) {
      const problem = rule(s, i, v);
      if (problem !== null) return problem;
    }
    return null;
  };

const isSgiSlot = (s: GicState, slot: number): boolean => slot < s.spiBase && (slot & 31) < 16;

export const FIELD_RULES: Readonly<Record<PersistentFieldName, FieldRule>> = {
  irouterLo: (s, _i, v) =>
    s.flags.irouterStoresRes0Bits || (v & ~0x80ffffff) === 0
      ? null
      : 'has RES0 bits set (only Aff0–Aff2 and IRM are stored)',
  irouterHi: (s, _i, v) =>
    s.flags.irouterStoresRes0Bits || (v & ~0xff) === 0
      ? null
      : 'has RES0 bits set (only Aff3 is stored)',
  gicrCtlr: onlyBits(
    (s) => (s.flags.lpiRegisters ? 1 : 0) | (s.flags.dpgSupported ? 0x7 << 24 : 0),
    'EnableLPIs/DPG0/DPG1NS/DPG1S as this profile implements them',
  ),
  propbaser: (s, _i, v) => (s.flags.lpiRegisters || v === 0 ? null : 'must be 0 (no LPIs)'),
  pendbaser: (s, _i, v) => (s.flags.lpiRegisters || v === 0 ? null : 'must be 0 (no LPIs)'),
  // Software may write any value into an implemented APR word (ICC_AP<g>R<n>_EL1 is RW).
  apr: (s, i, v) =>
    (i & 3) < s.numAprs || v === 0 ? null : `must be 0 (only ${s.numAprs} APR words)`,
  activeOn: (s, i, v) => {
    if (v < -1 || v >= s.peCount) return `must be -1…${s.peCount - 1}`;
    if (v !== -1 && s.active[i] === 0) return 'must be -1 while the interrupt is not active';
    if (v !== -1 && i < s.spiBase && v !== i >> 5) return 'must be -1 or the PE it belongs to';
    return null;
  },
  routeTarget: inRange(-1, (s) => s.peCount - 1),
  priority: inRange(0, () => 255),
  latch: bool,
  level: both(bool, (s, i, v) =>
    v === 1 && isSgiSlot(s, i) ? 'must be 0: SGIs have no line' : null,
  ),
  edge: both(bool, (s, i, v) =>
    v === 0 && isSgiSlot(s, i) ? 'must be 1: SGIs are edge-triggered' : null,
  ),
  enabled: bool,
  active: bool,
  igroup: bool,
  grpmod: both(bool, (s, _i, v) =>
    v === 1 && !s.cfg.securityExtensions ? 'must be 0 without security extensions' : null,
  ),
  nmi: both(bool, (s, _i, v) => (v === 1 && !s.cfg.nmi ? 'must be 0 without NMI support' : null)),
  nsacr: inRange(0, () => 3),
  unplaced: bool,
  processorSleep: bool,
  pmr: onlyBits((s) => s.pmrMask, 'the implemented priority bits'),
  ctlrS: onlyBits(() => ICC_CTLR_CBPR | ICC_CTLR_EOIMODE, 'CBPR/EOImode'),
  ctlrNs: onlyBits(() => ICC_CTLR_CBPR | ICC_CTLR_EOIMODE, 'CBPR/EOImode'),
  ctlrEl3EoiMode: bool,
  sctlrNmi: bool,
  peSecurity: inRange(0, () => 2),
  bpr: (s, i, v) => {
    const min = i % 3 === G1NS ? s.minBpr0 + 1 : s.minBpr0;
    return v >= min && v <= 7 ? null : `must be ${min}…7 (the minimum binary point and up)`;
  },
  igrpen: bool,
  aprNmi: both(bool, (s, i, v) => {
    if (v === 0) return null;
    if (!s.cfg.nmi) return 'must be 0 without NMI support';
    return i % 3 === G0 && !s.flags.nmiOnGroup0Honoured ? 'must be 0 for Group 0' : null;
  }),
};

/** GICD_CTLR as the model can hold it (reference §2.2): which bits, and DS's consequences. */
export function gicdCtlrProblem(s: GicState, v: number): string | null {
  const known = CTLR_EN_GRP0 | CTLR_EN_GRP1NS | CTLR_EN_GRP1S | CTLR_ARE_S | CTLR_ARE_NS | CTLR_DS;
  if ((v & ~known) !== 0) return 'has bits the model does not implement';
  if ((v & CTLR_ARE_S) === 0) return 'must have ARE set (affinity routing is always on)';
  const ds = (v & CTLR_DS) !== 0;
  if (!s.cfg.securityExtensions && !ds) return 'must have DS=1 without security extensions';
  if (ds && (v & (CTLR_EN_GRP1S | CTLR_ARE_NS)) !== 0)
    return 'must have EnableGrp1S and ARE_NS clear when DS=1';
  if (!ds && (v & CTLR_ARE_NS) === 0) return 'must have ARE_NS set when DS=0';
  return null;
}

/**
 * The delivery target of an SPI not routed 1-of-N follows from its GICD_IROUTER (reference
 * §2.4): returns the PE, or -1 when the affinity names none.
 */
export function targetedPe(s: GicState, spi: number): number | null {
  const lo = s.irouterLo[spi] ?? 0;
  if (s.cfg.oneOfN !== 'unsupported' && irouterIrm(lo)) return null;
  const aff = irouterAffinity(lo, s.irouterHi[spi] ?? 0);
  return s.affinityToPe.get(aff) ?? -1;
}

/** The affinity fields compared field by field when a configuration is checked. */
export function affinityKey(a: unknown): number | null {
  if (typeof a !== 'object' || a === null) return null;
  const r = a as Record<string, unknown>;
  const f = [r.aff0, r.aff1, r.aff2, r.aff3];
  if (!f.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 255))
    return null;
  return packAffinity({
    aff0: f[0] as number,
    aff1: f[1] as number,
    aff2: f[2] as number,
    aff3: f[3] as number,
  });
}
