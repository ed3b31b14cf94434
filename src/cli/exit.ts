/** Exit statuses (docs/cli.md). A signal stop is 128 + the signal number, as shells report it. */
export const EXIT = {
  ok: 0,
  expectationFailed: 1,
  badInput: 2,
  /** gicscope itself failed: a bug, never the user's input. */
  internalError: 3,
} as const;

/** The signals a run stops cleanly on, with their numbers (POSIX). */
export const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export function signalExit(signal: StopSignal): number {
  return 128 + STOP_SIGNALS[signal];
}
