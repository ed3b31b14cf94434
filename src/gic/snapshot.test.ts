import { describe, expect, it } from 'vitest';
import type { Gic, GicConfig, GicEvent, GicSnapshotJson } from './api.ts';
import { createGic } from './gic.ts';
import { persistentLayout } from './state-layout.ts';
import { bootedGic, iar1, setUpPrivate, setUpSpi } from './testing/setup.ts';

type Json = Record<string, unknown>;

/** A GIC with something in every part of its state: pending, active, routed, 1-of-N, NMIs. */
function busyGic(config: Partial<GicConfig>): Gic {
  const gic = bootedGic({ peCount: 4, spiCount: 64, ...config });
  setUpSpi(gic, 40, { priority: 0x80, target: 1, trigger: 'edge' });
  setUpSpi(gic, 41, { priority: 0x40, target: '1-of-N' });
  setUpSpi(gic, 42, { priority: 0x60, target: 2 });
  setUpPrivate(gic, 3, 27, { priority: 0x50 });
  if (gic.config.nmi) setUpSpi(gic, 43, { priority: 0x90, target: 0, nmi: true });
  gic.setLevel(40, true);
  gic.setLevel(42, true);
  gic.setLevel(27, true, 3);
  iar1(gic, 1);
  gic.writeSysreg(2, 'ICC_PMR_EL1', 0xe0);
  gic.writeSysreg(0, 'ICC_BPR1_EL1', 3);
  return gic;
}

/** Everything observable about the model, for a before/after comparison. */
function fingerprint(gic: Gic): string {
  const snap = gic.snapshot();
  const views: unknown[] = [Array.from(snap.data), snap.gicdCtlr, snap.rrLast, snap.rng];
  for (let pe = 0; pe < gic.config.peCount; pe++)
    views.push(gic.cpuInterface(pe), gic.redistributor(pe), gic.outputs(pe));
  for (let intid = 32; intid <= gic.config.maxSpiIntId; intid++) views.push(gic.interrupt(intid));
  return JSON.stringify(views);
}

function damaged(good: GicSnapshotJson, change: (s: Json) => void): unknown {
  const copy = JSON.parse(JSON.stringify(good)) as Json;
  change(copy);
  return copy;
}

const fields = (s: Json): Record<string, number[]> => s.fields as Record<string, number[]>;
const config = (s: Json): Json => s.config as Json;

/** Slot of INTID `intid` (SPI) in a 4-PE model: 4·32 + intid − 32. */
const spiSlot = (intid: number): number => 4 * 32 + intid - 32;

/** Each damage: what is done to a JSON snapshot, and the field the refusal must name. */
const DAMAGES: readonly (readonly [string, (s: Json) => void, RegExp])[] = [
  ['format missing', (s) => delete s.format, /format/],
  ['another format', (s) => (s.format = 'gicscope.machine'), /format/],
  ['version 1', (s) => (s.version = 1), /version/],
  ['config missing', (s) => delete s.config, /config/],
  ['config.peCount differs', (s) => (config(s).peCount = 8), /config\.peCount/],
  ['config.nmi differs', (s) => (config(s).nmi = false), /config\.nmi/],
  ['config.profile differs', (s) => (config(s).profile = 'qemu'), /config\.profile/],
  [
    'config.affinity[1] differs',
    (s) => ((config(s).affinity as Json[])[1] = { aff0: 9, aff1: 9, aff2: 0, aff3: 0 }),
    /config\.affinity\[1\]/,
  ],
  ['gicdCtlr "abc"', (s) => (s.gicdCtlr = 'abc'), /gicdCtlr/],
  ['gicdCtlr negative', (s) => (s.gicdCtlr = -1), /gicdCtlr/],
  ['gicdCtlr unknown bit', (s) => (s.gicdCtlr = (s.gicdCtlr as number) | 0x100), /gicdCtlr/],
  ['gicdCtlr without ARE', (s) => (s.gicdCtlr = (s.gicdCtlr as number) & ~0x10), /gicdCtlr/],
  ['rrLast beyond the PEs', (s) => (s.rrLast = 99), /rrLast/],
  ['rng not an integer', (s) => (s.rng = 1.5), /rng/],
  ['no fields at all', (s) => delete s.fields, /neither data nor fields/],
  ['field missing', (s) => delete fields(s).priority, /priority/],
  ['field too short', (s) => fields(s).priority?.pop(), /priority/],
  ['priority of 300', (s) => (fields(s).priority[spiSlot(40)] = 300), /priority\[136\] \(SPI 40\)/],
  ['priority a string', (s) => ((fields(s).priority as unknown[])[3] = 'x'), /priority\[3\]/],
  ['latch of 2', (s) => (fields(s).latch[5] = 2), /latch\[5\]/],
  ['an SGI level-triggered', (s) => (fields(s).edge[3] = 0), /edge\[3\]/],
  ['an SGI line high', (s) => (fields(s).level[2] = 1), /level\[2\]/],
  ['enabled of -1', (s) => (fields(s).enabled[0] = -1), /enabled\[0\]/],
  [
    'activeOn names no PE',
    (s) => (fields(s).activeOn[spiSlot(40)] = 7),
    /activeOn\[136\] \(SPI 40\)/,
  ],
  [
    'activeOn set for an inactive interrupt',
    (s) => (fields(s).activeOn[spiSlot(42)] = 2),
    /activeOn\[138\] \(SPI 42\)/,
  ],
  ['nsacr of 4', (s) => (fields(s).nsacr[spiSlot(41)] = 4), /nsacr/],
  ['pmr with unimplemented bits', (s) => (fields(s).pmr[0] = 0x07), /pmr\[0\]/],
  ['bpr of 9', (s) => (fields(s).bpr[1] = 9), /bpr\[1\]/],
  ['G1NS bpr below its minimum', (s) => (fields(s).bpr[2] = 0), /bpr\[2\]/],
  ['ctlrNs with a reserved bit', (s) => (fields(s).ctlrNs[0] = 4), /ctlrNs\[0\]/],
  ['peSecurity of 3', (s) => (fields(s).peSecurity[1] = 3), /peSecurity\[1\]/],
  ['igrpen of 2', (s) => (fields(s).igrpen[4] = 2), /igrpen\[4\]/],
  ['an APR word that does not exist', (s) => (fields(s).apr[3] = 1), /apr\[3\]/],
  ['IROUTER RES0 bits', (s) => (fields(s).irouterLo[10] = 0x100_0000), /irouterLo\[10\]/],
  ['IROUTER Aff3 RES0 bits', (s) => (fields(s).irouterHi[10] = 0x100), /irouterHi\[10\]/],
  [
    'routeTarget disagrees with IROUTER',
    (s) => (fields(s).routeTarget[42 - 32] = 3),
    /routeTarget\[10\]/,
  ],
  ['unplaced set for a targeted SPI', (s) => (fields(s).unplaced[42 - 32] = 1), /unplaced\[10\]/],
  [
    'a 1-of-N SPI offered to a PE that does not participate',
    (s) => {
      // SPI 41 (1-of-N, pending? no: not pending) — make it pending and offer it to a PE
      // whose Group 1 NS is disabled at the CPU interface.
      fields(s).latch[spiSlot(41)] = 1;
      fields(s).routeTarget[41 - 32] = 3;
      fields(s).igrpen[3 * 3 + 2] = 0;
    },
    /inconsistent/,
  ],
  ['GICR_CTLR reserved bit', (s) => (fields(s).gicrCtlr[0] = 0x2), /gicrCtlr\[0\]/],
  ['PROPBASER without LPIs', (s) => (fields(s).propbaser[0] = 0x1000), /propbaser\[0\]/],
  ['sctlrNmi of 2', (s) => (fields(s).sctlrNmi[0] = 2), /sctlrNmi\[0\]/],
  ['an unknown field', (s) => (fields(s).bogus = [1]), /fields\.bogus/],
  ['processorSleep of 5', (s) => (fields(s).processorSleep[0] = 5), /processorSleep\[0\]/],
  ['unplaced of 2', (s) => (fields(s).unplaced[0] = 2), /unplaced\[0\]/],
];

describe('restore() refuses a damaged snapshot and changes nothing', () => {
  const gic = busyGic({ securityExtensions: true, nmi: true, priorityBits: 5 });
  const good = gic.snapshotJson();

  it(`has at least 35 distinct damages (${DAMAGES.length})`, () => {
    expect(new Set(DAMAGES.map(([name]) => name)).size).toBe(DAMAGES.length);
    expect(DAMAGES.length).toBeGreaterThanOrEqual(35);
  });

  for (const [name, change, field] of DAMAGES) {
    it(`${name}: refused, naming ${String(field)}; the model is bit-for-bit unchanged`, () => {
      const before = fingerprint(gic);
      const events: GicEvent[] = [];
      const off = gic.subscribe((e) => events.push(e));
      expect(() => gic.restore(damaged(good, change) as GicSnapshotJson)).toThrow(field);
      off();
      expect(events).toEqual([]);
      expect(fingerprint(gic)).toBe(before);
    });
  }

  it('a good snapshot is still accepted afterwards (JSON and compact forms)', () => {
    const other = createGic(gic.config);
    other.restore(good);
    expect(fingerprint(other)).toBe(fingerprint(gic));
    const compact = createGic(gic.config);
    compact.restore(structuredClone(gic.snapshot()));
    expect(fingerprint(compact)).toBe(fingerprint(gic));
  });
});

describe('restore() of the compact form checks its buffer too', () => {
  const gic = busyGic({});
  const before = fingerprint(gic);

  it('a buffer of the wrong size is refused', () => {
    const snap = gic.snapshot();
    expect(() => gic.restore({ ...snap, data: snap.data.slice(1) })).toThrow(/data has/);
    expect(fingerprint(gic)).toBe(before);
  });

  it('a plain array instead of a Uint8Array is refused', () => {
    const snap = gic.snapshot();
    expect(() =>
      gic.restore({ ...snap, data: Array.from(snap.data) as unknown as Uint8Array }),
    ).toThrow(/data must be a Uint8Array/);
    expect(fingerprint(gic)).toBe(before);
  });

  it('a byte out of range for its field is refused, naming the field', () => {
    const snap = gic.snapshot();
    const data = snap.data.slice();
    const latch = persistentLayout(gic.config).fields.find((f) => f.spec.name === 'latch');
    data[(latch?.byteOffset ?? 0) + 5] = 2;
    expect(() => gic.restore({ ...snap, data })).toThrow(/field latch\[5\] \(SGI 5 of PE 0\) is 2/);
    expect(fingerprint(gic)).toBe(before);
  });

  it('without NMI support an NMI bit is refused (grpmod likewise without security)', () => {
    const json = gic.snapshotJson();
    const nmi = JSON.parse(JSON.stringify(json)) as Json;
    fields(nmi).nmi[spiSlot(40)] = 1;
    expect(() => gic.restore(nmi as unknown as GicSnapshotJson)).toThrow(/nmi\[136\] \(SPI 40\)/);
    const grpmod = JSON.parse(JSON.stringify(json)) as Json;
    fields(grpmod).grpmod[spiSlot(40)] = 1;
    expect(() => gic.restore(grpmod as unknown as GicSnapshotJson)).toThrow(
      /grpmod\[136\] \(SPI 40\)/,
    );
    const aprNmi = JSON.parse(JSON.stringify(json)) as Json;
    fields(aprNmi).aprNmi[2] = 1;
    expect(() => gic.restore(aprNmi as unknown as GicSnapshotJson)).toThrow(/aprNmi\[2\]/);
    expect(fingerprint(gic)).toBe(before);
  });
});

describe('snapshots are cheap and report their size', () => {
  it('a snapshot is one buffer copy; bytes counts it', () => {
    const gic = createGic({ peCount: 256, spiCount: 988 });
    const snap = gic.snapshot();
    expect(snap.data).toBeInstanceOf(Uint8Array);
    expect(snap.bytes).toBeGreaterThanOrEqual(snap.data.byteLength);
    expect(snap.bytes).toBeLessThan(snap.data.byteLength + 1024);
    // 256 PEs × 32 + 988 slots: about 14 bytes each, far below the JSON form.
    expect(snap.data.byteLength).toBeLessThan(160_000);
    expect(JSON.stringify(gic.snapshotJson()).length).toBeGreaterThan(snap.data.byteLength);
  });

  it('taking a snapshot does not alias the model: later changes do not show in it', () => {
    const gic = bootedGic();
    const snap = gic.snapshot();
    const copy = snap.data.slice();
    setUpSpi(gic, 40);
    gic.setLevel(40, true);
    expect(snap.data).toEqual(copy);
  });
});
