import {
  PROTOCOL_VERSION,
  parseToWorker,
  requestId,
  type Failure,
  type FromWorker,
  type InspectionView,
  type MachineInput,
  type Port,
  type ProgressView,
  type RecoveryDelta,
  type RecoveryPoint,
  type Request,
  type ScenarioSource,
  type ToWorker,
} from '../protocol/index.ts';
import { assertNever } from '../lib/index.ts';
import { InputError, NoEffect, type Engine, type EngineFactory } from './engine.ts';
import { formatNs } from './format-ns.ts';
import { History, type HistoryOptions } from './history/history.ts';
import { compareMoments, END, sameMoment, type Moment } from './history/moment.ts';
import {
  goToJob,
  runUntilJob,
  seekJob,
  stepBackJob,
  stepJob,
  type Job,
  type Outcome,
} from './jobs.ts';
import { parseRegisterValue } from './register-value.ts';

/** Wall-clock services, injected so tests can drive playback by hand. */
export interface Scheduler {
  now(): number;
  /** Calls `tick` after about one display frame; returns a cancel function. */
  later(tick: () => void): () => void;
  /** Calls `tick` as soon as the messages already queued have been handled. */
  soon(tick: () => void): () => void;
}

/**
 * Virtual nanoseconds per real millisecond at speed 1×: 10 µs of virtual time per real second,
 * so a 25 µs timer ticks every 2.5 s — slow enough to follow one interrupt's path.
 */
export const NS_PER_MS_AT_1X = 10;
/** Work done between two looks at the message queue: Pause is answered within one frame. */
const SLICE_MS = 8;
/** Steps between two looks at the clock inside a slice. */
const STEPS_PER_CLOCK_READ = 32;
/** Registers, ladder and explainer while busy: a few times a second is all anyone can read. */
const INSPECT_WHILE_BUSY_MS = 500;
/** The log keeps 2000 rows; more per frame would only cost cloning. */
const MAX_EVENTS_PER_FRAME = 250;
/** While playing or running a job the log redraws 4×/s with 100 rows: fewer events per frame. */
const MAX_EVENTS_PER_BUSY_FRAME = 60;
/** The chart draws the newest 150 bars while playing: more new records per frame only cost cloning. */
const MAX_TIMELINE_RECORDS_PER_BUSY_FRAME = 200;
/**
 * While busy, frames come at most 25 times a second, and less often when the page takes long to
 * draw them: the gap is three times the page's recent time from send to ack (a 64-PE storm frame
 * costs the page ~15–30 ms), so drawing frames keeps the page at most a third busy.
 */
const BUSY_FRAME_INTERVAL_MS = 40;
const MAX_BUSY_FRAME_INTERVAL_MS = 250;
const ACK_LATENCY_FACTOR = 3;
/**
 * While busy, the worker waits for the page to draw the frame in flight before its next slice,
 * up to this long (a hidden page draws nothing, and the run must not stop for it). On a machine
 * with two cores the worker at full speed holds one; the page's drawing and V8's background
 * compilers then share the other, and a 10 ms draw took 50–80 ms on the wall clock.
 */
const MAX_WAIT_FOR_DRAW_MS = 100;
/** How often the page's crash-recovery copy gets a fresh checkpoint (a restart replays less). */
const RECOVERY_CHECKPOINT_MS = 3000;

interface Session {
  readonly engine: Engine;
  readonly history: History;
  readonly source: ScenarioSource;
}

interface RunningJob {
  readonly gen: Job;
  readonly kind: ProgressView['kind'];
  readonly label: string;
  readonly target: number | null;
  /** the request to answer when it ends; null for playback-like jobs */
  readonly replyTo: number | null;
  readonly startedAt: number;
  /** events-per-second window */
  rateAt: number;
  rateSeq: number;
  rate: number;
}

class Refused extends Error {
  constructor(
    message: string,
    readonly failure: Failure,
  ) {
    super(message);
  }
}

/** Applies a recorded input to the engine (the same code on first application and on replay). */
function applyInput(engine: Engine, input: MachineInput) {
  switch (input.kind) {
    case 'inject-nmi':
      return engine.injectNmi();
    case 'set-injector-mode':
      return engine.setInjectorMode(input.mode);
    case 'write-register':
      return engine.writeRegister(input.target, parseRegisterValue(input.value));
    case 'read-register':
      return engine.readRegister(input.target);
    default:
      return assertNever(input);
  }
}

/** The farthest a run may aim: 10⁹ s of virtual time (a whole number of ns, exact as a double). */
const MAX_HORIZON_NS = 1e18;
const isWholeNs = (t: number) => Number.isInteger(t) && t >= 0 && t <= MAX_HORIZON_NS;

/**
 * Owns the simulation in the worker: handshake, commands, playback, long operations in slices,
 * step back, and frames — one moment (the cursor) per frame, at most one frame in flight.
 */
export class Host {
  #greeted = false;
  #session: Session | null = null;
  #playing = false;
  #speed = 1;
  /** fraction of a nanosecond carried from one playback tick to the next */
  #carry = 0;
  #lastTick = 0;
  #job: RunningJob | null = null;
  #cancelPump: (() => void) | null = null;
  /** the pending slice waits for the page to draw (see MAX_WAIT_FOR_DRAW_MS) */
  #waitingForDraw = false;
  #focus: { readonly pe: number; readonly intid: number | null } | null = null;
  #frame = 0;
  /** the frame the page has not drawn yet; no other is sent until it has (back-pressure) */
  #unacked: number | null = null;
  #dirty = false;
  #lastInspection = -Infinity;
  #lastFrameAt = -Infinity;
  /** smoothed time from sending a frame to its ack (ms): how long the page takes to draw one */
  #ackLatency = 0;
  /** the newest event the page holds (it may lie after the cursor after a step back) */
  #horizonSeq = -1;
  #forgetAfter: number | null = null;
  // the page's crash-recovery copy
  #recoveryInputsEnd = 0;
  #recoveryResendFrom: number | null = null;
  /** the moment of the checkpoint the page holds (null: the scenario's start) */
  #recoveryCheckpoint: Moment | null = null;
  #recoveryCheckpointAt = -Infinity;

  constructor(
    private readonly port: Port<FromWorker, ToWorker>,
    private readonly factory: EngineFactory,
    private readonly scheduler: Scheduler,
    private readonly historyOptions: HistoryOptions = {},
  ) {
    port.listen((message) => this.receive(message));
  }

  receive(raw: unknown): void {
    const parsed = parseToWorker(raw);
    if (!parsed.ok) {
      const id = requestId(raw);
      const error = `rejected a message: ${parsed.error}`;
      // a request with an id still gets its reply, so that nobody waits for it forever
      if (id !== null && this.#greeted)
        this.#reply(id, { ok: false, detail: error, failure: 'invalid' });
      else this.#send({ type: 'rejected', message: error });
      return;
    }
    const message = parsed.value;
    if (message.type === 'hello') return this.#hello(message.version);
    if (message.type === 'frame-ack') return this.#acked(message.frame);
    if (!this.#greeted) {
      this.#send({ type: 'rejected', message: `"${message.type}" before the handshake` });
      return;
    }
    let outcome: Outcome | null;
    try {
      outcome = this.#handle(message);
    } catch (error) {
      if (error instanceof InputError)
        outcome = { ok: false, detail: error.message, failure: 'invalid' };
      else if (error instanceof NoEffect)
        outcome = { ok: false, detail: error.message, failure: 'no-effect' };
      else if (error instanceof Refused)
        outcome = { ok: false, detail: error.message, failure: error.failure };
      else throw error;
    }
    // a job answers when it ends; everything else now, after a frame with its effects
    if (outcome) this.#reply(message.id, outcome);
  }

  #hello(version: number): void {
    if (version !== PROTOCOL_VERSION) {
      this.#send({
        type: 'incompatible',
        version: PROTOCOL_VERSION,
        message:
          `This page speaks gicscope protocol ${version} but its worker speaks ${PROTOCOL_VERSION}: ` +
          'the page and the worker come from different builds. Reload the page.',
      });
      return;
    }
    this.#greeted = true;
    this.#send({ type: 'welcome', version: PROTOCOL_VERSION, builtins: this.factory.builtins() });
  }

  /** Handles one request; returns its outcome, or null when a job will answer it. */
  #handle(message: Request): Outcome | null {
    switch (message.type) {
      case 'load-scenario':
        this.#stopAll('a new scenario was loaded');
        return this.#load(message.source);
      case 'resume':
        this.#stopAll('the session was resumed');
        return this.#resume(message.id, message.point);
      case 'crash':
        this.scheduler.later(() => {
          throw new Error('crash requested by the test hook');
        });
        return { ok: true, detail: 'crashing' };
      case 'set-speed':
        return this.#setSpeed(message.speed);
      default:
        break;
    }
    const session = this.#session;
    if (!session)
      throw new Refused(`"${message.type}" needs a scenario: load one first`, 'no-effect');
    const { history, engine } = session;
    switch (message.type) {
      case 'play':
        return this.#play(engine, history);
      case 'pause':
        return this.#pause();
      case 'step': {
        const count = this.#count(message.count, 'step');
        this.#stopAll(message.unit === 'event' ? 'Step' : 'Step to next interrupt');
        return this.#startJob(message.id, {
          gen: stepJob(history, count, message.unit),
          kind: message.unit === 'event' ? 'step' : 'step-to-interrupt',
          label: message.unit === 'event' ? 'Stepping' : 'Looking for the next acknowledge',
          target: null,
        });
      }
      case 'step-back': {
        const count = this.#count(message.count, 'step back');
        this.#stopAll('Step back');
        if (!history.canStepBack) throw new NoEffect('nothing to step back to');
        return this.#startJob(message.id, {
          gen: stepBackJob(history, count),
          kind: 'step-back',
          label: 'Stepping back',
          target: null,
        });
      }
      case 'seek': {
        if (!Number.isSafeInteger(message.eventSeq) || message.eventSeq < -1)
          throw new InputError(`an event number is a whole number ≥ -1, got ${message.eventSeq}`);
        this.#stopAll('a seek');
        return this.#startJob(message.id, {
          gen: seekJob(history, message.eventSeq, () => engine.eventSeq()),
          kind: 'seek',
          label: `Seeking event ${message.eventSeq}`,
          target: null,
        });
      }
      case 'run-until': {
        const time = message.time;
        if (!isWholeNs(time))
          throw new InputError(
            `a time is a whole number of nanoseconds from 0 to 1e18 (10⁹ s), got ${time}`,
          );
        const now = Math.max(0, history.cursor.time);
        if (time < now)
          throw new NoEffect(
            `${formatNs(time)} is in the past: the machine is at ${formatNs(now)} (step back or seek to go back)`,
          );
        if (time === history.cursor.time) throw new NoEffect(`already at ${formatNs(time)}`);
        this.#stopAll('Run until');
        return this.#startJob(message.id, {
          gen: runUntilJob(history, time),
          kind: 'run-until',
          label: `Running until ${formatNs(time)}`,
          target: time,
        });
      }
      case 'reset':
        this.#stopAll('Reset');
        return this.#load(session.source);
      case 'inject-nmi':
        return this.#input(session, { kind: 'inject-nmi' });
      case 'set-injector-mode':
        return this.#input(session, { kind: 'set-injector-mode', mode: message.mode });
      case 'read-register':
        return this.#input(session, { kind: 'read-register', target: message.target });
      case 'write-register':
        return this.#input(session, {
          kind: 'write-register',
          target: message.target,
          value: message.value,
        });
      case 'inspect':
        if (!Number.isSafeInteger(message.pe) || message.pe < 0 || message.pe >= engine.peCount)
          throw new InputError(`there is no PE ${message.pe} (this machine has ${engine.peCount})`);
        this.#focus = { pe: message.pe, intid: message.intid };
        this.#lastInspection = -Infinity;
        return { ok: true, detail: `inspecting PE ${message.pe}` };
      case 'open-trace':
      case 'cancel':
      case 'export':
        // long, asynchronous requests: share/service.ts answers them before they reach the host
        throw new InputError(`"${message.type}" is not served by this worker`);
      default:
        return assertNever(message);
    }
  }

  #count(count: number, what: string): number {
    if (!Number.isSafeInteger(count) || count < 1)
      throw new InputError(`${what}: the count is a whole number ≥ 1, got ${count}`);
    return count;
  }

  #setSpeed(speed: number): Outcome {
    if (!(speed > 0) || Number.isNaN(speed))
      throw new InputError(`speed must be a number > 0 (Infinity for max), got ${speed}`);
    if (speed === this.#speed) throw new NoEffect(`the speed is already ${speed}`);
    this.#speed = speed;
    this.#carry = 0;
    if (this.#playing) this.#schedule();
    return { ok: true, detail: `speed ${Number.isFinite(speed) ? `${speed}×` : 'max'}` };
  }

  #input(session: Session, input: MachineInput): Outcome {
    // an input lands at the cursor: a long operation stops first, playback goes on
    this.#stopJob(input.kind === 'inject-nmi' ? 'Inject NMI' : 'a register access');
    const { history, engine } = session;
    const seqBefore = engine.eventSeq();
    // the page may hold records after the cursor even when no event after it was sent: a frame
    // after a step back can carry timeline records the engine produced before it went back
    const hadFuture = history.futureInputs > 0 || history.futureEvents(seqBefore);
    const { detail, effect, recorded } = history.apply(input);
    if (recorded && (hadFuture || this.#horizonSeq > seqBefore)) {
      // the recorded future after the cursor is void: the page forgets what it held of it
      this.#forgetAfter = seqBefore;
      this.#horizonSeq = seqBefore;
      this.#recoveryResendFrom = Math.min(
        this.#recoveryResendFrom ?? Infinity,
        history.cursor.inputs - 1,
      );
    }
    return effect ? { ok: true, detail } : { ok: false, detail, failure: 'no-effect' };
  }

  #load(source: ScenarioSource): Outcome {
    const engine = this.factory.load(source);
    const history = new History(engine, applyInput, this.historyOptions);
    this.#begin({ engine, history, source }, false);
    return { ok: true, detail: `loaded ${engine.scenario.id}` };
  }

  #resume(id: number, point: RecoveryPoint): Outcome | null {
    const engine = this.factory.load(point.source);
    let history: History;
    try {
      history = new History(engine, applyInput, this.historyOptions, {
        checkpoint: point.checkpoint ?? {
          moment: { time: -1, inputs: 0 },
          seq: -1,
          snapshot: engine.snapshotText(engine.snapshot()),
        },
        inputs: point.inputs,
      });
    } catch (error) {
      this.#load(point.source);
      throw new InputError(
        `could not restore the session (${error instanceof Error ? error.message : String(error)}); ` +
          'the scenario was loaded from its start',
      );
    }
    if (point.speed > 0) this.#speed = point.speed;
    this.#begin({ engine, history, source: point.source }, true);
    const target = point.cursor;
    const gen = (function* (): Job {
      yield* goToJob(history, target);
      if (!sameMoment(history.cursor, target))
        return {
          ok: false,
          detail: 'the recorded moment could not be reached',
          failure: 'no-effect',
        };
      return {
        ok: true,
        detail: `restored ${engine.scenario.id} at ${formatNs(Math.max(0, target.time))} (event ${engine.eventSeq()})`,
      };
    })();
    return this.#startJob(id, {
      gen,
      kind: 'resume',
      label: 'Restoring the session',
      target: target.time,
    });
  }

  #begin(session: Session, resumed: boolean): void {
    this.#session = session;
    this.#unacked = null;
    this.#dirty = false;
    this.#forgetAfter = null;
    const { engine, history } = session;
    if (this.#focus && this.#focus.pe >= engine.peCount) this.#focus = null;
    this.#horizonSeq = resumed ? Infinity : engine.eventSeq();
    engine.drainEvents(0);
    engine.drainTimeline();
    this.#recoveryInputsEnd = history.inputCount;
    this.#recoveryResendFrom = resumed ? null : 0;
    this.#recoveryCheckpoint = resumed ? history.checkpoints.oldest.moment : null;
    this.#recoveryCheckpointAt = resumed ? this.scheduler.now() : -Infinity;
    this.#send({
      type: 'loaded',
      scenario: engine.scenario,
      source: session.source,
      view: engine.view(),
      cursor: this.#cursorView(session),
      resumed,
    });
  }

  #play(engine: Engine, history: History): Outcome {
    if (this.#playing) throw new NoEffect('already playing');
    this.#stopJob('Play');
    if (engine.nextEventTime() === null && history.futureInputs === 0)
      throw new NoEffect('nothing left to play: the machine has nothing scheduled');
    this.#playing = true;
    this.#lastTick = this.scheduler.now();
    this.#carry = 0;
    this.#schedule();
    return { ok: true, detail: 'playing' };
  }

  #pause(): Outcome {
    const job = this.#job;
    if (!this.#playing && !job) throw new NoEffect('not playing: nothing to pause');
    this.#stopAll('Pause');
    const at = formatNs(Math.max(0, this.#session?.history.cursor.time ?? 0));
    return {
      ok: true,
      detail: job ? `stopped ${job.label.toLowerCase()} at ${at}` : `paused at ${at}`,
    };
  }

  /** Stops playback and any job (its request is answered as interrupted by `by`). */
  #stopAll(by: string): void {
    this.#playing = false;
    this.#stopJob(by);
    this.#cancelPump?.();
    this.#cancelPump = null;
  }

  #stopJob(by: string): void {
    const job = this.#job;
    if (!job) return;
    this.#job = null;
    job.gen.return({ ok: false, detail: '', failure: 'interrupted' });
    const at = formatNs(Math.max(0, this.#session?.history.cursor.time ?? 0));
    if (job.replyTo !== null)
      this.#reply(job.replyTo, {
        ok: false,
        detail: `${job.label} was stopped by ${by} at ${at}${job.target !== null ? ` (before ${formatNs(job.target)})` : ''}`,
        failure: 'interrupted',
      });
  }

  #startJob(
    replyTo: number,
    spec: Pick<RunningJob, 'gen' | 'kind' | 'label' | 'target'>,
  ): Outcome | null {
    const now = this.scheduler.now();
    const seq = this.#session?.engine.eventSeq() ?? -1;
    this.#job = { ...spec, replyTo, startedAt: now, rateAt: now, rateSeq: seq, rate: 0 };
    // a short job ends within its first slice and answers at once
    return this.#runJobSlice();
  }

  /** Runs the job for one slice; returns its outcome when it ended (and clears it). */
  #runJobSlice(): Outcome | null {
    const job = this.#job;
    if (!job) return null;
    const deadline = this.scheduler.now() + SLICE_MS;
    for (let steps = 1; ; steps += 1) {
      const next = job.gen.next();
      if (next.done) {
        this.#job = null;
        return next.value;
      }
      if (steps % STEPS_PER_CLOCK_READ === 0 && this.scheduler.now() >= deadline) break;
    }
    this.#schedule();
    return null;
  }

  /** Plays for one tick: up to the virtual time the speed allows, within one slice. */
  #playSlice(session: Session): void {
    const { engine, history } = session;
    const now = this.scheduler.now();
    const elapsed = Math.min(now - this.#lastTick, 100);
    this.#lastTick = now;
    const deadline = now + SLICE_MS;
    const timeUp = (steps: number) =>
      steps % STEPS_PER_CLOCK_READ === 0 && this.scheduler.now() >= deadline;
    if (Number.isFinite(this.#speed)) {
      const exact = elapsed * this.#speed * NS_PER_MS_AT_1X + this.#carry;
      const advance = Math.floor(exact);
      this.#carry = exact - advance;
      const target = Math.max(0, history.cursor.time) + advance;
      const bound = { time: target, inputs: Infinity };
      let reached = false;
      for (let steps = 1; ; steps += 1) {
        if (!history.forward(bound)) {
          reached = true;
          break;
        }
        if (timeUp(steps)) break;
      }
      if (reached && engine.nextEventTime() !== null) history.idleTo(target);
    } else {
      for (let steps = 1; history.forward(END); steps += 1) if (timeUp(steps)) break;
    }
    if (engine.nextEventTime() === null && history.futureInputs === 0) this.#playing = false;
  }

  #schedule(): void {
    if (this.#cancelPump) return;
    const busy = this.#job !== null || (this.#playing && !Number.isFinite(this.#speed));
    if (!busy && !this.#playing) return;
    const tick = () => {
      this.#cancelPump = null;
      // the frame of the previous slice goes out after this tick was scheduled: look now
      this.#waitingForDraw = busy && this.#pageIsDrawing();
      if (this.#waitingForDraw) this.#cancelPump = this.scheduler.later(tick);
      else this.#pump();
    };
    this.#cancelPump = busy ? this.scheduler.soon(tick) : this.scheduler.later(tick);
  }

  /** A frame is in flight, sent recently enough that the page is still drawing it. */
  #pageIsDrawing(): boolean {
    return (
      this.#unacked !== null && this.scheduler.now() - this.#lastFrameAt < MAX_WAIT_FOR_DRAW_MS
    );
  }

  #pump(): void {
    const session = this.#session;
    if (!session) return;
    if (this.#job) {
      const replyTo = this.#job.replyTo;
      const outcome = this.#runJobSlice();
      if (outcome && replyTo !== null) return this.#reply(replyTo, outcome);
    } else if (this.#playing) {
      this.#playSlice(session);
      if (!this.#playing) return this.#flush(true);
      this.#schedule();
    }
    this.#flush();
  }

  #reply(id: number, outcome: Outcome): void {
    // the frame goes first, so that a page waiting for the reply already holds its effects
    this.#flush(true);
    this.#send(
      outcome.ok
        ? { type: 'reply', id, ok: true, detail: outcome.detail }
        : { type: 'reply', id, ok: false, error: outcome.detail, failure: outcome.failure },
    );
  }

  /** During playback and jobs the inspection (registers, ladder, explainer) is rebuilt a few times a second. */
  #inspection(engine: Engine, force: boolean): InspectionView | null {
    if (!this.#focus) return null;
    const now = this.scheduler.now();
    const busy = this.#playing || this.#job !== null;
    if (busy && !force && now - this.#lastInspection < INSPECT_WHILE_BUSY_MS) return null;
    this.#lastInspection = now;
    return engine.inspect(this.#focus.pe, this.#focus.intid);
  }

  #acked(frame: number): void {
    if (frame !== this.#unacked) return;
    this.#unacked = null;
    const latency = this.scheduler.now() - this.#lastFrameAt;
    this.#ackLatency = this.#ackLatency * 0.8 + latency * 0.2;
    if (this.#dirty) this.#flush();
    if (this.#waitingForDraw && this.#unacked === null) {
      // the page has drawn: the next slice runs now instead of at the end of the wait
      this.#cancelPump?.();
      this.#cancelPump = null;
      this.#waitingForDraw = false;
      this.#schedule();
    }
  }

  #progress(engine: Engine): ProgressView | null {
    const job = this.#job;
    const maxPlay = this.#playing && !Number.isFinite(this.#speed);
    if (!job && !maxPlay) return null;
    const now = this.scheduler.now();
    const seq = engine.eventSeq();
    if (job && now - job.rateAt >= 1000) {
      job.rate = ((seq - job.rateSeq) * 1000) / (now - job.rateAt);
      job.rateAt = now;
      job.rateSeq = seq;
    }
    return {
      kind: job?.kind ?? 'play',
      label: job?.label ?? 'Playing at max speed',
      target: job?.target ?? null,
      time: Math.max(0, engine.time()),
      eventsPerSecond: Math.round(job ? job.rate : 0),
      elapsedMs: job ? Math.round(now - job.startedAt) : 0,
    };
  }

  #cursorView(session: Session) {
    const { history, engine } = session;
    return {
      seq: engine.eventSeq(),
      time: Math.max(0, history.cursor.time),
      moment: history.cursor,
    };
  }

  /** What the page's crash-recovery copy lacks: new inputs, now and then a checkpoint. */
  #recovery(session: Session): RecoveryDelta | null {
    const { history } = session;
    const now = this.scheduler.now();
    const checkpoints = history.checkpoints;
    const candidate = checkpoints.at(checkpoints.indexAtOrBefore(history.cursor));
    // the page's checkpoint must lie at or before the cursor (after a step back it may not)
    const stale =
      this.#recoveryCheckpoint !== null &&
      compareMoments(this.#recoveryCheckpoint, history.cursor) > 0;
    const ship =
      candidate.moment !== this.#recoveryCheckpoint &&
      (stale || now - this.#recoveryCheckpointAt >= RECOVERY_CHECKPOINT_MS);
    let from = Math.min(this.#recoveryResendFrom ?? this.#recoveryInputsEnd, history.inputCount);
    if (ship) from = candidate.moment.inputs;
    if (!ship && from === history.inputCount && this.#recoveryResendFrom === null) return null;
    this.#recoveryResendFrom = null;
    this.#recoveryInputsEnd = history.inputCount;
    if (ship) {
      this.#recoveryCheckpoint = candidate.moment;
      this.#recoveryCheckpointAt = now;
    }
    return {
      checkpoint: ship
        ? {
            moment: candidate.moment,
            seq: candidate.seq,
            snapshot: session.engine.snapshotText(candidate.snapshot),
          }
        : null,
      inputsFrom: from,
      inputs: history.inputsFrom(from),
    };
  }

  /**
   * One frame with everything that changed since the previous one, all at the cursor. Unless
   * forced (a command's effects, the end of playback) it waits while the page has not drawn the
   * previous frame.
   */
  #flush(force = false): void {
    const session = this.#session;
    if (!session) return;
    const busy = this.#playing || this.#job !== null;
    const now = this.scheduler.now();
    if (
      !force &&
      (this.#unacked !== null || (busy && now - this.#lastFrameAt < this.#busyFrameInterval()))
    ) {
      this.#dirty = true;
      return;
    }
    this.#lastFrameAt = now;
    const { engine, history } = session;
    // a frame sent early for a reply during playback (Inject NMI) is still a busy frame: carrying
    // every pending record made it the storm's heaviest message, for a page that draws the newest
    const { events, skipped } = engine.drainEvents(
      busy ? MAX_EVENTS_PER_BUSY_FRAME : MAX_EVENTS_PER_FRAME,
    );
    const last = events.at(-1);
    // after a resume the horizon is unknown (Infinity) until the next input rewrites it
    if (last && last.seq > this.#horizonSeq) this.#horizonSeq = last.seq;
    this.#frame += 1;
    this.#unacked = this.#frame;
    this.#dirty = false;
    this.#send({
      type: 'frame',
      frame: this.#frame,
      cursor: this.#cursorView(session),
      diff: engine.diff(),
      eventsSkipped: skipped,
      events,
      timeline: engine.drainTimeline(busy ? MAX_TIMELINE_RECORDS_PER_BUSY_FRAME : undefined),
      forgetAfter: this.#forgetAfter,
      playing: this.#playing,
      progress: this.#progress(engine),
      canStepBack: history.canStepBack,
      inspection: this.#inspection(engine, force),
      recovery: this.#recovery(session),
    });
    this.#forgetAfter = null;
  }

  #busyFrameInterval(): number {
    return Math.min(
      MAX_BUSY_FRAME_INTERVAL_MS,
      Math.max(BUSY_FRAME_INTERVAL_MS, this.#ackLatency * ACK_LATENCY_FACTOR),
    );
  }

  #send(message: FromWorker): void {
    this.port.send(message);
  }
}
