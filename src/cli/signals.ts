import { STOP_SIGNALS, signalExit } from './exit.ts';
import type { StopSignal } from './exit.ts';

export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

/**
 * Ctrl-C (SIGINT) or SIGTERM asks the run to stop: it finishes its current slice (at most a few
 * tens of milliseconds) and prints its summary. A second signal ends the process at once.
 */
export class StopRequest {
  #signal: StopSignal | null = null;
  readonly #listeners = new Map<StopSignal, () => void>();

  constructor(
    private readonly source: SignalSource,
    private readonly exitNow: (status: number, signal: StopSignal) => void,
  ) {
    for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
      const listener = (): void => {
        if (this.#signal !== null) this.exitNow(signalExit(signal), signal);
        this.#signal = signal;
      };
      this.#listeners.set(signal, listener);
      source.on(signal, listener);
    }
  }

  /** The signal that asked to stop, or null. */
  get signal(): StopSignal | null {
    return this.#signal;
  }

  dispose(): void {
    for (const [signal, listener] of this.#listeners) this.source.off(signal, listener);
    this.#listeners.clear();
  }
}
