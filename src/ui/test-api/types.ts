// The `window.gicscope` test API, documented in docs/test-surface.md. Kept stable for
// Playwright users; shared with e2e/ as a type.

export interface GicscopeStateSnapshot {
  readonly status: 'connecting' | 'ready' | 'incompatible' | 'failed';
  readonly failure: string | null;
  readonly scenario: string | null;
  readonly playing: boolean;
  readonly time: number;
  /** the whole machine view as the page holds it (plain data) */
  readonly view: unknown;
  readonly logSize: number;
}

export interface CommandOutcome {
  readonly ok: boolean;
  readonly detail: string;
}

export interface GicscopeTestApi {
  /** a built-in id (`rfc-nmi`) or a scenario as JSON text */
  loadScenario(idOrJson: string): Promise<CommandOutcome>;
  step(n?: number): Promise<CommandOutcome>;
  stepToNextInterrupt(n?: number): Promise<CommandOutcome>;
  stepBack(n?: number): Promise<CommandOutcome>;
  runUntil(timeNs: number): Promise<CommandOutcome>;
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
