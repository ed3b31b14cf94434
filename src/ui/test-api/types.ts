// The `window.gicscope` test API, documented in docs/test-surface.md. Kept stable for
// Playwright users; shared with e2e/ as a type.

export interface GicscopeStateSnapshot {
  readonly status: 'connecting' | 'ready' | 'incompatible' | 'failed';
  readonly failure: string | null;
  readonly scenario: string | null;
  readonly playing: boolean;
  /** virtual time at the cursor: a whole number of nanoseconds */
  readonly time: number;
  /** the cursor: the last event every view shows (-1 before the first) and its time */
  readonly cursor: { readonly seq: number; readonly time: number };
  /** the newest event in the log (none after the cursor), or null */
  readonly newestEvent: {
    readonly seq: number;
    readonly time: number;
    readonly text: string;
  } | null;
  /** a long operation in progress (run until, step to next interrupt, seek), or null */
  readonly progress: {
    readonly label: string;
    readonly time: number;
    readonly target: number | null;
    readonly eventsPerSecond: number;
  } | null;
  /** the whole machine view as the page holds it (plain data) */
  readonly view: unknown;
  /** rows the log shows (up to the cursor) */
  readonly logSize: number;
  readonly speed: number;
}

export interface CommandOutcome {
  readonly ok: boolean;
  readonly detail: string;
  /**
   * Why it did not do what was asked (only when ok is false): `invalid` (bad input),
   * `no-effect` (nothing to do), `interrupted` (stopped by Pause or another command),
   * `disconnected` (no worker).
   */
  readonly failure?: 'invalid' | 'no-effect' | 'interrupted' | 'disconnected';
}

export interface GicscopeTestApi {
  /** a built-in id (`rfc-nmi`) or a scenario as JSON text */
  loadScenario(idOrJson: string): Promise<CommandOutcome>;
  step(n?: number): Promise<CommandOutcome>;
  stepToNextInterrupt(n?: number): Promise<CommandOutcome>;
  stepBack(n?: number): Promise<CommandOutcome>;
  runUntil(timeNs: number): Promise<CommandOutcome>;
  /** to just after event `eventSeq` (the rest of its instant included), either way */
  seek(eventSeq: number): Promise<CommandOutcome>;
  /** 1 = 10 µs of virtual time per second; Infinity = as fast as the machine goes */
  setSpeed(speed: number): Promise<CommandOutcome>;
  play(): Promise<CommandOutcome>;
  pause(): Promise<CommandOutcome>;
  reset(): Promise<CommandOutcome>;
  injectNmi(): Promise<CommandOutcome>;
  /** resolves when no command is in flight, playback is paused and no animation runs */
  whenIdle(): Promise<void>;
  state(): GicscopeStateSnapshot;
  /** test hook: makes the worker crash as a real bug would */
  crashWorker(): Promise<CommandOutcome>;
}
