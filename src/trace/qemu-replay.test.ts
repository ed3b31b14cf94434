import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseQemuLog } from './qemu-log.ts';
import type { QemuLog } from './qemu-log.ts';
import type { QemuAffinityValue, QemuTraceRecord } from './qemu-records.ts';
import { replayQemuTrace } from './qemu-replay.ts';
import type { QemuReplayResult } from './qemu-replay.ts';
import type { ReplayMismatch } from './replay-tally.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/qemu');
const fixtureNames = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.log.gz'))
  .sort();

function show(mismatches: readonly ReplayMismatch[]): string {
  return mismatches
    .slice(0, 15)
    .map((m) => `line ${m.line} ${m.check} PE ${m.pe}: QEMU ${m.expected}, model ${m.got}`)
    .join('\n');
}

interface Replayed {
  readonly log: QemuLog;
  readonly result: QemuReplayResult;
}

const replays = new Map<string, Replayed>();
function replayed(name: string): Replayed {
  let entry = replays.get(name);
  if (entry === undefined) {
    const log = parseQemuLog(gunzipSync(readFileSync(join(FIXTURES, name))).toString('utf8'));
    entry = { log, result: replayQemuTrace(log.records) };
    replays.set(name, entry);
  }
  return entry;
}

const GUEST_READS: ReadonlySet<QemuTraceRecord['kind']> = new Set([
  'dist-read',
  'dist-bad-read',
  'redist-read',
  'redist-bad-read',
  'icc-read',
  'its-read',
  'its-bad-read',
]);

function iar1Values(records: readonly QemuTraceRecord[]): readonly bigint[] {
  return records.flatMap((r) =>
    r.kind === 'icc-read' && r.register === 'ICC_IAR1_EL1' ? [r.value] : [],
  );
}

const sum = (counts: Readonly<Record<string, number>>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

describe.each(fixtureNames)('QEMU trace %s replayed under the qemu profile', (name) => {
  it('parses without errors and infers the virt machine (2 PEs, 224 SPIs, 5 priority bits)', () => {
    const { log, result } = replayed(name);
    expect(log.errors).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.config).toMatchObject({
      peCount: 2,
      spiCount: 224,
      priorityBits: 5,
      securityExtensions: false,
      profile: 'qemu',
    });
  }, 120_000);

  it('compares every value QEMU returned to the guest, and the model returns the same', () => {
    const { log, result } = replayed(name);
    const reads = log.records.filter((r) => GUEST_READS.has(r.kind)).length;
    expect(sum(result.guest.compared)).toBe(reads);
    expect(result.guest.compared['ICC_IAR1_EL1'] ?? 0).toBe(iar1Values(log.records).length);
    const wrong = result.guest.mismatches;
    expect(wrong, show(wrong)).toEqual([]);
  }, 120_000);

  it("agrees with QEMU's own HPPI, IRQ/FIQ and SGI-target decisions", () => {
    const { log, result } = replayed(name);
    const sgis = log.records.filter((r) => r.kind === 'redist-send-sgi').length;
    expect(result.emulator.compared['SGI targets'] ?? 0).toBeGreaterThanOrEqual(sgis);
    expect(result.emulator.compared['HPPI'] ?? 0).toBeGreaterThan(0);
    expect(result.emulator.compared['IRQ/FIQ'] ?? 0).toBeGreaterThan(0);
    const wrong = result.emulator.mismatches;
    expect(wrong, show(wrong)).toEqual([]);
  }, 120_000);
});

describe('QEMU fixtures cover', () => {
  const all = () => fixtureNames.flatMap((name) => replayed(name).log.records);

  it('ICC_IAR1_EL1 acknowledges of real INTIDs and spurious reads (1023)', () => {
    const values = iar1Values(all());
    expect(values.filter((v) => v < 1020n).length).toBeGreaterThan(4000);
    expect(values.filter((v) => v === 1023n).length).toBeGreaterThan(10);
  }, 120_000);

  it('RPR, PMR, HPPIR, BPR, AP and MMIO reads', () => {
    const compared: Record<string, number> = {};
    for (const name of fixtureNames) {
      for (const [check, n] of Object.entries(replayed(name).result.guest.compared)) {
        compared[check] = (compared[check] ?? 0) + n;
      }
    }
    for (const register of [
      'ICC_RPR_EL1',
      'ICC_PMR_EL1',
      'ICC_HPPIR1_EL1',
      'ICC_HPPIR0_EL1',
      'ICC_IAR0_EL1',
      'ICC_BPR1_EL1',
      'ICC_AP1R0_EL1',
      'ICC_CTLR_EL1',
    ]) {
      expect(compared[register] ?? 0, register).toBeGreaterThan(0);
    }
    const mmio = Object.entries(compared)
      .filter(([check]) => check.startsWith('GICD') || check.startsWith('GICR'))
      .reduce((n, [, count]) => n + count, 0);
    expect(mmio).toBeGreaterThan(100);
  }, 120_000);

  it('SPI and PPI line changes and CPU resets', () => {
    const kinds = new Set(all().map((r) => r.kind));
    for (const kind of ['dist-set-irq', 'redist-set-irq', 'cpu-reset', 'generate-sgi'] as const) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  }, 120_000);
});

describe('replayQemuTrace', () => {
  const probe = () => replayed('gic-probe-smp2.log.gz').log.records;

  it("checks an acknowledge's HPPI update, printed before the ICC_IAR1 read, after it", () => {
    const excerpt = [
      'gicv3_dist_write GICv3 distributor write: offset 0x0 data 0x2 size 4 secure 0',
      'gicv3_redist_write GICv3 redistributor 0x0 write: offset 0x10080 data 0xffffffff size 4 secure 0',
      'gicv3_redist_write GICv3 redistributor 0x0 write: offset 0x10100 data 0x1 size 4 secure 0',
      'gicv3_icc_pmr_write GICv3 ICC_PMR write cpu 0x0 value 0xf0',
      'gicv3_icc_igrpen_write GICv3 ICC_IGRPEN1 write cpu 0x0 value 0x1',
      'gicv3_cpuif_update GICv3 CPU i/f 0x0 HPPI update: irq 0 group 0 prio 255',
      'gicv3_cpuif_set_irqs GICv3 CPU i/f 0x0 HPPI update: setting FIQ 0 IRQ 0',
      'gicv3_icc_generate_sgi GICv3 CPU i/f 0x0 generating SGI 0 IRM 0 target affinity 0x0xx targetlist 0x1',
      'gicv3_redist_send_sgi GICv3 redistributor 0x0 pending SGI 0',
      'gicv3_cpuif_update GICv3 CPU i/f 0x0 HPPI update: irq 0 group 2 prio 0',
      'gicv3_cpuif_set_irqs GICv3 CPU i/f 0x0 HPPI update: setting FIQ 0 IRQ 1',
      // the acknowledge's own update, then the read that caused it
      'gicv3_cpuif_update GICv3 CPU i/f 0x0 HPPI update: irq 0 group 0 prio 255',
      'gicv3_cpuif_set_irqs GICv3 CPU i/f 0x0 HPPI update: setting FIQ 0 IRQ 0',
      'gicv3_icc_iar1_read GICv3 ICC_IAR1 read cpu 0x0 value 0x0',
      'gicv3_icc_rpr_read GICv3 ICC_RPR read cpu 0x0 value 0x0',
    ].join('\n');
    const result = replayQemuTrace(parseQemuLog(excerpt).records);
    expect(result.guest.compared).toEqual({ ICC_IAR1_EL1: 1, ICC_RPR_EL1: 1 });
    // The update after send_sgi is superseded by the acknowledge's before the next input comes.
    expect(result.emulator.compared).toEqual({ HPPI: 2, 'IRQ/FIQ': 2, 'SGI targets': 1 });
    expect([...result.guest.mismatches, ...result.emulator.mismatches]).toEqual([]);
  });

  it('reports a value QEMU returned that the model does not, with its line', () => {
    const records = probe();
    const at = records.findIndex(
      (r) => r.kind === 'icc-read' && r.register === 'ICC_IAR1_EL1' && r.value === 27n,
    );
    const altered = records.map((r, i) =>
      i === at && r.kind === 'icc-read' ? { ...r, value: 28n } : r,
    );
    expect(replayQemuTrace(altered).guest.mismatches).toEqual([
      { line: records[at]?.line, check: 'ICC_IAR1_EL1', pe: 0, expected: '0x1c', got: '0x1b' },
    ]);
  });

  it('reports HPPI and IRQ/FIQ decisions that differ once an input is lost', () => {
    const withoutEnable = probe().filter(
      (r) => !(r.kind === 'dist-write' && r.offset === 0 && r.value === 3n),
    );
    const checks = new Set(replayQemuTrace(withoutEnable).emulator.mismatches.map((m) => m.check));
    expect(checks).toEqual(new Set(['HPPI', 'IRQ/FIQ']));
  });

  it('reports an SGI QEMU made pending that the model did not', () => {
    const records = probe();
    const at = records.findIndex((r) => r.kind === 'redist-send-sgi');
    const retargeted = records.map((r, i) =>
      i === at && r.kind === 'redist-send-sgi' ? { ...r, affinity: 1 as QemuAffinityValue } : r,
    );
    const sgi = replayQemuTrace(retargeted).emulator.mismatches.filter(
      (m) => m.check === 'SGI targets',
    );
    expect(sgi.map((m) => m.pe)).toEqual([1, 0]);
  });
});

describe('QEMU LPI and ITS fixtures', () => {
  const withIts = fixtureNames.filter((name) =>
    replayed(name).log.records.some((r) => r.kind === 'its-process-command'),
  );
  const lpiAcks = (records: readonly QemuTraceRecord[]) =>
    iar1Values(records).filter((v) => v >= 8192n && v < 1n << 24n).length;

  it('hold LPI acknowledges from a Linux virtio-pci guest and from the ITS probe', () => {
    expect(withIts).toContain('linux-6.1.0-57-arm64-virtio-msi-smp2.log.gz');
    expect(withIts).toContain('its-probe-smp2.log.gz');
    const linux = lpiAcks(replayed('linux-6.1.0-57-arm64-virtio-msi-smp2.log.gz').log.records);
    const probe = lpiAcks(replayed('its-probe-smp2.log.gz').log.records);
    expect(linux).toBeGreaterThan(250);
    expect(probe).toBeGreaterThan(20);
  }, 120_000);

  it('compare every ITS and Redistributor LPI register value QEMU returned', () => {
    let its = 0;
    let lpiRegisters = 0;
    for (const name of withIts) {
      const { log, result } = replayed(name);
      const reads = log.records.filter((r) => r.kind === 'its-read' || r.kind === 'its-bad-read');
      const compared = Object.entries(result.guest.compared);
      const gits = compared.filter(([c]) => c.startsWith('GITS')).reduce((n, [, k]) => n + k, 0);
      expect(gits).toBe(reads.length);
      its += gits;
      lpiRegisters += compared
        .filter(([c]) => /^GICR_(CTLR|PROPBASER|PENDBASER|INVLPIR|INVALLR|SYNCR|SETLPIR)/.test(c))
        .reduce((n, [, k]) => n + k, 0);
    }
    expect(its).toBeGreaterThan(150);
    expect(lpiRegisters).toBeGreaterThan(30);
  }, 120_000);

  it('exercise every physical ITS command', () => {
    const names = new Set(
      withIts.flatMap((name) =>
        replayed(name).log.records.flatMap((r) =>
          r.kind === 'its-command' ? [r.command.name] : [],
        ),
      ),
    );
    for (const command of [
      'MAPD',
      'MAPC',
      'MAPTI',
      'MAPI',
      'INT',
      'CLEAR',
      'DISCARD',
      'INV',
      'INVALL',
      'MOVI',
      'MOVALL',
      'SYNC',
      'unknown',
    ]) {
      expect(names.has(command as never), command).toBe(true);
    }
  }, 120_000);

  it('notice a lost guest write to the LPI configuration table', () => {
    const records = replayed('its-probe-smp2.log.gz').log.records;
    // the probe re-enables LPI 8195 (byte 3 of the table) before INVALL: drop that write
    const at = records.findIndex(
      (r, i) =>
        r.kind === 'guest-write' &&
        r.address === 0x40200003 &&
        r.value === 0xa3n &&
        records
          .slice(i + 1, i + 4)
          .some((n) => n.kind === 'its-command' && n.command.name === 'INVALL'),
    );
    expect(at).toBeGreaterThan(0);
    const result = replayQemuTrace(records.filter((_, i) => i !== at));
    expect(
      result.guest.mismatches.some((m) => m.check === 'ICC_IAR1_EL1' && m.expected === '0x2003'),
    ).toBe(true);
  }, 120_000);

  it("tells QEMU's rescanning apart from a cache that keeps configuration until invalidated", () => {
    const records = replayed('its-probe-smp2.log.gz').log.records;
    const cached = replayQemuTrace(records, { config: { lpiConfigCache: 'until-invalidated' } });
    // the probe disables LPI 8195 without INV; QEMU's next rescan no longer sees it
    expect(cached.guest.mismatches.length).toBeGreaterThan(0);
  }, 120_000);

  it('reports an ITS command the model did not carry out as QEMU did', () => {
    const records = replayed('its-probe-smp2.log.gz').log.records;
    const at = records.findIndex((r) => r.kind === 'its-command' && r.command.name === 'MAPC');
    const altered = records.map((r, i) =>
      i === at && r.kind === 'its-command' ? { ...r, command: { name: 'SYNC' as const } } : r,
    );
    const result = replayQemuTrace(altered);
    expect(result.emulator.mismatches.some((m) => m.check === 'ITS commands')).toBe(true);
  }, 120_000);
});
