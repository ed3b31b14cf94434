import { formatTime } from '../machine/index.ts';

/** Where a run stands, as the progress line reports it. */
export interface RunProgress {
  /** Virtual time reached and the run's end, in ns. */
  readonly now: number;
  readonly end: number;
  readonly events: number;
  /** Wall-clock milliseconds since the run started. */
  readonly elapsedMs: number;
  /** Events per wall second over the last interval. */
  readonly eventsPerSecond: number;
  /** Virtual ns per wall second over the last interval. */
  readonly virtualPerSecond: number;
}

/** "t = 1.2ms of 1000000s (0.00 %), 1.23M events, 352k events/s, about 3 h left". */
export function describeProgress(p: RunProgress): string {
  const percent = p.end === 0 ? 100 : (100 * p.now) / p.end;
  const parts = [
    `t = ${formatTime(p.now)} of ${formatTime(p.end)} (${percent.toFixed(percent < 10 ? 2 : 1)} %)`,
    `${count(p.events)} events`,
    `${count(p.eventsPerSecond)} events/s`,
  ];
  if (p.virtualPerSecond > 0) parts.push(`${left((p.end - p.now) / p.virtualPerSecond)} left`);
  return parts.join(', ');
}

function count(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return String(Math.round(n));
}

function left(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `about ${Math.round(seconds / 3600)} h`;
  if (seconds < 3 * 365 * 86400) return `about ${Math.round(seconds / 86400)} days`;
  return 'years';
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Reports a run on stderr once it has taken a second, then every second: rewritten in place on a
 * terminal, one line each otherwise (a log file keeps them all).
 */
export class ProgressReporter {
  #lastReport: { wall: number; now: number; events: number } = { wall: 0, now: 0, events: 0 };
  #shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly enabled: boolean,
    private readonly intervalMs = 1000,
  ) {}

  update(now: number, end: number, events: number, elapsedMs: number): void {
    if (!this.enabled || elapsedMs - this.#lastReport.wall < this.intervalMs) return;
    const seconds = (elapsedMs - this.#lastReport.wall) / 1000;
    const line = describeProgress({
      now,
      end,
      events,
      elapsedMs,
      eventsPerSecond: (events - this.#lastReport.events) / seconds,
      virtualPerSecond: (now - this.#lastReport.now) / seconds,
    });
    this.#lastReport = { wall: elapsedMs, now, events };
    this.stream.write(
      this.stream.isTTY === true ? `\r\x1b[2Kgicscope: ${line}` : `gicscope: ${line}\n`,
    );
    this.#shown = true;
  }

  /** Ends an in-place line so what follows starts on its own line. */
  finish(): void {
    if (this.#shown && this.stream.isTTY === true) this.stream.write('\n');
  }
}
