import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessSize, Gic, GicConfig, GicEvent } from './api.ts';
import { createGic } from './gic.ts';
import { referenceHppi, referenceOutputs, referenceRunningPriority } from './testing/reference.ts';

/** One input to the model; the property test drives random sequences of these. */
type Command =
  | { readonly op: 'line'; readonly intid: number; readonly pe: number; readonly level: boolean }
  | {
      readonly op: 'dist';
      readonly offset: number;
      readonly value: bigint;
      readonly size: AccessSize;
      readonly secure: boolean;
    }
  | {
      readonly op: 'redist';
      readonly pe: number;
      readonly offset: number;
      readonly value: bigint;
      readonly size: AccessSize;
      readonly secure: boolean;
    }
  | {
      readonly op: 'sysreg-write';
      readonly pe: number;
      readonly name: string;
      readonly value: bigint;
      readonly secure: boolean;
    }
  | {
      readonly op: 'sysreg-read';
      readonly pe: number;
      readonly name: string;
      readonly secure: boolean;
    }
  | { readonly op: 'ack-and-eoi'; readonly pe: number; readonly group: 0 | 1 }
  | { readonly op: 'pe-nmi'; readonly pe: number; readonly enabled: boolean }
  | {
      readonly op: 'pe-state';
      readonly pe: number;
      readonly state: 'non-secure' | 'secure' | 'el3';
    };

const SIZES: readonly AccessSize[] = [1, 2, 4, 8];
const WRITE_SYSREGS = [
  'ICC_PMR_EL1',
  'ICC_BPR0_EL1',
  'ICC_BPR1_EL1',
  'ICC_CTLR_EL1',
  'ICC_IGRPEN0_EL1',
  'ICC_IGRPEN1_EL1',
  'ICC_EOIR0_EL1',
  'ICC_EOIR1_EL1',
  'ICC_DIR_EL1',
  'ICC_SGI0R_EL1',
  'ICC_SGI1R_EL1',
  'ICC_ASGI1R_EL1',
  'ICC_AP0R0_EL1',
  'ICC_AP1R0_EL1',
  'ICC_AP1R1_EL1',
  'ICC_IGRPEN1_EL3',
  'ICC_CTLR_EL3',
  'ICC_RPR_EL1',
  'ICC_BOGUS',
];
const READ_SYSREGS = [
  'ICC_IAR0_EL1',
  'ICC_IAR1_EL1',
  'ICC_NMIAR1_EL1',
  'ICC_HPPIR0_EL1',
  'ICC_HPPIR1_EL1',
  'ICC_RPR_EL1',
  'ICC_PMR_EL1',
  'ICC_BPR1_EL1',
  'ICC_AP1R0_EL1',
  'ICC_CTLR_EL1',
  'ICC_SGI1R_EL1',
];
/** Distributor offsets worth hitting often, plus random ones. */
const DIST_OFFSETS = [
  0x0, 0x84, 0x104, 0x184, 0x204, 0x284, 0x304, 0x384, 0x420, 0x424, 0x43c, 0xc08, 0xc0c, 0xd04,
  0xe08, 0xf84, 0x6100, 0x6104, 0x6108, 0x61f8, 0x4, 0x8, 0xc, 0xffe8,
];
const REDIST_OFFSETS = [
  0x0, 0x8, 0x14, 0x14, 0x10080, 0x10100, 0x10180, 0x10200, 0x10280, 0x10300, 0x10380, 0x10400,
  0x10418, 0x10c04, 0x10d00, 0x10e00, 0x10f80,
];

const configArb: fc.Arbitrary<GicConfig> = fc.record({
  peCount: fc.integer({ min: 1, max: 3 }),
  spiCount: fc.constantFrom(32, 64),
  securityExtensions: fc.boolean(),
  priorityBits: fc.integer({ min: 4, max: 8 }),
  nmi: fc.boolean(),
  profile: fc.constantFrom('architecture' as const, 'qemu' as const),
  oneOfN: fc.constantFrom(
    'unsupported' as const,
    'round-robin' as const,
    'lowest' as const,
    'seeded-random' as const,
  ),
  seed: fc.integer({ min: 0, max: 1000 }),
});

/** Values biased towards ones that matter (all ones, single bits, priorities, INTIDs). */
const valueArb = fc.oneof(
  fc.constantFrom(
    0n,
    1n,
    0xffffffffn,
    0xa0n,
    0x80n,
    0x13n,
    0x7n,
    0x2n,
    0x80000000n,
    0x10000000000n,
  ),
  fc.bigInt({ min: 0n, max: 0xffffffffn }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.integer({ min: 0, max: 63 }).map((b) => 1n << BigInt(b)),
);

function commandArb(peCount: number, spiCount: number): fc.Arbitrary<Command> {
  const pe = fc.integer({ min: 0, max: peCount - 1 });
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('line' as const),
        intid: fc.integer({ min: 16, max: 31 + spiCount }),
        pe,
        level: fc.boolean(),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({
        op: fc.constant('dist' as const),
        offset: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...DIST_OFFSETS) },
          fc.integer({ min: 0, max: 0x10003 }),
        ),
        value: valueArb,
        size: fc.oneof(
          { weight: 5, arbitrary: fc.constant(4 as const) },
          fc.constantFrom(...SIZES),
        ),
        secure: fc.boolean(),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('redist' as const),
        pe,
        offset: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...REDIST_OFFSETS) },
          fc.integer({ min: 0, max: 0x20003 }),
        ),
        value: valueArb,
        size: fc.oneof(
          { weight: 5, arbitrary: fc.constant(4 as const) },
          fc.constantFrom(...SIZES),
        ),
        secure: fc.boolean(),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('sysreg-write' as const),
        pe,
        name: fc.constantFrom(...WRITE_SYSREGS),
        value: valueArb,
        secure: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('sysreg-read' as const),
        pe,
        name: fc.constantFrom(...READ_SYSREGS),
        secure: fc.boolean(),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('ack-and-eoi' as const),
        pe,
        group: fc.constantFrom(0 as const, 1 as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('pe-nmi' as const), pe, enabled: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('pe-state' as const),
        pe,
        state: fc.constantFrom('non-secure' as const, 'secure' as const, 'el3' as const),
      }),
    },
  );
}

/** Applies a command; returns what a guest would observe (read values), for trace comparison. */
function apply(gic: Gic, c: Command): string {
  switch (c.op) {
    case 'line':
      gic.setLevel(c.intid, c.level, c.intid < 32 ? c.pe : undefined);
      return '';
    case 'dist':
      gic.writeDistributor(c.offset, c.value, c.size, { secure: c.secure });
      return gic.readDistributor(c.offset, c.size, { secure: c.secure }).toString(16);
    case 'redist':
      gic.writeRedistributor(c.pe, c.offset, c.value, c.size, { secure: c.secure });
      return gic.readRedistributor(c.pe, c.offset, c.size, { secure: c.secure }).toString(16);
    case 'sysreg-write':
      gic.writeSysreg(c.pe, c.name, c.value, { secure: c.secure, el3: c.name.endsWith('EL3') });
      return '';
    case 'sysreg-read':
      return gic.readSysreg(c.pe, c.name, { secure: c.secure }).toString(16);
    case 'ack-and-eoi': {
      const intid = gic.readSysreg(c.pe, c.group === 0 ? 'ICC_IAR0_EL1' : 'ICC_IAR1_EL1');
      if (intid < 1020n)
        gic.writeSysreg(c.pe, c.group === 0 ? 'ICC_EOIR0_EL1' : 'ICC_EOIR1_EL1', intid);
      return intid.toString();
    }
    case 'pe-nmi':
      gic.setPeNmiEnabled(c.pe, c.enabled);
      return '';
    case 'pe-state':
      gic.setPeSecurityState(c.pe, c.state);
      return '';
  }
}

function checkInvariants(gic: Gic): void {
  const { peCount } = gic.config;
  for (let pe = 0; pe < peCount; pe++) {
    const hppi = referenceHppi(gic, pe);
    const view = gic.cpuInterface(pe);
    expect(view.hppi).toEqual(hppi);
    expect(gic.outputs(pe)).toEqual(referenceOutputs(gic, pe, hppi));
    expect(view.runningPriority).toBe(referenceRunningPriority(gic, pe));
    // ICC_RPR_EL1 (Secure/unshifted read when possible) equals the highest set APR bit.
    const rpr = gic.readSysreg(pe, 'ICC_RPR_EL1', { secure: true }) & 0xffn;
    expect(Number(rpr)).toBe(referenceRunningPriority(gic, pe));
  }
  for (let intid = 32; intid <= gic.config.maxSpiIntId; intid++) {
    const v = gic.interrupt(intid);
    // One global active state per SPI: active on at most one PE.
    if (!v.active) expect(v.activeOn).toBeNull();
    else if (v.activeOn !== null) expect(v.activeOn).toBeLessThan(peCount);
  }
}

const scenario = configArb.chain((config) =>
  fc.record({
    config: fc.constant(config),
    commands: fc.array(commandArb(config.peCount, config.spiCount), {
      minLength: 1,
      maxLength: 40,
    }),
  }),
);

describe('GIC model properties', () => {
  it('random register accesses and line changes never throw; incremental HPPI, outputs and RPR match a from-scratch reference', () => {
    fc.assert(
      fc.property(scenario, ({ config, commands }) => {
        const gic = createGic(config);
        let events = 0;
        gic.subscribe(() => events++);
        for (const c of commands) {
          apply(gic, c);
          checkInvariants(gic);
        }
        expect(events).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('snapshot (compact or JSON) → restore → continue gives the same trace as continuing directly', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) =>
          fc.record({
            s: fc.constant(s),
            more: fc.array(commandArb(s.config.peCount, s.config.spiCount), { maxLength: 30 }),
          }),
        ),
        ({ s, more }) => {
          const direct = createGic(s.config);
          for (const c of s.commands) apply(direct, c);
          const json = JSON.parse(JSON.stringify(direct.snapshotJson())) as ReturnType<
            Gic['snapshotJson']
          >;
          const restored = createGic(s.config);
          restored.restore(json);
          const viaCompact = createGic(s.config);
          viaCompact.restore(structuredClone(direct.snapshot()));
          expect(viaCompact.snapshot().data).toEqual(direct.snapshot().data);
          const trace = (gic: Gic): string[] => {
            const out: string[] = [];
            gic.subscribe((e: GicEvent) => out.push(JSON.stringify(e)));
            for (const c of more) out.push(`read ${apply(gic, c)}`);
            for (let pe = 0; pe < s.config.peCount; pe++)
              out.push(JSON.stringify(gic.cpuInterface(pe)));
            return out;
          };
          expect(trace(restored)).toEqual(trace(direct));
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
