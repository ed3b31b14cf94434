import { SYSREG_NAMES } from '../../../arch/index.ts';
import type {
  AccessSize,
  Gic,
  GicConfig,
  OneOfNPolicy,
  PeSecurityState,
  SysregAccessOptions,
} from '../../api.ts';
import { nextRandom } from '../../../lib/index.ts';

/**
 * One fuzz operation on the model's public API, as plain JSON data (bigints as hex strings) so a
 * failing sequence can be printed, shrunk and pasted into a regression test.
 */
export type FuzzOp =
  | {
      readonly op: 'dist-write' | 'dist-read' | 'dist-peek';
      readonly offset: number;
      readonly size: number;
      readonly value: string;
      readonly secure: boolean;
    }
  | {
      readonly op: 'redist-write' | 'redist-read' | 'redist-peek';
      readonly pe: number;
      readonly offset: number;
      readonly size: number;
      readonly value: string;
      readonly secure: boolean;
    }
  | {
      readonly op: 'sysreg-write' | 'sysreg-read' | 'sysreg-peek';
      readonly pe: number;
      readonly name: string;
      readonly value: string;
      readonly secure: boolean;
      readonly el3: boolean;
    }
  | {
      readonly op: 'line';
      readonly intid: number;
      readonly level: boolean;
      readonly pe: number | null;
    }
  | { readonly op: 'ack-eoi'; readonly pe: number; readonly group: 0 | 1; readonly dir: boolean }
  /** Read-modify-write of one bit of a Distributor / Redistributor register (set or clear). */
  | {
      readonly op: 'dist-bit';
      readonly offset: number;
      readonly bit: number;
      readonly set: boolean;
      readonly secure: boolean;
    }
  | {
      readonly op: 'redist-bit';
      readonly pe: number;
      readonly offset: number;
      readonly bit: number;
      readonly set: boolean;
      readonly secure: boolean;
    }
  /** ICC_IAR0/1_EL1 read without the EOI: interrupts stay active and nest. */
  | { readonly op: 'ack'; readonly pe: number; readonly group: 0 | 1; readonly nmiar: boolean }
  /** ICC_EOIR0/1_EL1 (and ICC_DIR_EL1) of an INTID, usually one the PE acknowledged. */
  | {
      readonly op: 'eoi';
      readonly pe: number;
      readonly group: 0 | 1;
      readonly intid: number;
      readonly dir: boolean;
    }
  | { readonly op: 'pe-nmi'; readonly pe: number; readonly enabled: boolean }
  | { readonly op: 'pe-state'; readonly pe: number; readonly state: PeSecurityState }
  | { readonly op: 'snapshot-restore' }
  | { readonly op: 'reset' };

/** A seeded generator (mulberry32, as the model's): the whole run follows from one number. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    const r = nextRandom(this.state);
    this.state = r.state;
    return r.value;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const POLICIES: readonly OneOfNPolicy[] = ['unsupported', 'round-robin', 'lowest', 'seeded-random'];

/** 1–256 PEs (mostly few: the reference check reads every PE after every operation). */
export function randomConfig(rng: Rng): GicConfig {
  const r = rng.next();
  const peCount =
    r < 0.55
      ? rng.int(1, 4)
      : r < 0.85
        ? rng.int(5, 16)
        : r < 0.97
          ? rng.int(17, 64)
          : rng.int(65, 256);
  const spiCount = rng.chance(0.1) ? 988 : 32 * (rng.chance(0.7) ? rng.int(1, 3) : rng.int(1, 30));
  return {
    peCount,
    spiCount,
    securityExtensions: rng.chance(0.5),
    priorityBits: rng.int(4, 8),
    nmi: rng.chance(0.5),
    profile: rng.chance(0.5) ? 'architecture' : 'qemu',
    oneOfN: rng.pick(POLICIES),
    seed: rng.int(0, 1000),
  };
}

/** Distributor offsets that hit registers, per 32-INTID block n. */
function distOffset(rng: Rng, maxIntid: number): number {
  const blocks = Math.ceil((maxIntid + 1) / 32);
  const n = rng.int(0, blocks - 1);
  const intid = rng.int(0, maxIntid + 4);
  switch (rng.int(0, 14)) {
    case 0:
      return rng.pick([0x0, 0x4, 0x8, 0xc, 0x10, 0xf00, 0xffd0, 0xffe8, 0xfffc]);
    case 1:
      return 0x080 + 4 * n; // IGROUPR
    case 2:
      return 0x100 + 4 * n; // ISENABLER
    case 3:
      return 0x180 + 4 * n; // ICENABLER
    case 4:
      return 0x200 + 4 * n; // ISPENDR
    case 5:
      return 0x280 + 4 * n; // ICPENDR
    case 6:
      return 0x300 + 4 * n; // ISACTIVER
    case 7:
      return 0x380 + 4 * n; // ICACTIVER
    case 8:
      return 0x400 + intid; // IPRIORITYR
    case 9:
      return 0xc00 + 4 * rng.int(0, 2 * blocks); // ICFGR
    case 10:
      return 0xd00 + 4 * n; // IGRPMODR
    case 11:
      return 0xe00 + 4 * rng.int(0, 2 * blocks); // NSACR
    case 12:
      return 0xf80 + 4 * n; // INMIR
    case 13:
      return 0x6000 + 8 * intid + (rng.chance(0.2) ? 4 : 0); // IROUTER
    default:
      return rng.chance(0.5) ? rng.int(0, 0x10010) : rng.int(-8, 0x20000);
  }
}

function redistOffset(rng: Rng): number {
  switch (rng.int(0, 9)) {
    case 0:
      return rng.pick([0x0, 0x4, 0x8, 0xc, 0x10, 0x14, 0x70, 0x74, 0x78, 0x7c, 0xffd0, 0xffe8]);
    case 1:
      return rng.pick([0x10080, 0x10100, 0x10180, 0x10200, 0x10280, 0x10300, 0x10380]);
    case 2:
      return 0x10400 + rng.int(0, 34);
    case 3:
      return rng.pick([0x10c00, 0x10c04, 0x10d00, 0x10e00, 0x10f80]);
    case 4:
      return 0x14; // WAKER: wake or sleep
    default:
      return rng.chance(0.6) ? 0x10000 + rng.int(0, 0x1000) : rng.int(-4, 0x20010);
  }
}

const SIZES = [1, 2, 4, 4, 4, 4, 8, 8];

function size(rng: Rng): number {
  return rng.chance(0.02) ? rng.pick([0, 3, 16, -1]) : rng.pick(SIZES);
}

/** Values that matter more often than uniform ones: zero, all ones, single bits, priorities. */
function value(rng: Rng, maxIntid: number): bigint {
  switch (rng.int(0, 9)) {
    case 0:
      return 0n;
    case 1:
      return 0xffffffffn;
    case 2:
      return 1n << BigInt(rng.int(0, 63));
    case 3:
      return BigInt(rng.pick([0x00, 0x10, 0x40, 0x80, 0x90, 0xa0, 0xc0, 0xe0, 0xf0, 0xf8, 0xff]));
    case 4:
      return BigInt(rng.int(0, maxIntid + 2));
    case 5:
      return BigInt(rng.pick([0x1, 0x2, 0x3, 0x7, 0x13, 0x30, 0x37, 0x40, 0x80000000]));
    case 6: {
      // an SGI register: INTID, target list, affinity, IRM
      const v =
        BigInt(rng.int(0, 0xffff)) |
        (BigInt(rng.int(0, 15)) << 24n) |
        (BigInt(rng.int(0, 3)) << 16n) |
        (rng.chance(0.2) ? 1n << 40n : 0n) |
        (BigInt(rng.int(0, 2)) << 44n);
      return v;
    }
    case 7:
      return (
        (BigInt(Math.floor(rng.next() * 2 ** 32)) << 32n) | BigInt(Math.floor(rng.next() * 2 ** 32))
      );
    default:
      return BigInt(Math.floor(rng.next() * 2 ** 32));
  }
}

const BAD_NAMES = [
  'ICC_BOGUS_EL1',
  '',
  'icc_pmr_el1',
  'ICC_AP1R9_EL1',
  'GICD_CTLR',
  'ICC_IAR1_EL2',
];

function sysregName(rng: Rng): string {
  if (rng.chance(0.05)) return rng.pick(BAD_NAMES);
  return rng.pick(SYSREG_NAMES);
}

/** A PE index: almost always valid, sometimes one the model must refuse with a RangeError. */
function pe(rng: Rng, peCount: number): number {
  return rng.chance(0.01) ? rng.pick([-1, peCount, 1.5]) : rng.int(0, peCount - 1);
}

const STATES: readonly PeSecurityState[] = ['non-secure', 'secure', 'el3'];
const PRIORITIES = [0x00, 0x00, 0x10, 0x40, 0x80, 0x80, 0x90, 0xa0, 0xc0, 0xf0, 0xff];

/**
 * What the generator remembers about one configuration: a handful of "hot" INTIDs most
 * operations are about (so interrupts get configured, pending, active and nested, not just
 * poked at random offsets), and what each PE acknowledged and has not yet ended.
 */
export class FuzzContext {
  readonly hot: readonly number[];
  readonly acked: number[][];

  constructor(
    rng: Rng,
    readonly cfg: Gic['config'],
  ) {
    const max = cfg.maxSpiIntId as number;
    this.hot = [rng.int(0, 15), rng.int(0, 15), rng.int(16, 31), rng.int(16, 31)].concat(
      Array.from({ length: 4 }, () => rng.int(32, max)),
    );
    this.acked = Array.from({ length: cfg.peCount }, () => []);
  }

  /** After an IAR read made by `ack`: remember what has to be ended. */
  noteAck(pe: number, intid: number): void {
    if (intid < 1020) this.acked[pe]?.push(intid);
  }
}

/** One bit of a hot INTID's configuration or state, as a Distributor or Redistributor RMW. */
function hotBitOp(rng: Rng, ctx: FuzzContext): FuzzOp {
  const intid = rng.pick(ctx.hot);
  const secure = rng.chance(0.8);
  // [register base, bits per INTID, which of the INTID's bits]
  const family = rng.pick([
    [0x080, 1, 0], // IGROUPR
    [0xd00, 1, 0], // IGRPMODR
    [0x100, 1, 0], // ISENABLER
    [0x180, 1, 0], // ICENABLER
    [0x200, 1, 0], // ISPENDR
    [0x280, 1, 0], // ICPENDR
    [0x300, 1, 0], // ISACTIVER
    [0x380, 1, 0], // ICACTIVER
    [0xf80, 1, 0], // INMIR
    [0xc00, 2, 1], // ICFGR: edge
    [0xe00, 2, rng.int(0, 1)], // NSACR
  ] as const);
  const [base, width, sub] = family;
  const perReg = 32 / width;
  const bit = (intid % perReg) * width + sub;
  const set = rng.chance(0.6);
  if (intid < 32) {
    const offset = 0x10000 + base + 4 * Math.floor(intid / perReg);
    return { op: 'redist-bit', pe: rng.int(0, ctx.cfg.peCount - 1), offset, bit, set, secure };
  }
  return { op: 'dist-bit', offset: base + 4 * Math.floor(intid / perReg), bit, set, secure };
}

/** A priority byte or a route for a hot INTID. */
function hotValueOp(rng: Rng, ctx: FuzzContext): FuzzOp {
  const intid = rng.pick(ctx.hot);
  const secure = rng.chance(0.8);
  const priority = `0x${rng.pick(PRIORITIES).toString(16)}`;
  if (intid < 32)
    return {
      op: 'redist-write',
      pe: rng.int(0, ctx.cfg.peCount - 1),
      offset: 0x10400 + intid,
      size: 1,
      value: priority,
      secure,
    };
  if (rng.chance(0.6))
    return { op: 'dist-write', offset: 0x400 + intid, size: 1, value: priority, secure };
  const a = ctx.cfg.affinity[rng.int(0, ctx.cfg.peCount - 1)] ?? {
    aff0: 0,
    aff1: 0,
    aff2: 0,
    aff3: 0,
  };
  const route = rng.chance(0.25)
    ? 0x80000000n
    : (BigInt(a.aff3) << 32n) | BigInt((a.aff2 << 16) | (a.aff1 << 8) | a.aff0);
  return {
    op: 'dist-write',
    offset: 0x6000 + 8 * intid,
    size: 8,
    value: `0x${route.toString(16)}`,
    secure,
  };
}

/** CPU-interface registers with values that matter (masks, binary points, enables). */
function cpuOp(rng: Rng, ctx: FuzzContext): FuzzOp {
  const pe = rng.int(0, ctx.cfg.peCount - 1);
  const [name, values] = rng.pick([
    ['ICC_PMR_EL1', [0x00, 0x80, 0xa0, 0xc0, 0xe0, 0xf0, 0xf8, 0xff]],
    ['ICC_BPR0_EL1', [0, 1, 2, 3, 4, 7]],
    ['ICC_BPR1_EL1', [0, 1, 2, 3, 4, 7]],
    ['ICC_CTLR_EL1', [0, 1, 2, 3]],
    ['ICC_IGRPEN0_EL1', [0, 1, 1]],
    ['ICC_IGRPEN1_EL1', [0, 1, 1, 1]],
    ['ICC_IGRPEN1_EL3', [0, 1, 2, 3]],
    ['ICC_CTLR_EL3', [0, 1, 2, 4, 0x1f]],
    ['ICC_AP0R0_EL1', [0, 1, 0x10, 0x80000000]],
    ['ICC_AP1R0_EL1', [0, 1, 0x10, 0x80000000]],
    ['ICC_SGI1R_EL1', [0]],
    ['ICC_SGI0R_EL1', [0]],
    ['ICC_ASGI1R_EL1', [0]],
  ] as const);
  let v = BigInt(rng.pick(values));
  if (name.includes('SGI')) {
    const target = rng.int(0, ctx.cfg.peCount - 1);
    const a = ctx.cfg.affinity[target] ?? { aff0: 0, aff1: 0, aff2: 0, aff3: 0 };
    const sgi = rng.pick(ctx.hot.filter((x) => x < 16).concat([rng.int(0, 15)]));
    v = rng.chance(0.2)
      ? (BigInt(sgi) << 24n) | (1n << 40n)
      : (BigInt(a.aff3) << 48n) |
        (BigInt(a.aff0 >> 4) << 44n) |
        (BigInt(a.aff2) << 32n) |
        (BigInt(sgi) << 24n) |
        (BigInt(a.aff1) << 16n) |
        BigInt(1 << (a.aff0 & 15));
  }
  return {
    op: 'sysreg-write',
    pe,
    name,
    value: `0x${v.toString(16)}`,
    secure: rng.chance(0.5),
    el3: name.endsWith('EL3') ? rng.chance(0.9) : rng.chance(0.1),
  };
}

/**
 * How a driver brings the GIC up (reference §2.2, §3.2, §4.3): groups enabled in GICD_CTLR,
 * every Redistributor awake, both groups enabled and PMR open at every CPU interface. Most
 * configurations start from here, so the fuzz spends its time where interrupts are delivered.
 */
export function bootOps(cfg: Gic['config']): FuzzOp[] {
  const ext = cfg.securityExtensions;
  const ops: FuzzOp[] = [
    { op: 'dist-write', offset: 0x0, size: 4, value: ext ? '0x37' : '0x13', secure: true },
  ];
  for (let pe = 0; pe < cfg.peCount; pe++) {
    ops.push({ op: 'redist-write', pe, offset: 0x14, size: 4, value: '0x0', secure: true });
    const sys = (name: string, value: string, secure: boolean, el3 = false): FuzzOp => ({
      op: 'sysreg-write',
      pe,
      name,
      value,
      secure,
      el3,
    });
    ops.push(sys('ICC_PMR_EL1', '0xff', true));
    ops.push(sys('ICC_IGRPEN1_EL1', '0x1', false));
    ops.push(sys('ICC_IGRPEN0_EL1', '0x1', true, ext));
    if (ext) ops.push(sys('ICC_IGRPEN1_EL1', '0x1', true));
  }
  return ops;
}

export function randomOp(rng: Rng, ctx: FuzzContext): FuzzOp {
  const cfg = ctx.cfg;
  const max = cfg.maxSpiIntId as number;
  const hex = (v: bigint): string => `0x${v.toString(16)}`;
  const r = rng.int(0, 99);
  if (r < 20) return hotBitOp(rng, ctx);
  if (r < 28) return hotValueOp(rng, ctx);
  if (r < 38) return cpuOp(rng, ctx);
  if (r < 48) {
    const intid = rng.chance(0.05)
      ? rng.pick([-1, 0, 15, max + 1, 1020, 2.5])
      : rng.chance(0.8)
        ? rng.pick(ctx.hot.filter((x) => x >= 16))
        : rng.int(16, max);
    const ppi = intid >= 16 && intid < 32;
    return {
      op: 'line',
      intid,
      level: rng.chance(0.55),
      pe: ppi || rng.chance(0.05) ? pe(rng, cfg.peCount) : null,
    };
  }
  if (r < 58) {
    return {
      op: 'ack',
      pe: rng.int(0, cfg.peCount - 1),
      group: rng.chance(0.7) ? 1 : 0,
      nmiar: cfg.nmi && rng.chance(0.2),
    };
  }
  if (r < 66) {
    const p = rng.int(0, cfg.peCount - 1);
    const stack = ctx.acked[p] ?? [];
    const intid =
      stack.length > 0 && rng.chance(0.85) ? (stack.pop() as number) : rng.pick(ctx.hot);
    return { op: 'eoi', pe: p, group: rng.chance(0.7) ? 1 : 0, intid, dir: rng.chance(0.3) };
  }
  if (r < 70)
    return {
      op: 'ack-eoi',
      pe: rng.int(0, cfg.peCount - 1),
      group: rng.chance(0.7) ? 1 : 0,
      dir: rng.chance(0.3),
    };
  if (r < 79) {
    const op = rng.chance(0.55) ? 'dist-write' : rng.chance(0.6) ? 'dist-read' : 'dist-peek';
    return {
      op,
      offset: distOffset(rng, max),
      size: size(rng),
      value: hex(value(rng, max)),
      secure: rng.chance(0.5),
    };
  }
  if (r < 86) {
    const op = rng.chance(0.55) ? 'redist-write' : rng.chance(0.6) ? 'redist-read' : 'redist-peek';
    return {
      op,
      pe: pe(rng, cfg.peCount),
      offset: redistOffset(rng),
      size: size(rng),
      value: hex(value(rng, max)),
      secure: rng.chance(0.5),
    };
  }
  if (r < 95) {
    const op = rng.chance(0.5) ? 'sysreg-write' : rng.chance(0.4) ? 'sysreg-read' : 'sysreg-peek';
    return {
      op,
      pe: pe(rng, cfg.peCount),
      name: sysregName(rng),
      value: hex(value(rng, max)),
      secure: rng.chance(0.5),
      el3: rng.chance(0.15),
    };
  }
  if (r < 97) return { op: 'pe-nmi', pe: rng.int(0, cfg.peCount - 1), enabled: rng.chance(0.5) };
  if (r < 99) return { op: 'pe-state', pe: rng.int(0, cfg.peCount - 1), state: rng.pick(STATES) };
  return rng.chance(0.9) ? { op: 'snapshot-restore' } : { op: 'reset' };
}

/** Options of a register access as the fuzz passes them. */
export function mmioOpts(secure: boolean): { readonly secure: boolean } {
  return { secure };
}

export function sysregOpts(secure: boolean, el3: boolean): SysregAccessOptions {
  return { secure, el3 };
}

export function accessSize(size: number): AccessSize {
  return size as AccessSize;
}

export function describeOp(op: FuzzOp): string {
  return JSON.stringify(op);
}
