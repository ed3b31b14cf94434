import type {
  Cursor,
  EventView,
  InjectorMode,
  InspectionView,
  MachineDiff,
  MachineView,
  ProgressView,
  ScenarioMeta,
  TimelineDelta,
} from './view.ts';

export type ScenarioSource =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'json'; readonly text: string }
  /** A QEMU trace the worker opened (`open-trace`) and keeps under `token`. */
  | { readonly kind: 'qemu-trace'; readonly token: string; readonly name: string };

/**
 * Formats the worker exports the loaded scenario or trace to; `scenario` is the loaded
 * scenario's own JSON file (a built-in as written, or the text that was loaded).
 */
export type ExportFormat = 'perfetto' | 'vcd' | 'scenario';

/** A file the worker made for the page to save. */
export interface ExportedFile {
  readonly name: string;
  readonly text: string;
  readonly mime: string;
}

export type RegisterTarget =
  | { readonly block: 'distributor'; readonly offset: number; readonly size: 1 | 2 | 4 | 8 }
  | {
      readonly block: 'redistributor';
      readonly pe: number;
      readonly offset: number;
      readonly size: 1 | 2 | 4 | 8;
    }
  | { readonly block: 'sysreg'; readonly pe: number; readonly name: string };

/**
 * An input from the page that changes the machine, as the worker records it for step back and
 * crash recovery: applied at the moment `at` (ns; -1 before anything ran) when the machine's
 * last event was `seqBefore`.
 */
export type MachineInput =
  | { readonly kind: 'inject-nmi' }
  | { readonly kind: 'set-injector-mode'; readonly mode: InjectorMode }
  | { readonly kind: 'write-register'; readonly target: RegisterTarget; readonly value: string }
  | { readonly kind: 'read-register'; readonly target: RegisterTarget };

export interface RecordedInput {
  readonly at: number;
  readonly seqBefore: number;
  readonly input: MachineInput;
}

/** A moment the machine can be put back to: a time and how many recorded inputs it includes. */
export interface Moment {
  readonly time: number;
  readonly inputs: number;
}

/**
 * A machine state at a moment, kept by the page to survive a crash. The snapshot is JSON text
 * the page never parses: a string crosses postMessage as one copy, where the object graph of a
 * 64-PE machine took tens of milliseconds to clone on each side.
 */
export interface RecoveryCheckpoint {
  readonly moment: Moment;
  readonly seq: number;
  readonly snapshot: string;
}

/** What the page keeps so that a new worker can bring the session back (see `resume`). */
export interface RecoveryPoint {
  readonly source: ScenarioSource;
  /** null: from the scenario's start */
  readonly checkpoint: RecoveryCheckpoint | null;
  /** every input recorded after the checkpoint (or since load), in order */
  readonly inputs: readonly RecordedInput[];
  /** where the cursor was */
  readonly cursor: Moment;
  readonly speed: number;
}

/** Page -> worker. Every request but `hello` and `frame-ack` carries an id answered by a `reply`. */
export type ToWorker =
  | { readonly type: 'hello'; readonly version: number }
  /** The page drew frame `frame`: the host may send the next (at most one frame in flight). */
  | { readonly type: 'frame-ack'; readonly frame: number }
  | { readonly type: 'load-scenario'; readonly id: number; readonly source: ScenarioSource }
  /** After a crash: the same scenario, brought to the same moment with the same inputs. */
  | { readonly type: 'resume'; readonly id: number; readonly point: RecoveryPoint }
  | { readonly type: 'play'; readonly id: number }
  /** Stops playback and any long operation (run until, step to next interrupt, seek). */
  | { readonly type: 'pause'; readonly id: number }
  | { readonly type: 'step'; readonly id: number; readonly count: number; readonly unit: StepUnit }
  | { readonly type: 'step-back'; readonly id: number; readonly count: number }
  | { readonly type: 'run-until'; readonly id: number; readonly time: number }
  /** Moves the cursor to just after event `eventSeq` (with the rest of its instant), either way. */
  | { readonly type: 'seek'; readonly id: number; readonly eventSeq: number }
  | { readonly type: 'set-speed'; readonly id: number; readonly speed: number }
  | { readonly type: 'reset'; readonly id: number }
  | { readonly type: 'inject-nmi'; readonly id: number }
  | { readonly type: 'set-injector-mode'; readonly id: number; readonly mode: InjectorMode }
  | {
      readonly type: 'write-register';
      readonly id: number;
      readonly target: RegisterTarget;
      readonly value: string;
    }
  /** Sets what the register panels, ladder and explainer look at; frames then carry it. */
  | {
      readonly type: 'inspect';
      readonly id: number;
      readonly pe: number;
      readonly intid: number | null;
    }
  /** A read with side effects, made on purpose (ICC_IAR1_EL1: acknowledge). */
  | { readonly type: 'read-register'; readonly id: number; readonly target: RegisterTarget }
  /** Test hook: makes the worker throw outside any handler, as a real bug would. */
  | { readonly type: 'crash'; readonly id: number }
  /**
   * Opens a QEMU `-trace 'gicv3_*'` log (plain text or gzip): decompressed, parsed and replayed
   * in slices with `progress` messages, then loaded like a scenario. Cancellable.
   */
  | {
      readonly type: 'open-trace';
      readonly id: number;
      readonly name: string;
      readonly data: ArrayBuffer;
    }
  /** Stops the long request `request` (an `open-trace`); it replies not ok, nothing changed. */
  | { readonly type: 'cancel'; readonly id: number; readonly request: number }
  /** Exports the loaded scenario (its whole run) or trace; answered by `exported`, then a reply. */
  | { readonly type: 'export'; readonly id: number; readonly format: ExportFormat };

/** `event`: to the next instant of virtual time at which something happened. */
export type StepUnit = 'event' | 'acknowledge';

export type Request = Exclude<ToWorker, { type: 'hello' } | { type: 'frame-ack' }>;
export type RequestType = Request['type'];

/**
 * Why a command did not do what it was asked: bad input (told as a notice), nothing to do (no
 * candidate, nothing to step back to, a time in the past), or stopped by Pause or another command.
 */
export type Failure = 'invalid' | 'no-effect' | 'interrupted';

export interface FrameMessage {
  readonly type: 'frame';
  /** numbers frames for `frame-ack` */
  readonly frame: number;
  /** the moment every part of this frame shows */
  readonly cursor: Cursor;
  readonly diff: MachineDiff;
  /** events left out of this frame because too many happened since the last one */
  readonly eventsSkipped: number;
  /** the newest events up to the cursor (after a step back, ones the page may already hold) */
  readonly events: readonly EventView[];
  /** handler bars, priority steps and instants, from every event (none is skipped) */
  readonly timeline: TimelineDelta | null;
  /**
   * The recorded future after the cursor was rewritten (an input after a step back): the page
   * forgets the events and timeline records numbered above this.
   */
  readonly forgetAfter: number | null;
  readonly playing: boolean;
  /** a long operation in progress (run until, step to next interrupt, seek), or null */
  readonly progress: ProgressView | null;
  readonly canStepBack: boolean;
  /**
   * For the current `inspect` focus; null when none is set or, during playback, when it was
   * not recomputed for this frame (the page keeps the previous one).
   */
  readonly inspection: InspectionView | null;
  /** for crash recovery: a new checkpoint now and then, and the recorded inputs */
  readonly recovery: RecoveryDelta | null;
}

/**
 * The page's copy of what a new worker needs: the latest checkpoint at or before the cursor and
 * the inputs after it. `inputs` replace whatever the page holds from input number `inputsFrom`
 * on (after a rewritten future that list may be shorter than before).
 */
export interface RecoveryDelta {
  readonly checkpoint: RecoveryCheckpoint | null;
  readonly inputsFrom: number;
  readonly inputs: readonly RecordedInput[];
}

/** Worker -> page. */
export type FromWorker =
  | {
      readonly type: 'welcome';
      readonly version: number;
      readonly builtins: readonly ScenarioMeta[];
    }
  | { readonly type: 'incompatible'; readonly version: number; readonly message: string }
  | {
      readonly type: 'loaded';
      readonly scenario: ScenarioMeta;
      readonly source: ScenarioSource;
      readonly view: MachineView;
      readonly cursor: Cursor;
      /** true after `resume`: the page keeps its log, timeline and selection */
      readonly resumed: boolean;
    }
  | FrameMessage
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly detail: string }
  | {
      readonly type: 'reply';
      readonly id: number;
      readonly ok: false;
      readonly error: string;
      readonly failure: Failure;
    }
  | { readonly type: 'rejected'; readonly message: string }
  /** How far a long request has come (`done` of `total` units of `phase`). */
  | {
      readonly type: 'progress';
      readonly request: number;
      readonly phase: string;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'exported';
      readonly request: number;
      readonly files: readonly ExportedFile[];
    };
