import type {
  FromWorker,
  InjectorMode,
  MachineInput,
  MachineView,
  Port,
  RegisterTarget,
  ToWorker,
} from '../../protocol/index.ts';
import { createGicStore, groupAll, visibleLog, type GicStore } from '../store/index.ts';
import { openAtCursor, timelineModel } from '../views/timeline/model.ts';
import { GicClient, type CommandResult } from './client.ts';

/** Scheduler turns a command may take before the test presses Pause. */
const PATIENCE = 400;

/** A display frame of the fake wall clock. */
const FRAME_MS = 16.7;

/** The wall clock and the worker's scheduler, driven by hand: every read moves the clock on. */
export class FakeClock {
  now = 0;
  readonly laters: { at: number; tick: () => void }[] = [];
  readonly soons: (() => void)[] = [];
  readonly paints: (() => void)[] = [];

  scheduler() {
    return {
      // each read costs a little wall time, so that the host's slices end
      now: () => (this.now += 1),
      later: (tick: () => void) => {
        const entry = { at: this.now + FRAME_MS, tick };
        this.laters.push(entry);
        return () => {
          const i = this.laters.indexOf(entry);
          if (i >= 0) this.laters.splice(i, 1);
        };
      },
      soon: (tick: () => void) => {
        let live = true;
        this.soons.push(() => {
          if (live) tick();
        });
        return () => {
          live = false;
        };
      },
    };
  }
}

// a macrotask: every microtask (message deliveries of the memory transport) runs before it
const macrotask =
  (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ??
  ((callback: () => void) => setTimeout(callback, 0));
const flushMicrotasks = () => new Promise<void>((resolve) => macrotask(resolve));

/** What a fresh engine must offer the oracle (the worker's MachineEngine does). */
export interface OracleEngine {
  eventSeq(): number;
  runUntil(time: number): void;
  view(): MachineView;
  injectNmi(): unknown;
  setInjectorMode(mode: InjectorMode): unknown;
  writeRegister(target: RegisterTarget, value: bigint): unknown;
  readRegister(target: RegisterTarget): unknown;
}

/**
 * The reference the page is compared with: a fresh engine driven straight to a moment — every
 * input at its time, every instant up to the moment's time — with no history, no checkpoints
 * and no diffs. It moves on from where it is when it can and starts over when it cannot.
 */
export class Oracle {
  #engine: OracleEngine;
  #time = -1;
  #inputs = 0;
  #applied: MachineInput[] = [];

  constructor(private readonly fresh: () => OracleEngine) {
    this.#engine = fresh();
  }

  at(
    moment: { readonly time: number; readonly inputs: number },
    inputs: readonly { readonly at: number; readonly input: MachineInput }[],
  ): { readonly view: MachineView; readonly seq: number } {
    const stillValid =
      moment.inputs >= this.#inputs &&
      (moment.time > this.#time || (moment.time === this.#time && moment.inputs >= this.#inputs)) &&
      this.#applied.every((input, i) => inputs[i]?.input === input) &&
      (moment.inputs === this.#inputs || inputs[this.#inputs].at >= this.#time);
    if (!stillValid) {
      this.#engine = this.fresh();
      this.#time = -1;
      this.#inputs = 0;
      this.#applied = [];
    }
    const engine = this.#engine;
    for (let i = this.#inputs; i < moment.inputs; i += 1) {
      const { at, input } = inputs[i];
      if (at >= 0) engine.runUntil(at);
      applyTo(engine, input);
      if (at >= 0) engine.runUntil(at);
      this.#applied.push(input);
    }
    if (moment.time >= 0) engine.runUntil(moment.time);
    this.#time = moment.time;
    this.#inputs = moment.inputs;
    return { view: engine.view(), seq: engine.eventSeq() };
  }
}

function applyTo(engine: OracleEngine, input: MachineInput): void {
  switch (input.kind) {
    case 'inject-nmi':
      engine.injectNmi();
      return;
    case 'set-injector-mode':
      engine.setInjectorMode(input.mode);
      return;
    case 'write-register':
      engine.writeRegister(input.target, BigInt(input.value));
      return;
    case 'read-register':
      engine.readRegister(input.target);
      return;
  }
}

/** One user action of the model-based test, as plain data (so a shrunk sequence can be pasted). */
export type Action =
  | { readonly do: 'play-frames'; readonly frames: number }
  | { readonly do: 'pause' }
  | { readonly do: 'step'; readonly count: number; readonly unit: 'event' | 'acknowledge' }
  | { readonly do: 'step-back'; readonly count: number }
  | { readonly do: 'seek'; readonly seq: number }
  | { readonly do: 'run-until'; readonly ahead: number }
  | { readonly do: 'inject-nmi' }
  | { readonly do: 'write-pmr'; readonly pe: number; readonly value: number }
  /** a Distributor register write (ISENABLER1, ICENABLER1, ISPENDR1, ICPENDR1…) */
  | { readonly do: 'write-gicd'; readonly offset: number; readonly value: number }
  | { readonly do: 'toggle-mode' }
  | { readonly do: 'speed'; readonly speed: number | 'max' }
  | { readonly do: 'reset' };

/**
 * The page (a real store and client) talking to a real host over the memory transport, with
 * the wall clock, the worker's scheduler and the display's paints driven by hand.
 */
export class Session {
  readonly clock = new FakeClock();
  readonly store: GicStore = createGicStore();
  readonly client: GicClient;
  /** the inputs the page applied, as the worker recorded them (index = input number) */
  readonly inputs: { at: number; input: MachineInput }[] = [];

  constructor(
    makePort: (scheduler: ReturnType<FakeClock['scheduler']>) => Port<ToWorker, FromWorker>,
  ) {
    (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame = (
      callback,
    ) => {
      this.clock.paints.push(callback);
      return 0;
    };
    this.client = new GicClient(this.store, () => makePort(this.clock.scheduler()));
  }

  async connect(scenario: string): Promise<void> {
    await this.until(this.client.connect());
    const loaded = await this.until(this.client.loadScenario({ kind: 'builtin', id: scenario }));
    if (!loaded.ok) throw new Error(loaded.detail);
    this.inputs.length = 0;
  }

  /** Pumps the fake scheduler and paints until `promise` settles. */
  async until<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    let value!: T;
    void promise.then((v) => {
      done = true;
      value = v;
    });
    for (let spins = 0; !done; spins += 1) {
      await flushMicrotasks();
      if (done) break;
      // a person presses Pause on a long operation (step to an interrupt that never comes)
      if (spins === PATIENCE) void this.client.pause();
      const clock = this.clock;
      if (clock.soons.length) clock.soons.shift()!();
      else if (clock.paints.length) clock.paints.splice(0).forEach((paint) => paint());
      else if (clock.laters.length) {
        clock.laters.sort((a, b) => a.at - b.at);
        const next = clock.laters.shift()!;
        clock.now = Math.max(clock.now, next.at);
        next.tick();
      } else if (spins > 3) throw new Error('the session is stuck: nothing scheduled, no reply');
    }
    return value;
  }

  /** `n` display frames of wall time: playback ticks, slices and paints that fall in them. */
  async frames(n: number): Promise<void> {
    const clock = this.clock;
    for (let frame = 0; frame < n; frame += 1) {
      const end = clock.now + FRAME_MS;
      for (let guard = 0; guard < 200 && clock.now < end; guard += 1) {
        await flushMicrotasks();
        if (clock.soons.length) {
          clock.soons.shift()!();
          continue;
        }
        clock.laters.sort((a, b) => a.at - b.at);
        if (clock.laters.length && clock.laters[0].at <= end) {
          const next = clock.laters.shift()!;
          clock.now = Math.max(clock.now, next.at);
          next.tick();
          continue;
        }
        break;
      }
      clock.now = Math.max(clock.now, end);
      clock.paints.splice(0).forEach((paint) => paint());
      await flushMicrotasks();
    }
  }

  /** Runs one action; inputs are recorded at the moment the worker applied them. */
  async run(action: Action): Promise<CommandResult | null> {
    const c = this.client;
    switch (action.do) {
      case 'play-frames':
        if (!this.store.getState().playing) await this.until(c.play());
        await this.frames(action.frames);
        return null;
      case 'pause':
        return this.until(c.pause());
      case 'step':
        return this.until(c.step(action.count, action.unit));
      case 'step-back':
        return this.until(c.stepBack(action.count));
      case 'seek':
        return this.until(c.seek(action.seq));
      case 'run-until':
        return this.until(c.runUntil(this.store.getState().cursor.time + action.ahead));
      case 'inject-nmi':
        return this.#input({ kind: 'inject-nmi' }, () => c.injectNmi());
      case 'write-pmr': {
        const pe = action.pe % (this.store.getState().view?.cpus.length ?? 1);
        const target: RegisterTarget = { block: 'sysreg', pe, name: 'ICC_PMR_EL1' };
        const value = `0x${action.value.toString(16)}`;
        return this.#input({ kind: 'write-register', target, value }, () =>
          c.writeRegister(target, value),
        );
      }
      case 'write-gicd': {
        const target: RegisterTarget = { block: 'distributor', offset: action.offset, size: 4 };
        const value = `0x${action.value.toString(16)}`;
        return this.#input({ kind: 'write-register', target, value }, () =>
          c.writeRegister(target, value),
        );
      }
      case 'toggle-mode': {
        const mode: InjectorMode =
          this.store.getState().view?.injector.mode === 'architected'
            ? 'rfc-round-robin'
            : 'architected';
        return this.#input({ kind: 'set-injector-mode', mode }, () => c.setInjectorMode(mode));
      }
      case 'speed':
        return this.until(c.setSpeed(action.speed === 'max' ? Infinity : action.speed));
      case 'reset': {
        const result = await this.until(c.reset());
        this.inputs.length = 0;
        return result;
      }
    }
  }

  async #input(input: MachineInput, send: () => Promise<CommandResult>): Promise<CommandResult> {
    const result = await this.until(send());
    if (!result.ok && result.failure !== 'no-effect') return result;
    // Whether the worker recorded it: an input that did nothing at all is not recorded (the
    // machine may have moved on while the page sent it: a mode the replay already set is no
    // change), one answered "no-effect" that still logged a row (no NMI candidate) is. A
    // recorded input ends the worker's list (the future after it is gone) at the cursor's moment.
    const { cursor, recovery } = this.store.getState();
    const k = cursor.moment.inputs;
    const total = recovery ? recovery.inputsFrom + recovery.inputs.length : -1;
    const last = recovery?.inputs.at(-1);
    const recorded =
      total === k &&
      last !== undefined &&
      last.at === cursor.moment.time &&
      JSON.stringify(last.input) === JSON.stringify(input);
    if (recorded) {
      this.inputs.length = k - 1;
      this.inputs.push({ at: cursor.moment.time, input });
    }
    return result;
  }

  /** What the page would draw, reduced to what the oracle can say too. */
  drawn() {
    const s = this.store.getState();
    const { rows } = visibleLog(s);
    return { view: s.view, cursor: s.cursor, newest: rows.at(-1) ?? null, rows, state: s };
  }
}

/** How a test wires the page to a worker host and builds fresh engines for the oracle. */
export interface Wiring {
  readonly port: (scheduler: ReturnType<FakeClock['scheduler']>) => Port<ToWorker, FromWorker>;
  readonly fresh: (scenario: string) => OracleEngine;
  /** where a line per action goes, when set */
  readonly log?: (line: string) => void;
}

/** The invariants after one action; returns a description of the first broken one, or null. */
export function check(session: Session, oracle: Oracle): string | null {
  const drawn = session.drawn();
  const { cursor, view } = drawn;
  if (!Number.isInteger(cursor.time)) return `time ${cursor.time} is not a whole number of ns`;
  if (!view) return 'no view';
  if (cursor.moment.inputs > session.inputs.length)
    return `the cursor counts ${cursor.moment.inputs} inputs, the page applied ${session.inputs.length}`;
  const recovery = drawn.state.recovery;
  if (recovery) {
    const held = recovery.inputs.map((r) => JSON.stringify([r.at, r.input]));
    const done = session.inputs
      .slice(recovery.inputsFrom)
      .map((r) => JSON.stringify([r.at, r.input]));
    if (held.join() !== done.join())
      return `the crash-recovery copy holds inputs ${recovery.inputsFrom}+ ${held.join(' ')}, the page applied ${done.join(' ')}`;
  }
  const reference = oracle.at(cursor.moment, session.inputs);
  if (reference.seq !== cursor.seq)
    return `cursor at event ${cursor.seq}, a fresh machine at that moment is at event ${reference.seq}`;
  const a = JSON.stringify(view);
  const b = JSON.stringify(reference.view);
  if (a !== b)
    return `the page's view differs from a fresh machine's at ${cursor.time} ns:\n${firstDifference(view, reference.view)}`;
  const groups = drawn.state.interruptGroups;
  if (JSON.stringify(groups) !== JSON.stringify(groupAll(view.interrupts, view.cpus.length)))
    return 'the topology’s interrupt groups differ from the view’s interrupts';
  for (let i = 1; i < drawn.rows.length; i += 1)
    if (drawn.rows[i].seq <= drawn.rows[i - 1].seq) return 'log rows out of order';
  if (drawn.newest && drawn.newest.seq > cursor.seq)
    return `the log shows event ${drawn.newest.seq} after the cursor (${cursor.seq})`;
  if (cursor.seq >= 0 && drawn.newest?.seq !== cursor.seq)
    return `the newest log row is ${drawn.newest?.seq ?? 'none'}, the cursor ${cursor.seq}`;
  // the timeline's open bars are the PEs' handler stacks, records left out of busy frames or not
  const s = drawn.state;
  {
    const model = timelineModel({
      spans: s.timeline.spans(),
      steps: s.timeline.steps(),
      instants: s.timeline.instants(),
      events: s.events.latest(s.events.capacity),
      peCount: view.cpus.length,
      cursor,
    });
    const open = openAtCursor(model);
    for (const cpu of reference.view.cpus) {
      const bars = open.get(cpu.pe)?.length ?? 0;
      if (bars !== cpu.handlers.length)
        return `PE ${cpu.pe}: the timeline has ${bars} bars open at the cursor, the PE has ${cpu.handlers.length} handlers`;
    }
  }
  return null;
}

function firstDifference(a: unknown, b: unknown, path = 'view'): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: page ${JSON.stringify(a)} vs fresh ${JSON.stringify(b)}`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (d) return d;
  }
  return path;
}

/** Runs a sequence; returns the index of the failing action and why, or null. */
export async function runSequence(
  wiring: Wiring,
  scenario: string,
  actions: readonly Action[],
): Promise<{ readonly index: number; readonly problem: string } | null> {
  const session = new Session(wiring.port);
  let oracle = new Oracle(() => wiring.fresh(scenario));
  await session.connect(scenario);
  const first = check(session, oracle);
  if (first) return { index: -1, problem: first };
  for (const [index, action] of actions.entries()) {
    const t0 = performance.now();
    try {
      const result = await session.run(action);
      // a reset is a fresh start: the oracle starts over too
      if (action.do === 'reset') oracle = new Oracle(() => wiring.fresh(scenario));
      if (result && !result.ok && result.failure === 'invalid')
        return { index, problem: `refused as invalid: ${result.detail}` };
    } catch (error) {
      return { index, problem: `threw: ${error instanceof Error ? error.stack : String(error)}` };
    }
    let problem: string | null;
    try {
      problem = check(session, oracle);
    } catch (error) {
      problem = `the check threw: ${error instanceof Error ? error.stack : String(error)}`;
    }
    wiring.log?.(
      `  ${index} ${JSON.stringify(action)} ${(performance.now() - t0).toFixed(0)} ms → ` +
        `t=${session.store.getState().cursor.time} seq=${session.store.getState().cursor.seq}`,
    );
    if (problem) return { index, problem };
  }
  return null;
}
