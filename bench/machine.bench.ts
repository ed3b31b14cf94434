/**
 * Simulated machine throughput, warmed up: handled interrupts and machine events per second at
 * 8 and 64 PEs — a guest with timers, two SPI sources, IPIs and NMI injections every 50 µs, with
 * a listener attached (it sees every event). Then snapshots: their real size (the `bytes` each
 * reports, and the heap growth measured for many of them) and the time to take and restore one.
 *
 * The machine is shared with other work, so the trials go round the configurations in turn and
 * report the best and the median, by this process's CPU time and by the wall clock.
 * Run: npx tsx bench/machine.bench.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMachine, parseScenario } from '../src/machine/index.ts';
import type { Machine, MachineSnapshot, ScenarioInput } from '../src/machine/index.ts';
import { figure, stats, trial, type Trial } from './figures.ts';

const HORIZON_MS = 400;

function scenario(pes: number): ScenarioInput {
  return {
    format: 'gicscope-scenario',
    version: 1,
    id: `bench-${pes}`,
    title: `bench ${pes} PEs`,
    machine: { pes, spis: 128 },
    guest: {
      kernel: '6.11+',
      nmi: 'pseudo',
      setup: [{ do: 'request-nmi', intid: 33, name: 'uart-pl011' }],
    },
    devices: [
      { type: 'arch-timer', timer: 'virtual', period: '100us' },
      { type: 'pmu', period: '400us' },
      { type: 'uart-pl011', receiveAt: [] },
      { type: 'spi-source', intid: 40, name: 'eth0', period: '7us' },
      { type: 'spi-source', intid: 41, name: 'mmc0', trigger: 'edge', period: '13us' },
      { type: 'ipi-source', ipi: 0, period: '3us' },
      { type: 'ipi-source', ipi: 1, period: '11us' },
    ],
    timeline: Array.from({ length: (HORIZON_MS * 1000) / 50 - 2 }, (_, i) => ({
      at: `${100 + i * 50}us`,
      do: 'inject-nmi' as const,
    })),
    runUntil: `${HORIZON_MS}ms`,
  };
}

function build(pes: number): Machine {
  const parsed = parseScenario(scenario(pes));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return createMachine(parsed.value);
}

interface Load {
  readonly pes: number;
  readonly machine: Machine;
  readonly seen: { events: number; handled: number };
  /** Runs `virtualNs` more of the scenario; returns the interrupts handled meanwhile. */
  readonly run: (virtualNs: number) => number;
  readonly runs: { trial: Trial; handled: number; events: number; virtualNs: number }[];
}

function load(pes: number): Load {
  const machine = build(pes);
  machine.runUntil(50_000); // boot
  const seen = { events: 0, handled: 0 };
  machine.subscribe((e) => {
    seen.events++;
    if (e.kind === 'interrupt-handled') seen.handled++;
  });
  const run = (virtualNs: number): number => {
    const before = seen.handled;
    machine.runUntil(machine.now() + virtualNs);
    return before === seen.handled ? 0 : seen.handled - before;
  };
  return { pes, machine, seen, run, runs: [] };
}

const CHUNK_NS = 500_000;
const TRIALS = 7;

const loads = [load(8), load(64)];
for (const l of loads) l.run(10_000_000); // warm-up: 10 ms of virtual time
for (let t = 0; t < TRIALS; t++) {
  for (const l of loads) {
    const h0 = l.seen.handled;
    const e0 = l.seen.events;
    const v0 = l.machine.now();
    const tr = trial(() => l.run(CHUNK_NS), 1, 150);
    l.runs.push({
      trial: tr,
      handled: l.seen.handled - h0,
      events: l.seen.events - e0,
      virtualNs: l.machine.now() - v0,
    });
  }
}

console.log(
  'PEs  handled/s (CPU best)  median  handled/s (wall best)  events/s (CPU best)  virtual ms per CPU s',
);
const perSecond: Record<number, { cpu: number; median: number; wall: number }> = {};
for (const l of loads) {
  // trial() counted chunks; turn each into rates per second of CPU and of wall time.
  const rate = (r: (typeof l.runs)[number], by: 'cpuNs' | 'wallNs', what: number): number =>
    what / ((r.trial[by] * r.trial.operations) / 1e9);
  const handledCpu = stats(l.runs.map((r) => -rate(r, 'cpuNs', r.handled))).best * -1;
  const handledMedian = -stats(l.runs.map((r) => -rate(r, 'cpuNs', r.handled))).median;
  const handledWall = -stats(l.runs.map((r) => -rate(r, 'wallNs', r.handled))).best;
  const eventsCpu = -stats(l.runs.map((r) => -rate(r, 'cpuNs', r.events))).best;
  const virtualCpu = -stats(l.runs.map((r) => -rate(r, 'cpuNs', r.virtualNs / 1e6))).best;
  perSecond[l.pes] = { cpu: handledCpu, median: handledMedian, wall: handledWall };
  console.log(
    `${String(l.pes).padStart(3)}  ${Math.round(handledCpu).toLocaleString('en-US').padStart(20)}  ${Math.round(handledMedian).toLocaleString('en-US').padStart(6)}  ${Math.round(handledWall).toLocaleString('en-US').padStart(21)}  ${Math.round(eventsCpu).toLocaleString('en-US').padStart(19)}  ${virtualCpu.toFixed(1).padStart(20)}`,
  );
}
console.log('');
for (const pes of [8, 64]) {
  const r = perSecond[pes];
  if (r === undefined) continue;
  figure(`machine.handled_per_s.${pes}pe`, r.cpu, '/s', '>= 1e5');
  figure(`machine.handled_per_s.${pes}pe.median`, r.median, '/s');
  figure(`machine.handled_per_s.${pes}pe.wall`, r.wall, '/s');
}

// ---------------------------------------------------------------------------------------------
// Snapshots: size and time.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** JS heap plus ArrayBuffer memory (a GIC snapshot's buffer lives outside the JS heap). */
function heapAfterGc(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

console.log('\nsnapshots (after 10 ms of the scenario):');
for (const pes of [8, 64, 256]) {
  const machine = build(pes);
  machine.runUntil(10_000_000);
  const snap = machine.snapshot();
  const json = JSON.stringify(machine.snapshotJson()).length;
  const take = stats(
    Array.from({ length: 5 }, () => trial(() => machine.snapshot(), 1, 30).cpuNs),
  ).best;
  const restore = stats(
    Array.from({ length: 5 }, () => trial(() => machine.restore(snap), 1, 30).cpuNs),
  ).best;
  // A history keeps a snapshot every so often: their `bytes` should add up to the heap they hold.
  const kept: MachineSnapshot[] = [];
  const before = heapAfterGc();
  for (let i = 0; i < 200; i++) {
    machine.runUntil(machine.now() + 20_000);
    kept.push(machine.snapshot());
  }
  const measured = (heapAfterGc() - before) / kept.length;
  const reported = kept.reduce((n, k) => n + k.bytes, 0) / kept.length;
  console.log(
    `${String(pes).padStart(3)} PEs: first snapshot ${snap.bytes.toLocaleString('en-US')} bytes (GIC ${snap.gic.bytes.toLocaleString('en-US')}); 200 kept: ${Math.round(reported).toLocaleString('en-US')} bytes reported, ${Math.round(measured).toLocaleString('en-US')} measured per snapshot; JSON ${json.toLocaleString('en-US')} chars; take ${(take / 1000).toFixed(1)} µs, restore ${(restore / 1000).toFixed(1)} µs`,
  );
  figure(`machine.snapshot_bytes.${pes}pe`, reported, 'B');
  figure(`machine.snapshot_heap_measured.${pes}pe`, measured, 'B');
  figure(`machine.snapshot_take_us.${pes}pe`, take / 1000, 'us');
  figure(`machine.snapshot_restore_us.${pes}pe`, restore / 1000, 'us');
  kept.length = 0;
}
