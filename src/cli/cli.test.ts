import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'gicscope.mjs');
const dir = mkdtempSync(join(tmpdir(), 'gicscope-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real command: node, tsx and bin/gicscope.mjs, as a user runs it. */
function gicscope(...args: string[]): Outcome {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same main() in this process, with captured streams (no node start-up per case). */
async function inProcess(...args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: {
      write: (chunk) => ((stdout += chunk), true),
      once: () => undefined,
    },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: false },
    signals: { on: () => undefined, off: () => undefined },
    exit: (code) => {
      throw new Error(`exit(${code}) called`);
    },
    env: {},
  });
  return { status, stdout, stderr };
}

function scenarioFile(name: string, body: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

/** A line of a JavaScript stack trace: `    at fn (file.ts:12:7)`. */
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

const minimal = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'cli-test',
  title: 'CLI test',
  machine: { pes: 1 },
  devices: [{ type: 'arch-timer', period: '20us' }],
  runUntil: '100us',
};

// a child process starts node + tsx (about 2 s on a busy 2-core machine)
describe('gicscope CLI', { timeout: 60_000 }, () => {
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

  it('--help documents run, --until, --format and the exit codes', async () => {
    const r = await inProcess('--help');
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

  it.each([
    ['spis: 33', { machine: { pes: 1, spis: 33 } }, /at \$\.machine\.spis: expected 32·N/],
    [
      'a period of 0',
      { devices: [{ type: 'spi-source', intid: 40, name: 's', trigger: 'edge', period: 0 }] },
      /at \$\.devices\[0\]\.period: expected a period above 0/,
    ],
    ['runUntil 1e308', { runUntil: 1e308 }, /at \$\.runUntil: .*beyond the latest time/],
    [
      'nmiByPe longer than pes',
      { guest: { nmiByPe: ['pseudo', 'none'] } },
      /at \$\.guest\.nmiByPe: has 2 entries but the machine has 1 PE/,
    ],
  ])('exits 2 without a stack trace for %s', async (_name, patch, message) => {
    const r = await inProcess('run', scenarioFile('refused.json', { ...minimal, ...patch }));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('names the line and column of a JSON syntax error and accepts a byte-order mark', async () => {
    const bad = join(dir, 'syntax.json');
    writeFileSync(bad, '{\n  "format": "gicscope-scenario",\n  "version": 1,\n}\n');
    const r = await inProcess('run', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/at \$: not JSON: line 4, column 1: a trailing comma before '}'/);
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\uFEFF${JSON.stringify(minimal)}`);
    expect((await inProcess('run', bom)).status).toBe(0);
  });

  it("--until takes the scenario format's times and refuses the unrepresentable", async () => {
    const r = await inProcess('run', 'rfc-nmi', '--until', `${'9'.repeat(400)}s`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/beyond the latest time the clock can represent/);
    expect(r.stdout).toBe('');
    expect((await inProcess('run', 'rfc-nmi', '--until', '1.5ns')).stderr).toMatch(/whole number/);
  });

  it('exits 2 for an unknown scenario or option', async () => {
    expect((await inProcess('run', 'no-such-scenario')).status).toBe(2);
    expect((await inProcess('run', 'rfc-nmi', '--speed', '2')).status).toBe(2);
  });

  it('--format jsonl prints one JSON event per line and a summary; --until stops early', async () => {
    const r = await inProcess('run', 'rfc-nmi', '--format', 'jsonl', '--until', '120us');
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

  it('a long run reports progress, and SIGINT stops it with a summary, exit 130, no stack trace', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'run', 'rfc-nmi', '--until', '1000000s', '--format', 'jsonl'],
      { cwd: root },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    // keep only the tail: the run streams hundreds of thousands of events
    child.stdout.on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-20_000);
    });
    child.stderr.setEncoding('utf8');
    const progressed = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        if (/gicscope: t = .* events\/s/.test(stderr)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await progressed;
    child.kill('SIGINT');
    const status = await exited;
    const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(status).toBe(130);
    const summary = JSON.parse(lastLine) as { kind: string; interrupted: boolean; time: number };
    expect(summary).toMatchObject({ kind: 'summary', interrupted: true });
    expect(summary.time).toBeGreaterThan(0);
    expect(stderr).toMatch(/gicscope: stopped by SIGINT at t = \S+ of 1000000s, after \d+ events/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toMatch(/Error:/);
  }, 60_000);
});
