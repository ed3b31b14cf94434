import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readVcd } from '../trace/export/testing/vcd-reader.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'gicscope.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gicscope-share-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const probe = join(root, 'fixtures/qemu/gic-probe-smp2.log.gz');

function gicscope(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gicscope run --format perfetto|vcd', { timeout: 60_000 }, () => {
  it('perfetto to stdout is Trace Event Format JSON with a slice per handled interrupt', () => {
    const r = gicscope('run', 'pmr-ladder', '--format', 'perfetto');
    expect(r.status).toBe(0);
    const trace = JSON.parse(r.stdout) as { traceEvents: { ph: string; cat?: string }[] };
    expect(trace.traceEvents.filter((e) => e.ph === 'B')).toHaveLength(4);
    expect(trace.traceEvents.some((e) => e.cat === 'nmi')).toBe(true);
  });

  it('vcd --output writes the VCD, two filter files and a .gtkw save file', () => {
    const out = join(dir, 'ladder.vcd');
    const r = gicscope('run', 'pmr-ladder', '--format', 'vcd', '--output', out);
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['ladder.vcd', 'ladder-intid.txt', 'ladder-priority.txt', 'ladder.gtkw'])
      expect(existsSync(join(dir, name)), name).toBe(true);
    const vcd = readVcd(readFileSync(out, 'utf8'));
    expect(vcd.variables.map((v) => v.path)).toContain('gicscope.pe1.pmr');
    expect(readFileSync(join(dir, 'ladder.gtkw'), 'utf8')).toContain('[dumpfile] "ladder.vcd"');
    expect(r.stderr).toContain(`wrote ${out}`);
  });

  it('--output without an export format is refused as bad input', () => {
    expect(gicscope('run', 'rfc-nmi', '--output', join(dir, 'x')).status).toBe(2);
  });
});

describe('gicscope replay', { timeout: 60_000 }, () => {
  it('prints the agreement summary and exits 0 when every value agrees', () => {
    const r = gicscope('replay', probe);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/configuration: 2 PEs, 224 SPIs/);
    expect(r.stdout).toMatch(/values the guest read: 148 compared, 148 agree/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('all 428 compared values agree');
  });

  it('exits 1 and names line, register and both values when one disagrees', () => {
    const lines = gunzipSync(readFileSync(probe)).toString('utf8').split('\n');
    const at = lines.findIndex((l) => /ICC_IAR1 read cpu 0x0 value 0x3ff$/.test(l));
    lines[at] = lines[at].replace(/0x3ff$/, '0x21');
    const altered = join(dir, 'altered.log.gz');
    writeFileSync(altered, gzipSync(lines.join('\n')));
    const r = gicscope('replay', altered);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `MISMATCH line ${at + 1}: ICC_IAR1_EL1 on PE 0: QEMU 0x21, model 0x3ff`,
    );
    expect(r.stdout).toMatch(/1 of \d+ compared values disagree/);
  });

  it('refuses a file that is not a QEMU GICv3 trace, and a cut-off one, naming the line', () => {
    const notTrace = gicscope('replay', join(root, 'README.md'));
    expect(notTrace.status).toBe(2);
    expect(notTrace.stderr).toMatch(/not a QEMU GICv3 trace/);
    const text = gunzipSync(readFileSync(probe)).toString('utf8');
    const cut = join(dir, 'cut.log');
    writeFileSync(cut, text.slice(0, text.indexOf('\n', 2000) + 20));
    const r = gicscope('replay', cut);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line \d+: gicv3_\w+: expected .* is the log cut off\?/);
    const gz = join(dir, 'cut.log.gz');
    writeFileSync(
      gz,
      readFileSync(join(root, 'fixtures/qemu/linux-6.1.0-56-arm64-smp2.log.gz')).subarray(
        0,
        30_000,
      ),
    );
    const g = gicscope('replay', gz);
    expect(g.status).toBe(2);
    expect(g.stderr).toMatch(/does not unpack .* cut off/);
  });

  it('--format perfetto exports the replay with a moment per trace line', () => {
    const r = gicscope('replay', probe, '--format', 'perfetto');
    expect(r.status).toBe(0);
    const trace = JSON.parse(r.stdout) as {
      traceEvents: { ph: string }[];
      otherData: { timeUnit: string };
    };
    expect(trace.otherData.timeUnit).toMatch(/QEMU trace line/);
    // one slice per acknowledge: an IAR0/IAR1 read that returned a real INTID
    const acks = gunzipSync(readFileSync(probe))
      .toString('utf8')
      .split('\n')
      .filter((l) => /ICC_IAR[01] read cpu 0x\d value 0x([0-9a-f]+)$/.test(l))
      .filter((l) => Number.parseInt(/0x([0-9a-f]+)$/.exec(l)![1], 16) < 1020);
    expect(trace.traceEvents.filter((e) => e.ph === 'B')).toHaveLength(acks.length);
  });
});
