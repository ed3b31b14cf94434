import { createGic } from '../gic/index.ts';
import type { Gic, GicSnapshot, GicSnapshotJson } from '../gic/index.ts';
import type { Result } from '../lib/index.ts';
import { err, ok } from '../lib/index.ts';
import { createQueue, peek, pop } from './clock/index.ts';
import { scheduleNextAction, scheduleNextCheck, startSchedule } from './agenda.ts';
import { emitGic, remember, runNext, wake } from './core.ts';
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
import { masksOf } from './pe/pstate.ts';
import { interruptPe, runPe } from './pe/runner.ts';
import type { InjectorMode, RegisterTarget, Scenario } from './scenario/index.ts';
import {
  machineSnapshotToJson,
  restoreMachine,
  scenarioFingerprint,
  takeMachineSnapshot,
} from './snapshot/index.ts';
import type { MachineSnapshot, MachineSnapshotJson } from './snapshot/index.ts';
import type { MachineState } from './state.ts';
import { applyAction, readRegister, writeRegister } from './timeline.ts';
import { machineView } from './view.ts';
import type { MachineView } from './view.ts';

export type { MachineSnapshot, MachineSnapshotJson } from './snapshot/index.ts';

export interface ExpectationResult {
  readonly index: number;
  readonly description: string;
  /** null: its time was not reached. */
  readonly passed: boolean | null;
  readonly actual: string | null;
}

/** What a run that may be long reports instead of its events (listeners get those). */
export interface RunOutcome {
  /** Machine events produced by the run. */
  readonly events: number;
  /** The clock when it stopped (ns). */
  readonly time: number;
}

/**
 * A machine listener threw. Every listener still got every event of the agenda entry that was
 * being reported, the machine state is consistent (between two agenda entries), and the call
 * that was running stopped there. `cause` is the listener's error.
 */
export class MachineListenerError extends Error {
  override readonly name = 'MachineListenerError';
  readonly errors: readonly unknown[];

  constructor(errors: readonly unknown[]) {
    const first = errors[0];
    super(
      `a machine event listener threw (${errors.length} time${errors.length === 1 ? '' : 's'}): ${first instanceof Error ? first.message : String(first)}`,
      { cause: first },
    );
    this.errors = errors;
  }
}

/** The simulated machine a host (worker, CLI, tests) drives. Every method is deterministic. */
export interface Machine {
  readonly scenario: Scenario;
  /** The GIC model, for its read-only views (interrupt, cpuInterface, …). */
  readonly gic: Gic;
  now(): number;
  /**
   * Runs until at least one GIC event happened, or nothing is left to do, or the next agenda
   * entry lies beyond `limit` (ns; the clock then moves to `limit`). Returns that step's events.
   */
  step(limit?: number): readonly MachineEvent[];
  /**
   * Runs every agenda entry up to `time` (ns) and moves the clock there. The events go to the
   * listeners only: a long run keeps nothing.
   */
  runUntil(time: number): RunOutcome;
  /** Runs until some PE acknowledges an interrupt, or until `limit` (ns); returns the events. */
  runUntilAcknowledge(limit?: number): readonly MachineEvent[];
  /** Runs to the scenario's runUntil (events to the listeners, as runUntil). */
  runToEnd(): RunOutcome;
  /** Time of the next agenda entry, or null when nothing is scheduled. */
  nextEventTime(): number | null;
  injectNmi(mode?: InjectorMode): readonly MachineEvent[];
  setInjectorMode(mode: InjectorMode): void;
  /** A read made on purpose from outside, side effects included (ICC_IAR1_EL1 acknowledges). */
  readRegister(
    target: RegisterTarget,
  ): Result<{ readonly value: bigint; readonly events: readonly MachineEvent[] }, string>;
  /** A register write from outside (UI edit); an error names what is out of range. */
  writeRegister(
    target: RegisterTarget,
    value: number | string,
  ): Result<readonly MachineEvent[], string>;
  view(): MachineView;
  expectationResults(): readonly ExpectationResult[];
  /** The whole machine, cheap to take and to keep (see docs/gic-api.md § Snapshots). */
  snapshot(): MachineSnapshot;
  /** The same as plain JSON, for files. */
  snapshotJson(): MachineSnapshotJson;
  /**
   * Restores a snapshot of this scenario (either form). The whole snapshot — machine state and
   * GIC — is checked first; a damaged one is refused with an Error naming the field, and the
   * machine is then unchanged.
   */
  restore(snapshot: MachineSnapshot | MachineSnapshotJson): void;
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

/** How a run loop stops: at its limit only, after a GIC event, or after an acknowledge. */
const UNTIL_LIMIT = 0;
const UNTIL_GIC_EVENT = 1;
const UNTIL_ACKNOWLEDGE = 2;
type StopRule = typeof UNTIL_LIMIT | typeof UNTIL_GIC_EVENT | typeof UNTIL_ACKNOWLEDGE;

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
    pendingCount: 0,
    muted: false,
    running: null,
    gicEvents: 0,
    acknowledges: 0,
  };
  let listeners: MachineListener[] = [];
  const fingerprint = scenarioFingerprint(scenario);

  gic.subscribe((event) => {
    if (event.kind === 'outputs-changed') interruptPe(core, event.pe);
    else if (event.kind === 'acknowledged') releaseOnAcknowledge(core, event.intid, event.pe);
    if (!core.muted) emitGic(core, event);
  });

  boot(core, notes);
  const schedule = startSchedule(core);

  /**
   * Hands the recorded events to every listener (and to `collect`), then forgets them. A
   * listener that throws does not stop the others; the failure is thrown once all have run.
   */
  let delivering = false;

  function deliver(collect: MachineEvent[] | null): number {
    const n = core.pendingCount;
    if (n === 0) return 0;
    const pending = core.pending;
    let errors: unknown[] | null = null;
    const ls = listeners;
    delivering = true;
    for (let i = 0; i < n; i++) {
      const event = pending[i] as MachineEvent;
      pending[i] = undefined;
      for (let j = 0; j < ls.length; j++) {
        try {
          ls[j](event);
        } catch (error) {
          (errors ??= []).push(error);
        }
      }
      if (collect !== null) collect.push(event);
    }
    delivering = false;
    core.pendingCount = 0;
    if (errors !== null) throw new MachineListenerError(errors);
    return n;
  }

  /** A listener may look at the machine (view, snapshot) but not drive it while it is told. */
  function notFromListener(what: string): void {
    if (delivering)
      throw new Error(
        `machine.${what} was called from a machine event listener; call it after the current call returns`,
      );
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
        scheduleNextAction(core, schedule);
        applyAction(core, item.index);
        break;
      case 'expect':
        scheduleNextCheck(core, schedule);
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

  /** Runs agenda entries up to `limit`; returns how many events they produced. */
  function run(limit: number, stop: StopRule, collect: MachineEvent[] | null): number {
    notFromListener('run');
    let events = 0;
    for (;;) {
      const next = peek(core.state.queue);
      if (next === undefined || next.at > limit) break;
      const gicBefore = core.gicEvents;
      const acksBefore = core.acknowledges;
      processOne();
      events += deliver(collect);
      if (stop === UNTIL_GIC_EVENT && core.gicEvents !== gicBefore) return events;
      if (stop === UNTIL_ACKNOWLEDGE && core.acknowledges !== acksBefore) return events;
    }
    // with no limit (step, run to the next acknowledge) an empty agenda leaves the clock where it is
    if (Number.isFinite(limit)) core.state.now = Math.max(core.state.now, limit);
    return events;
  }

  /** Runs a command from outside and hands back its events. */
  function command(act: () => void): readonly MachineEvent[] {
    notFromListener('command');
    act();
    const out: MachineEvent[] = [];
    deliver(out);
    return out;
  }

  const machine: Machine = {
    scenario,
    gic,
    now: () => core.state.now,
    step: (limit = Infinity) => {
      const out: MachineEvent[] = [];
      run(limit, UNTIL_GIC_EVENT, out);
      return out;
    },
    runUntil: (time) => ({ events: run(time, UNTIL_LIMIT, null), time: core.state.now }),
    runUntilAcknowledge: (limit = Infinity) => {
      const out: MachineEvent[] = [];
      run(limit, UNTIL_ACKNOWLEDGE, out);
      return out;
    },
    runToEnd: () => ({
      events: run(scenario.runUntil, UNTIL_LIMIT, null),
      time: core.state.now,
    }),
    nextEventTime: () => peek(core.state.queue)?.at ?? null,
    setInjectorMode(mode) {
      notFromListener('setInjectorMode');
      core.state.injector.mode = mode;
    },
    readRegister(target) {
      let value: bigint | null = null;
      let error: string | null = null;
      const events = command(() => {
        const r = readRegister(core, target);
        if (r.ok) value = r.value;
        else error = r.error;
      });
      return value !== null ? ok({ value, events }) : err(error ?? 'read failed');
    },
    injectNmi(mode) {
      return command(() => injectNmi(core, mode ?? core.state.injector.mode));
    },
    writeRegister(target, value) {
      let error: string | null = null;
      const events = command(() => {
        const r = writeRegister(core, target, value);
        if (!r.ok) error = r.error;
      });
      return error === null ? ok(events) : err(error);
    },
    view: () => machineView(core),
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
    snapshot: () => takeMachineSnapshot(core, fingerprint),
    snapshotJson: () => machineSnapshotToJson(takeMachineSnapshot(core, fingerprint)),
    restore(snapshot) {
      notFromListener('restore');
      restoreMachine(core, fingerprint, snapshot);
      core.pendingCount = 0;
      core.pending.length = 0;
    },
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
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
      masks: masksOf(true, true, false),
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
          workEnd: -1,
        },
      ],
      runAt: null,
      runToken: 0,
      criticalSection: false,
      booted: false,
    })),
    guest: { calls: [], descs: {}, counts: {}, log: [], logTotal: 0, logTexts: {}, booted: false },
    devices: s.devices.map(() => ({ asserted: [], cursor: 0 })),
    injector: { mode: s.injector.mode, last: null, chosen: [], held: [] },
    prng: s.machine.seed >>> 0,
    eventSeq: 0,
    timelineNext: 0,
    expectNext: 0,
    results: s.expect.map(() => null),
  };
}

/** Reset state → firmware hand-over (two security states) → boot programs on the agenda. */
function boot(core: Core, notes: readonly string[]): void {
  const { scenario, plan, state, gic } = core;
  for (const note of notes) remember(core, null, note);
  if (scenario.machine.security !== 'single') {
    // EL3 firmware puts everything in Group 1 Non-secure before entering the kernel (reference §8.1 item 6).
    core.muted = true;
    for (let i = 32; i < 32 + plan.spiCount; i += 32)
      gic.writeDistributor(GICD.IGROUPR + i / 8, 0xffffffff, 4, { secure: true });
    for (let p = 0; p < plan.peCount; p++)
      gic.writeRedistributor(p, GICR.IGROUPR0, 0xffffffff, 4, { secure: true });
    core.muted = false;
    remember(
      core,
      null,
      'firmware: all interrupts Group 1 Non-secure, entering the kernel at NS EL1',
    );
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
    runNext(boot0.ops, bootProgram(plan, state.guest.calls.length, anyPseudo));
  for (let p = 1; p < plan.peCount; p++) {
    const task = state.pes[p]?.frames[0];
    if (task !== undefined) runNext(task.ops, secondaryProgram(core.plans[p] ?? plan, p));
  }
  wake(core, 0, 0);
}

export type { GicSnapshot, GicSnapshotJson };
