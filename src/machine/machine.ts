import { createGic } from '../gic/index.ts';
import type { Gic, GicSnapshot } from '../gic/index.ts';
import type { Result } from '../lib/index.ts';
import { err, ok } from '../lib/index.ts';
import { createQueue, peek, pop } from './clock/index.ts';
import { emit, scheduleAt, wake } from './core.ts';
import type { Core } from './core.ts';
import { driverCalls, fireDevice } from './devices/index.ts';
import type { MachineEvent, MachineListener } from './events.ts';
import { checkExpectation, describeExpectation as describe } from './expectations.ts';
import { bootProgram, ipiIsNmi, secondaryProgram } from './guest/boot-program.ts';
import { IPI_NAMES } from './guest/ipi.ts';
import { makePlan } from './guest/plan.ts';
import type { SecuritySetup } from './guest/kernel-profiles.ts';
import { GICD, GICR } from './guest/registers.ts';
import { injectNmi, releaseOnAcknowledge } from './injector/index.ts';
import { interruptPe, runPe } from './pe/runner.ts';
import type { InjectorMode, RegisterTarget, Scenario } from './scenario/index.ts';
import type { MachineState } from './state.ts';
import { applyAction, readRegister, writeRegister } from './timeline.ts';
import type { WriteReport } from './write-report.ts';
import { countersTable } from './counters.ts';
import type { CountersTable } from './counters.ts';
import { machineView, peViews } from './view.ts';
import type { MachineView, PeView } from './view.ts';

export interface MachineSnapshot {
  readonly format: 'gicscope.machine';
  readonly version: 1;
  readonly state: MachineState;
  readonly gic: GicSnapshot;
}

export interface ExpectationResult {
  readonly index: number;
  readonly description: string;
  /** null: its time was not reached. */
  readonly passed: boolean | null;
  readonly actual: string | null;
}

/** The simulated machine a host (worker, CLI, tests) drives. Every method is deterministic. */
export interface Machine {
  readonly scenario: Scenario;
  /** The GIC model, for its read-only views (interrupt, cpuInterface, …). */
  readonly gic: Gic;
  now(): number;
  /**
   * Runs until at least one GIC event happened, or nothing is left to do, or the next agenda
   * entry lies beyond `limit` (ns; the clock then moves to `limit`).
   */
  step(limit?: number): readonly MachineEvent[];
  /** Runs every agenda entry up to `time` (ns) and moves the clock there. */
  runUntil(time: number): readonly MachineEvent[];
  /** Runs until some PE acknowledges an interrupt, or until `limit` (ns). */
  runUntilAcknowledge(limit?: number): readonly MachineEvent[];
  /** Runs to the scenario's runUntil. */
  runToEnd(): readonly MachineEvent[];
  /** Time of the next agenda entry, or null when nothing is scheduled. */
  nextEventTime(): number | null;
  injectNmi(mode?: InjectorMode): readonly MachineEvent[];
  setInjectorMode(mode: InjectorMode): void;
  /** A read made on purpose from outside, side effects included (ICC_IAR1_EL1 acknowledges). */
  readRegister(
    target: RegisterTarget,
  ): Result<{ readonly value: bigint; readonly events: readonly MachineEvent[] }, string>;
  /**
   * A register write from outside (UI edit); an error names what is out of range. The report
   * says what the register holds now and why that differs from the value written.
   */
  writeRegister(
    target: RegisterTarget,
    value: number | string,
  ): Result<{ readonly report: WriteReport; readonly events: readonly MachineEvent[] }, string>;
  view(): MachineView;
  /** The PEs alone (what `view().pes` holds), without building the rest of the view. */
  peViews(): readonly PeView[];
  /** The guest's /proc/interrupts alone (what `view().counters` holds). */
  counters(): CountersTable;
  expectationResults(): readonly ExpectationResult[];
  snapshot(): MachineSnapshot;
  restore(snapshot: MachineSnapshot): void;
  subscribe(listener: MachineListener): () => void;
}

function securitySetup(s: Scenario): SecuritySetup {
  switch (s.machine.security) {
    case 'single':
      return 'ds1';
    case 'two-states':
      return 'ds0-fiq1';
    case 'two-states-fiq0':
      return 'ds0-fiq0';
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function createMachine(scenario: Scenario): Machine {
  const m = scenario.machine;
  const gic = createGic({
    peCount: m.pes,
    spiCount: m.spis,
    securityExtensions: m.security !== 'single',
    priorityBits: m.priorityBits,
    nmi: m.nmi,
    oneOfN: m.oneOfN,
    profile: m.gicProfile,
    seed: m.seed,
  });
  const made = Array.from({ length: m.pes }, (_, pe) =>
    makePlan({
      kernel: scenario.guest.kernel,
      security: securitySetup(scenario),
      nmi: scenario.guest.nmiByPe?.[pe] ?? scenario.guest.nmi,
      el: scenario.guest.el,
      peCount: m.pes,
      spiCount: m.spis,
      priorityBits: m.priorityBits,
      affinity: gic.config.affinity,
      gicNmi: m.nmi,
    }),
  );
  const plans = made.map((x) => x.plan);
  const plan = plans[0];
  const notes = [...new Set(made.flatMap((x) => x.notes))];
  const core: Core = {
    scenario,
    plan,
    plans,
    gic,
    state: initialState(scenario),
    pending: [],
    muted: false,
    running: null,
  };
  const listeners = new Set<MachineListener>();

  gic.subscribe((event) => {
    if (event.kind === 'outputs-changed') interruptPe(core, event.pe);
    if (event.kind === 'acknowledged') releaseOnAcknowledge(core, event.intid, event.pe);
    if (!core.muted) emit(core, { kind: 'gic', event });
  });

  boot(core, notes);

  function drain(): readonly MachineEvent[] {
    const events = core.pending.splice(0, core.pending.length);
    for (const listener of listeners) for (const e of events) listener(e);
    return events;
  }

  function processOne(): boolean {
    const entry = pop(core.state.queue);
    if (entry === undefined) return false;
    core.state.now = Math.max(core.state.now, entry.at);
    const item = entry.item;
    switch (item.kind) {
      case 'pe-run':
        if (core.state.pes[item.pe]?.runToken === item.token) runPe(core, item.pe);
        break;
      case 'timeline':
        applyAction(core, item.index);
        break;
      case 'expect':
        checkExpectation(core, item.index);
        break;
      case 'device-fire':
        fireDevice(core, item.device, item.pe);
        break;
      case 'lower-line':
        gic.setLevel(item.intid, false, item.pe ?? undefined);
        break;
    }
    return true;
  }

  function runWhile(
    limit: number,
    stop: (events: readonly MachineEvent[]) => boolean,
  ): readonly MachineEvent[] {
    const out: MachineEvent[] = [];
    for (;;) {
      const next = peek(core.state.queue);
      if (next === undefined || next.at > limit) break;
      processOne();
      const events = drain();
      out.push(...events);
      if (stop(events)) return out;
    }
    // with no limit (step, run to the next acknowledge) an empty agenda leaves the clock where it is
    if (Number.isFinite(limit)) core.state.now = Math.max(core.state.now, limit);
    return out;
  }

  const machine: Machine = {
    scenario,
    gic,
    now: () => core.state.now,
    step: (limit = Infinity) => runWhile(limit, (events) => events.some((e) => e.kind === 'gic')),
    runUntil: (time) => runWhile(time, () => false),
    runUntilAcknowledge: (limit = Infinity) =>
      runWhile(limit, (events) =>
        events.some((e) => e.kind === 'gic' && e.event.kind === 'acknowledged'),
      ),
    runToEnd: () => runWhile(scenario.runUntil, () => false),
    nextEventTime: () => peek(core.state.queue)?.at ?? null,
    setInjectorMode(mode) {
      core.state.injector.mode = mode;
    },
    readRegister(target) {
      const r = readRegister(core, target);
      return r.ok ? ok({ value: r.value, events: drain() }) : err(r.error);
    },
    injectNmi(mode) {
      injectNmi(core, mode ?? core.state.injector.mode);
      return drain();
    },
    writeRegister(target, value) {
      const r = writeRegister(core, target, value);
      return r.ok ? ok({ report: r.value, events: drain() }) : err(r.error);
    },
    view: () => machineView(core),
    peViews: () => peViews(core),
    counters: () =>
      countersTable(core.plan.peCount, core.state.guest.descs, core.state.guest.counts),
    expectationResults: () =>
      scenario.expect.map((e, index) => {
        const r = core.state.results[index] ?? null;
        return {
          index,
          description: describe(e),
          passed: r?.passed ?? null,
          actual: r?.actual ?? null,
        };
      }),
    snapshot: () => ({
      format: 'gicscope.machine',
      version: 1,
      state: clone(core.state),
      gic: gic.snapshot(),
    }),
    restore(snapshot) {
      gic.restore(snapshot.gic);
      core.state = clone(snapshot.state);
      core.pending.length = 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return machine;
}

function initialState(s: Scenario): MachineState {
  const peCount = s.machine.pes;
  return {
    now: 0,
    queue: createQueue(),
    pes: Array.from({ length: peCount }, (_, index) => ({
      index,
      masks: { i: true, f: true, allint: false },
      sctlrNmi: false,
      frames: [
        {
          kind: 'task',
          label: 'task',
          intid: null,
          nmi: false,
          ops: [],
          vars: {},
          saved: null,
          enteredAt: 0,
        },
      ],
      runAt: null,
      runToken: 0,
      criticalSection: false,
      booted: false,
    })),
    guest: { calls: [], descs: {}, counts: {}, log: [], booted: false },
    devices: s.devices.map(() => ({ asserted: [], cursor: 0 })),
    injector: { mode: s.injector.mode, last: null, chosen: [], held: [] },
    prng: s.machine.seed >>> 0,
    eventSeq: 0,
    results: s.expect.map(() => null),
  };
}

/** Reset state → firmware hand-over (two security states) → boot programs on the agenda. */
function boot(core: Core, notes: readonly string[]): void {
  const { scenario, plan, state, gic } = core;
  for (const note of notes) state.guest.log.push({ at: 0, pe: null, text: note });
  if (scenario.machine.security !== 'single') {
    // EL3 firmware puts everything in Group 1 Non-secure before entering the kernel (reference §8.1 item 6).
    core.muted = true;
    for (let i = 32; i < 32 + plan.spiCount; i += 32)
      gic.writeDistributor(GICD.IGROUPR + i / 8, 0xffffffffn, 4, { secure: true });
    for (let p = 0; p < plan.peCount; p++)
      gic.writeRedistributor(p, GICR.IGROUPR0, 0xffffffffn, 4, { secure: true });
    core.muted = false;
    state.guest.log.push({
      at: 0,
      pe: null,
      text: 'firmware: all interrupts Group 1 Non-secure, entering the kernel at NS EL1',
    });
  }
  for (let ipi = 0; ipi < 8; ipi++) {
    state.guest.descs[ipi] = {
      intid: ipi,
      name: IPI_NAMES[ipi] ?? `IPI${ipi}`,
      kind: core.plans.some((x) => ipiIsNmi(x, ipi)) ? 'ipi-nmi' : 'ipi',
      trigger: 'edge',
      shared: false,
      enabled: true,
      handlerNs: 500,
    };
    state.guest.counts[ipi] = new Array<number>(plan.peCount).fill(0);
  }
  const explicit = new Set(scenario.guest.setup.map((c) => c.intid));
  state.guest.calls.push(...driverCalls(core, explicit), ...scenario.guest.setup);
  const boot0 = state.pes[0]?.frames[0];
  const anyPseudo = core.plans.some((x) => x.nmi === 'pseudo');
  if (boot0 !== undefined)
    boot0.ops.push(...bootProgram(plan, state.guest.calls.length, anyPseudo));
  for (let p = 1; p < plan.peCount; p++)
    state.pes[p]?.frames[0]?.ops.push(...secondaryProgram(core.plans[p] ?? plan, p));
  wake(core, 0, 0);
  scenario.timeline.forEach((a, index) => scheduleAt(core, a.at, { kind: 'timeline', index }));
  scenario.expect.forEach((e, index) => scheduleAt(core, e.at, { kind: 'expect', index }));
}
