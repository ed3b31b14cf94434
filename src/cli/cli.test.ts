import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'gicscope.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gicscope-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gicscope(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scenarioFile(name: string, body: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

const minimal = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'cli-test',
  title: 'CLI test',
  machine: { pes: 1 },
  devices: [{ type: 'arch-timer', period: '20us' }],
  runUntil: '100us',
};

describe('gicscope CLI (child process)', () => {
  it('list prints the twelve built-ins', () => {
    const r = gicscope('list');
    expect(r.status).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual([
      'rfc-nmi',
      'pmr-ladder',
      'binary-point',
      'sgi-ipi',
      'one-of-n',
      'timer-never-fires',
      'pseudo-vs-architected',
      'msi-nic',
      'lpi-no-inv',
      'lpi-firmware-enabled',
      'lpi-affinity-movi',
      'its-trigger',
    ]);
  });

  it('--help documents run, --until, --format and the exit codes', () => {
    const r = gicscope('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--until TIME/);
    expect(r.stdout).toMatch(/Exit status/);
  });

  it('run of a built-in prints the trace, /proc/interrupts and exits 0', () => {
    const r = gicscope('run', 'pmr-ladder');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ICC_IAR1_EL1 acknowledged INTID 33/);
    expect(r.stdout).toMatch(/33:\s+2\s+0\s+GICv3\s+33 Level\s+uart-pl011/);
    expect(r.stdout).toMatch(/all 9 expectations hold/);
  });

  it('exits 1 naming the failed expectation and the actual value', () => {
    const file = scenarioFile('fail.json', {
      ...minimal,
      expect: [{ at: '100us', check: 'counter', intid: 27, pe: 0, count: { equals: 99 } }],
    });
    const r = gicscope('run', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+at 100us: count of INTID 27 \(PE0\) = 99 — actual 4/);
  });

  it('exits 2 with the JSON path for a malformed scenario', () => {
    const file = scenarioFile('bad.json', {
      ...minimal,
      timeline: [{ at: '1us', do: 'raise-line', intid: 'x' }],
    });
    const r = gicscope('run', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/at \$\.timeline\[0\]\.intid: .*expected number/);
  });

  it('exits 2 for an unknown scenario or option', () => {
    expect(gicscope('run', 'no-such-scenario').status).toBe(2);
    expect(gicscope('run', 'rfc-nmi', '--speed', '2').status).toBe(2);
  });

  it('--format jsonl prints one JSON event per line and a summary; --until stops early', () => {
    const r = gicscope('run', 'rfc-nmi', '--format', 'jsonl', '--until', '120us');
    const objects = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; at?: number; passed?: boolean });
    expect(objects.at(-1)).toMatchObject({ kind: 'summary', passed: false });
    expect(objects.filter((o) => o.kind !== 'summary').every((o) => (o.at ?? 0) <= 120_000)).toBe(
      true,
    );
    expect(r.status).toBe(1);
  });
});
