import { assertNever } from '../../lib/index.ts';
import {
  PROTOCOL_VERSION,
  type Failure,
  type ExportFormat,
  type ExportedFile,
  type FromWorker,
  type InjectorMode,
  type Port,
  type RegisterTarget,
  type Request,
  type ScenarioSource,
  type StepUnit,
  type ToWorker,
} from '../../protocol/index.ts';
import { recoveryPoint, type GicStore } from '../store/index.ts';
import { formatTime } from '../format.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Command = DistributiveOmit<Request, 'id'>;

export interface CommandResult {
  readonly ok: boolean;
  readonly detail: string;
  /** why it did not do what was asked (only when ok is false) */
  readonly failure?: Failure | 'disconnected';
}

/** How far a long request has come. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

const HALF_FRAME_MS = 8;

/** Makes a fresh port to a fresh worker (the app: a new Worker; tests: an in-memory host). */
export type PortFactory = () => Port<ToWorker, FromWorker>;

/**
 * The only UI module that speaks the protocol: handshake, commands with replies, frames into the
 * store, and `whenIdle()` for tests (no command in flight, not playing).
 */
export class GicClient {
  #port: Port<ToWorker, FromWorker> | null = null;
  #unlisten: (() => void)[] = [];
  #nextId = 1;
  readonly #pending = new Map<
    number,
    { readonly type: Command['type']; readonly resolve: (result: CommandResult) => void }
  >();
  /** progress listeners and exported files of long requests, by request id */
  readonly #progress = new Map<number, (progress: Progress) => void>();
  readonly #exported = new Map<number, readonly ExportedFile[]>();
  #idleWaiters: (() => void)[] = [];
  #ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: GicStore,
    private readonly makePort: PortFactory,
  ) {}

  /**
   * Opens the worker and says hello; resolves when it welcomed us (or refused) and `afterWelcome`
   * (the initial scenario load) is done, so `whenIdle()` covers start-up too.
   */
  connect(afterWelcome?: () => Promise<unknown>): Promise<void> {
    this.#disconnect();
    this.store.getState().reconnecting();
    const port = this.makePort();
    this.#port = port;
    this.#ready = new Promise<void>((resolve) => {
      this.#unlisten.push(
        port.listen((message) => {
          this.#receive(message);
          // settled either way: the page hands over from the shipped opening when this resolves
          if (message.type === 'welcome' && afterWelcome) void afterWelcome().finally(resolve);
          else if (message.type === 'welcome' || message.type === 'incompatible') resolve();
        }),
        port.onFailure((reason) => {
          this.#fail(`The simulation worker stopped: ${reason}`);
          resolve();
        }),
      );
    });
    port.send({ type: 'hello', version: PROTOCOL_VERSION });
    return this.#ready;
  }

  /**
   * The error banner's "Restart": a new worker, brought back to the same moment of the same
   * scenario (built-in or loaded JSON) with the same inputs, speed and NMI mode, from the copy
   * the page keeps; the log, timeline and selection stay on the page. Says what it did.
   */
  async restart(): Promise<CommandResult> {
    const { recovery, cursor, speed } = this.store.getState();
    let outcome: CommandResult = { ok: true, detail: 'restarted with no scenario loaded' };
    await this.connect(async () => {
      if (!recovery) return;
      outcome = await this.send({ type: 'resume', point: recoveryPoint(recovery, cursor, speed) });
      if (!outcome.ok) return;
      const state = this.store.getState();
      const what = recovery.source.kind === 'json' ? 'the loaded scenario' : 'scenario';
      state.notify(
        `The simulation worker was restarted and the session restored: ${what} ` +
          `${state.scenario?.id ?? ''} at ${formatTime(state.cursor.time)} (event ${state.cursor.seq}), ` +
          'with its inputs, speed and NMI mode; the log and selection were kept.',
      );
    });
    return outcome;
  }

  send(command: Command): Promise<CommandResult> {
    return this.#track(command).done;
  }

  /** Sends a command and returns its id at once (to cancel it) and its reply to come. */
  #track(
    command: Command,
    onProgress?: (progress: Progress) => void,
  ): { readonly id: number; readonly done: Promise<CommandResult> } {
    const port = this.#port;
    const id = this.#nextId++;
    if (!port || this.store.getState().status !== 'ready')
      return {
        id,
        done: Promise.resolve({
          ok: false,
          detail: 'not connected to the simulation worker',
          failure: 'disconnected',
        }),
      };
    if (onProgress) this.#progress.set(id, onProgress);
    const done = new Promise<CommandResult>((resolve) => {
      this.#pending.set(id, { type: command.type, resolve });
      port.send({ ...command, id });
    });
    return { id, done: done.finally(() => this.#progress.delete(id)) };
  }

  /**
   * Opens a QEMU trace log (text or gzip bytes) in the worker, which decompresses, parses and
   * replays it in slices, telling `onProgress` how far it got; then it is loaded like a scenario.
   */
  openTrace(name: string, data: ArrayBuffer, onProgress?: (progress: Progress) => void) {
    return this.#track({ type: 'open-trace', name, data }, onProgress);
  }

  /** Stops a long request (an open-trace); its reply then says it was cancelled. */
  cancel(request: number) {
    return this.send({ type: 'cancel', request });
  }

  /** The loaded scenario's whole run (or the whole trace) as Perfetto JSON or VCD files. */
  async exportAs(
    format: ExportFormat,
  ): Promise<CommandResult & { readonly files: readonly ExportedFile[] }> {
    const { id, done } = this.#track({ type: 'export', format });
    const result = await done;
    const files = this.#exported.get(id) ?? [];
    this.#exported.delete(id);
    return { ...result, files };
  }

  loadScenario(source: ScenarioSource) {
    return this.send({ type: 'load-scenario', source });
  }
  play() {
    return this.send({ type: 'play' });
  }
  pause() {
    return this.send({ type: 'pause' });
  }
  step(count = 1, unit: StepUnit = 'event') {
    return this.send({ type: 'step', count, unit });
  }
  stepBack(count = 1) {
    return this.send({ type: 'step-back', count });
  }
  runUntil(time: number) {
    return this.send({ type: 'run-until', time });
  }
  reset() {
    return this.send({ type: 'reset' });
  }
  injectNmi() {
    return this.send({ type: 'inject-nmi' });
  }
  setInjectorMode(mode: InjectorMode) {
    return this.send({ type: 'set-injector-mode', mode });
  }
  async setSpeed(speed: number): Promise<CommandResult> {
    const before = this.store.getState().speed;
    this.store.getState().setSpeed(speed);
    const result = await this.send({ type: 'set-speed', speed });
    if (!result.ok && result.failure !== 'no-effect') this.store.getState().setSpeed(before);
    return result;
  }
  writeRegister(target: RegisterTarget, value: string) {
    return this.send({ type: 'write-register', target, value });
  }
  /** Sets what the register panels, ladder and explainer look at; frames then carry it. */
  inspect(pe: number, intid: number | null) {
    return this.send({ type: 'inspect', pe, intid });
  }
  /** A read with side effects, on purpose (ICC_IAR1_EL1 acknowledges). */
  readRegister(target: RegisterTarget) {
    return this.send({ type: 'read-register', target });
  }
  /** Moves to the state right after event `eventSeq`, either direction. */
  seek(eventSeq: number) {
    return this.send({ type: 'seek', eventSeq });
  }
  crashForTest() {
    return this.send({ type: 'crash' });
  }

  /** Resolves once the handshake is done, no command is in flight and playback is paused. */
  whenIdle(): Promise<void> {
    return this.#ready.then(
      () =>
        new Promise<void>((resolve) => {
          if (this.#isIdle()) resolve();
          else this.#idleWaiters.push(resolve);
        }),
    );
  }

  #isIdle(): boolean {
    const { status, playing } = this.store.getState();
    if (status !== 'ready') return status !== 'connecting';
    return this.#pending.size === 0 && !playing;
  }

  #settle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #receive(message: FromWorker): void {
    const state = this.store.getState();
    switch (message.type) {
      case 'welcome':
        state.connected(message.builtins);
        break;
      case 'incompatible':
        state.failed('incompatible', message.message);
        break;
      case 'loaded':
        state.loaded(
          message.scenario,
          message.source,
          message.view,
          message.cursor,
          message.resumed,
        );
        break;
      case 'frame': {
        const started = performance.now();
        state.frame(message);
        // React renders store updates in a microtask: measure after it
        queueMicrotask(() =>
          queueMicrotask(() => this.#ackAfterPaint(message.frame, performance.now() - started)),
        );
        break;
      }
      case 'reply': {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        const result: CommandResult = message.ok
          ? { ok: true, detail: message.detail }
          : { ok: false, detail: message.error, failure: message.failure };
        // bad input is told; "nothing to do" and "stopped by Pause" are answers, not news. A
        // success clears the Notice, unless the page sent it on its own: the selection's
        // inspect, the address bar's export of a loaded file (which cleared "session restored")
        if (!message.ok && message.failure === 'invalid') state.notify(message.error);
        else if (
          message.ok &&
          pending &&
          pending.type !== 'inspect' &&
          pending.type !== 'export' &&
          state.notice !== null
        )
          state.notify(null);
        pending?.resolve(result);
        break;
      }
      case 'rejected':
        state.notify(message.message);
        break;
      case 'progress':
        this.#progress.get(message.request)?.({
          phase: message.phase,
          done: message.done,
          total: message.total,
        });
        return;
      case 'exported':
        this.#exported.set(message.request, message.files);
        return;
      default:
        return assertNever(message);
    }
    this.#settle();
  }

  /**
   * Tells the worker once this frame has been drawn, so frames never queue up behind a busy
   * page. A frame that took more than half a display frame to apply skips one paint before the
   * ack: fewer updates per second in a storm, but every frame stays within its vsync. The ack
   * leaves after the paint, not in the animation-frame callback that comes before style, layout
   * and paint: a busy worker waits for it (host.ts), and the page's rendering is what it waits for.
   */
  #ackAfterPaint(frame: number, applyMs: number): void {
    const port = this.#port;
    const nextFrame =
      globalThis.requestAnimationFrame ?? ((callback: () => void) => setTimeout(callback, 16));
    const ack = () => port?.send({ type: 'frame-ack', frame });
    // a task of its own: it runs after the rendering update the callback belongs to
    const afterRendering = () => setTimeout(ack, 0);
    nextFrame(applyMs > HALF_FRAME_MS ? () => nextFrame(afterRendering) : afterRendering);
  }

  #fail(reason: string): void {
    this.store.getState().failed('failed', reason);
    for (const { resolve } of this.#pending.values())
      resolve({ ok: false, detail: reason, failure: 'disconnected' });
    this.#pending.clear();
    this.#settle();
  }

  #disconnect(): void {
    for (const unlisten of this.#unlisten) unlisten();
    this.#unlisten = [];
    this.#port?.close();
    this.#port = null;
  }
}
