import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importQemuTrace, QemuTraceParser } from './qemu-import.ts';
import { QemuReplayer } from './qemu-replayer.ts';
import { replayQemuTrace } from './qemu-replay.ts';

const fixture = (name: string) =>
  gunzipSync(readFileSync(resolve(import.meta.dirname, '../../fixtures/qemu', name))).toString(
    'utf8',
  );
const probe = fixture('gic-probe-smp2.log.gz');
const linux = fixture('linux-6.1.0-56-arm64-smp2.log.gz');

describe('opening a QEMU log', () => {
  it('reads a whole trace in slices, the same as at once', () => {
    const parser = new QemuTraceParser(linux);
    let slices = 0;
    while (!parser.done) {
      parser.parse(10_000);
      slices += 1;
    }
    expect(slices).toBeGreaterThan(10);
    const sliced = parser.result();
    const whole = importQemuTrace(linux);
    expect(sliced.ok && whole.ok).toBe(true);
    if (!sliced.ok || !whole.ok) return;
    expect(sliced.value.records).toEqual(whole.value.records);
    expect(sliced.value.lineCount).toBe(112_986);
  }, 60_000);

  it('lists what the model does not cover (the virtual CPU interface) with counts and first lines', () => {
    const result = importQemuTrace(linux);
    if (!result.ok) throw new Error(result.error);
    const byEvent = new Map(result.value.notModelled.map((n) => [n.event, n]));
    // the ITS is modelled (issue 12): its commands are replayed, not listed
    expect(byEvent.has('gicv3_its_cmd_mapc')).toBe(false);
    expect(result.value.records.filter((r) => r.kind === 'its-command').length).toBeGreaterThan(0);
    expect(byEvent.get('gicv3_cpuif_virt_update')?.area).toBe('virtual CPU interface');
    const unmodelled = result.value.records.filter((r) => r.kind === 'unmodelled').length;
    expect(result.value.notModelled.reduce((n, x) => n + x.count, 0)).toBe(unmodelled);
    for (const n of result.value.notModelled) {
      const line = linux.split('\n')[n.firstLine - 1] ?? '';
      expect(line.startsWith(`${n.event} `), n.event).toBe(true);
    }
  }, 60_000);

  it('refuses a file with no gicv3 event, quoting its first line', () => {
    const result = importQemuTrace('\nhello world\nBooting Linux on physical CPU 0x0\n');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(
        /^This is not a QEMU GICv3 trace: none of its 3 lines .* \(line 2: "hello world"\)/,
      );
  });

  it('refuses a cut-off trace, naming its last line', () => {
    const lines = probe.split('\n');
    const text = `${lines.slice(0, 41).join('\n')}\n${(lines[41] ?? '').slice(0, 30)}`;
    const result = importQemuTrace(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^This is not a complete QEMU GICv3 trace: line 42: gicv3_\w+:/);
    expect(result.error).toMatch(/is the log cut off\?\)$/);
  });

  it('refuses a garbled line in the middle, naming the first one', () => {
    const lines = probe.split('\n');
    lines[99] = 'gicv3_icc_pmr_write GICv3 ICC_PMR write cpu 0x0 value zz';
    lines[199] = 'gicv3_dist_read nonsense';
    const result = importQemuTrace(lines.join('\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/line 100: gicv3_icc_pmr_write: expected/);
  });
});

describe('QemuReplayer steps one record at a time', () => {
  const imported = importQemuTrace(linux);
  if (!imported.ok) throw new Error(imported.error);
  const records = imported.value.records;

  it('run to the end, it reports what replayQemuTrace reports', () => {
    const replayer = new QemuReplayer(records);
    let steps = 0;
    while (replayer.step()) steps += 1;
    expect(steps).toBe(records.length);
    expect(replayer.finish()).toEqual(replayQemuTrace(records));
  }, 60_000);

  it('restoring a snapshot and stepping again gives the same model, reports and result', () => {
    const replayer = new QemuReplayer(records);
    for (let i = 0; i < 5_000; i += 1) replayer.step();
    const snapshot = replayer.snapshot();
    const views = () => [0, 1].map((pe) => replayer.gic.cpuInterface(pe));
    const first: unknown[] = [];
    for (let i = 0; i < 3_000; i += 1) first.push(replayer.step(), views());
    replayer.restore(snapshot);
    expect(replayer.index).toBe(5_000);
    const second: unknown[] = [];
    for (let i = 0; i < 3_000; i += 1) second.push(replayer.step(), views());
    expect(second).toEqual(first);
    expect(replayer.finish()).toEqual(replayQemuTrace(records));
  }, 60_000);

  it('reports a disagreement at the step that finds it, with its line and both values', () => {
    const at = records.findIndex((r) => r.kind === 'icc-read' && r.register === 'ICC_IAR1_EL1');
    const original = records[at];
    if (original?.kind !== 'icc-read') throw new Error('no IAR1 read');
    const altered = records.map((r, i) => (i === at ? { ...original, value: 0x2an } : r));
    const replayer = new QemuReplayer(altered);
    for (let i = 0; i < at; i += 1) expect(replayer.step()?.guestMismatches).toEqual([]);
    expect(replayer.step()?.guestMismatches).toEqual([
      {
        line: original.line,
        check: 'ICC_IAR1_EL1',
        pe: 0,
        expected: '0x2a',
        got: `0x${original.value.toString(16)}`,
      },
    ]);
  });
});
