import {
  PROTOCOL_VERSION,
  parseToWorker,
  type FromWorker,
  type InspectionView,
  type Port,
  type Request,
  type ScenarioSource,
  type ToWorker,
} from '../protocol/index.ts';
import { assertNever } from '../lib/index.ts';
import { InputError, type Engine, type EngineFactory } from './engine.ts';
import { History } from './history.ts';
import { parseRegisterValue } from './register-value.ts';

/** Wall-clock services, injected so tests can drive playback by hand. */
export interface Scheduler {
  now(): number;
  /** Calls `tick` after about one display frame; returns a cancel function. */
  later(tick: () => void): () => void;
}

/**
 * Virtual nanoseconds per real millisecond at speed 1×: 10 µs of virtual time per real second,
 * so a 25 µs timer ticks every 2.5 s — slow enough to follow one interrupt's path.
 */
export const NS_PER_MS_AT_1X = 10;
/** Time budget of one playback tick when running as fast as possible. */
const MAX_SPEED_BUDGET_MS = 10;
const MAX_STEPS_PER_COMMAND = 1_000_000;
const INSPECT_WHILE_PLAYING_MS = 250;
/** The log keeps 2000 rows; more per frame would only cost cloning. */
const MAX_EVENTS_PER_FRAME = 250;

interface Session {
  readonly engine: Engine;
  readonly history: History;
  readonly source: ScenarioSource;
}

/**
 * Owns the simulation in the worker: handshake, commands, playback, step back, and frames
 * (diffs + events, at most one per tick).
 */
export class Host {
  #greeted = false;
  #session: Session | null = null;
  #playing = false;
  #speed = 1;
  #cancelTick: (() => void) | null = null;
  #lastTick = 0;
  #focus: { readonly pe: number; readonly intid: number | null } | null = null;
  #frame = 0;
  /** the frame the page has not drawn yet; no other is sent until it has (back-pressure) */
  #unacked: number | null = null;
  #dirty = false;
  #lastInspection = -Infinity;
  /** after a step back the page drops log rows newer than this */
  #rewoundTo: number | null = null;

  constructor(
    private readonly port: Port<FromWorker, ToWorker>,
    private readonly factory: EngineFactory,
    private readonly scheduler: Scheduler,
  ) {
    port.listen((message) => this.receive(message));
  }

  receive(raw: unknown): void {
    const parsed = parseToWorker(raw);
    if (!parsed.ok) {
      this.#send({ type: 'rejected', message: `rejected a message: ${parsed.error}` });
      return;
    }
    const message = parsed.value;
    if (message.type === 'hello') return this.#hello(message.version);
    if (message.type === 'frame-ack') return this.#acked(message.frame);
    if (!this.#greeted) {
      this.#send({ type: 'rejected', message: `"${message.type}" before the handshake` });
      return;
    }
    // the frame goes first, so that a page waiting for the reply already holds its effects
    try {
      const detail = this.#handle(message);
      this.#flush(true);
      this.#send({ type: 'reply', id: message.id, ok: true, detail });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.#flush(true);
      this.#send({ type: 'reply', id: message.id, ok: false, error: error.message });
    }
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

  #handle(message: Request): string {
    switch (message.type) {
      case 'load-scenario':
        return this.#load(message.source);
      case 'crash':
        this.scheduler.later(() => {
          throw new Error('crash requested by the test hook');
        });
        return 'crashing';
      case 'set-speed':
        if (!(message.speed > 0)) throw new InputError(`speed must be > 0, got ${message.speed}`);
        this.#speed = message.speed;
        return `speed ${message.speed}`;
      default:
        break;
    }
    const session = this.#session;
    if (!session) throw new InputError(`"${message.type}" needs a scenario: load one first`);
    const { history, engine } = session;
    switch (message.type) {
      case 'play':
        this.#setPlaying(true);
        return 'playing';
      case 'pause':
        this.#setPlaying(false);
        return 'paused';
      case 'step':
        this.#setPlaying(false);
        return this.#step(history, engine, message.count, message.unit);
      case 'step-back': {
        this.#setPlaying(false);
        history.back(Math.max(1, message.count));
        this.#rewoundTo = engine.eventSeq();
        return `at action ${history.position}`;
      }
      case 'seek':
        return this.#seek(history, engine, message.eventSeq);
      case 'run-until':
        this.#setPlaying(false);
        return this.#runUntil(history, engine, message.time);
      case 'reset':
        this.#setPlaying(false);
        return this.#load(session.source);
      case 'inject-nmi':
        return history.apply({ kind: 'inject-nmi' });
      case 'set-injector-mode':
        return history.apply({ kind: 'set-injector-mode', mode: message.mode });
      case 'read-register':
        return history.apply({ kind: 'read-register', target: message.target });
      case 'inspect':
        if (message.pe < 0 || message.pe >= engine.peCount)
          throw new InputError(`there is no PE ${message.pe}`);
        this.#focus = { pe: message.pe, intid: message.intid };
        return `inspecting PE ${message.pe}`;
      case 'write-register':
        return history.apply({
          kind: 'write-register',
          target: message.target,
          value: parseRegisterValue(message.value),
        });
      case 'open-trace':
      case 'cancel':
      case 'export':
        // long, asynchronous requests: share/service.ts answers them before they reach the host
        throw new InputError(`"${message.type}" is not served by this worker`);
      default:
        return assertNever(message);
    }
  }

  #load(source: ScenarioSource): string {
    const engine = this.factory.load(source);
    this.#setPlaying(false);
    this.#unacked = null;
    this.#session = { engine, history: new History(engine), source };
    if (this.#focus && this.#focus.pe >= engine.peCount) this.#focus = null;
    this.#rewoundTo = null;
    engine.drainEvents(0);
    this.#send({
      type: 'loaded',
      scenario: engine.scenario,
      view: engine.view(),
      eventSeq: engine.eventSeq(),
    });
    return `loaded ${engine.scenario.id}`;
  }

  #step(history: History, engine: Engine, count: number, unit: 'event' | 'acknowledge'): string {
    let taken = 0;
    let found = 0;
    while (found < count && taken < MAX_STEPS_PER_COMMAND) {
      if (!history.step()) break;
      taken += 1;
      if (unit === 'event' || engine.lastStepAcknowledged()) found += 1;
    }
    return `${taken} step(s)`;
  }

  #runUntil(history: History, engine: Engine, time: number): string {
    let taken = 0;
    while (taken < MAX_STEPS_PER_COMMAND) {
      const next = engine.nextEventTime();
      if (next === null || next > time) break;
      if (!history.stepUntil(time)) break;
      taken += 1;
    }
    if (engine.time() < time) history.apply({ kind: 'advance', time });
    return `${taken} step(s), now at ${engine.time()} ns`;
  }

  /** Moves to the state right after the event numbered `eventSeq` (either direction). */
  #seek(history: History, engine: Engine, eventSeq: number): string {
    this.#setPlaying(false);
    if (eventSeq < engine.eventSeq()) {
      history.rewindTo(history.positionAfterEvent(eventSeq));
      this.#rewoundTo = engine.eventSeq();
    }
    let taken = 0;
    while (engine.eventSeq() < eventSeq && taken < MAX_STEPS_PER_COMMAND && history.step())
      taken += 1;
    return `at event ${engine.eventSeq()}`;
  }

  #setPlaying(playing: boolean): void {
    if (playing === this.#playing) return;
    this.#playing = playing;
    this.#cancelTick?.();
    this.#cancelTick = null;
    if (playing) {
      this.#lastTick = this.scheduler.now();
      this.#cancelTick = this.scheduler.later(() => this.#tick());
    }
  }

  #tick(): void {
    this.#cancelTick = null;
    const session = this.#session;
    if (!this.#playing || !session) return;
    const now = this.scheduler.now();
    const elapsed = Math.min(now - this.#lastTick, 100);
    this.#lastTick = now;
    const { engine, history } = session;
    if (Number.isFinite(this.#speed)) {
      const until = engine.time() + elapsed * this.#speed * NS_PER_MS_AT_1X;
      while (true) {
        const next = engine.nextEventTime();
        if (next === null || next > until) break;
        if (!history.stepUntil(until)) break;
      }
      if (engine.nextEventTime() !== null && engine.time() < until) {
        history.apply({ kind: 'advance', time: until });
      }
    } else {
      const start = this.scheduler.now();
      while (this.scheduler.now() - start < MAX_SPEED_BUDGET_MS && history.step());
    }
    const stopped = engine.nextEventTime() === null;
    if (stopped) this.#playing = false;
    this.#flush(stopped);
    if (this.#playing) this.#cancelTick = this.scheduler.later(() => this.#tick());
  }

  /** During playback the inspection (registers, ladder, explainer) is rebuilt a few times a second. */
  #inspection(engine: Engine, force: boolean): InspectionView | null {
    if (!this.#focus) return null;
    const now = this.scheduler.now();
    if (this.#playing && !force && now - this.#lastInspection < INSPECT_WHILE_PLAYING_MS)
      return null;
    this.#lastInspection = now;
    return engine.inspect(this.#focus.pe, this.#focus.intid);
  }

  #acked(frame: number): void {
    if (frame !== this.#unacked) return;
    this.#unacked = null;
    if (this.#dirty) this.#flush();
  }

  /**
   * One frame with everything that changed since the previous one. Unless forced (a command's
   * effects, the end of playback) it waits while the page has not drawn the previous frame.
   */
  #flush(force = false): void {
    const session = this.#session;
    if (!session) return;
    if (!force && this.#unacked !== null) {
      this.#dirty = true;
      return;
    }
    const { engine, history } = session;
    const { events, skipped } = engine.drainEvents(MAX_EVENTS_PER_FRAME);
    this.#frame += 1;
    this.#unacked = this.#frame;
    this.#dirty = false;
    this.#send({
      type: 'frame',
      frame: this.#frame,
      diff: engine.diff(),
      eventsSkipped: skipped,
      events,
      playing: this.#playing,
      canStepBack: history.canStepBack,
      rewoundTo: this.#rewoundTo,
      inspection: this.#inspection(engine, force),
    });
    this.#rewoundTo = null;
  }

  #send(message: FromWorker): void {
    this.port.send(message);
  }
}
