import type {
  EventView,
  InjectorMode,
  InspectionView,
  MachineDiff,
  MachineView,
  ScenarioMeta,
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

/** Page -> worker. Every request but `hello` carries an id answered by a `reply`. */
export type ToWorker =
  | { readonly type: 'hello'; readonly version: number }
  /** The page drew frame `frame`: the host may send the next (at most one frame in flight). */
  | { readonly type: 'frame-ack'; readonly frame: number }
  | { readonly type: 'load-scenario'; readonly id: number; readonly source: ScenarioSource }
  | { readonly type: 'play'; readonly id: number }
  | { readonly type: 'pause'; readonly id: number }
  | { readonly type: 'step'; readonly id: number; readonly count: number; readonly unit: StepUnit }
  | { readonly type: 'step-back'; readonly id: number; readonly count: number }
  | { readonly type: 'run-until'; readonly id: number; readonly time: number }
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

export type StepUnit = 'event' | 'acknowledge';

export type Request = Exclude<ToWorker, { type: 'hello' } | { type: 'frame-ack' }>;
export type RequestType = Request['type'];

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
      readonly view: MachineView;
      readonly eventSeq: number;
    }
  | {
      readonly type: 'frame';
      /** numbers frames for `frame-ack` */
      readonly frame: number;
      readonly diff: MachineDiff;
      /** events left out of this frame because too many happened since the last one */
      readonly eventsSkipped: number;
      readonly events: readonly EventView[];
      readonly playing: boolean;
      readonly canStepBack: boolean;
      /** after a step back: events numbered above this are undone */
      readonly rewoundTo: number | null;
      /**
       * For the current `inspect` focus; null when none is set or, during playback, when it was
       * not recomputed for this frame (the page keeps the previous one).
       */
      readonly inspection: InspectionView | null;
    }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly detail?: string }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
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
