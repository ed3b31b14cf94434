import { describe, expect, it } from 'vitest';
import { describeProgress, ProgressReporter } from './progress.ts';

describe('describeProgress', () => {
  it('says how far virtual time got, the event rate and the time left', () => {
    expect(
      describeProgress({
        now: 1_200_000,
        end: 1e15,
        events: 1_234_567,
        elapsedMs: 3000,
        eventsPerSecond: 352_400,
        virtualPerSecond: 400_000_000,
      }),
    ).toBe('t = 1.2ms of 1000000s (0.00 %), 1.23M events, 352k events/s, about 29 days left');
  });
});

function recorder(isTTY: boolean): {
  writes: string[];
  stream: { isTTY: boolean; write(t: string): void };
} {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (t: string) => void writes.push(t) } };
}

describe('ProgressReporter', () => {
  it('stays quiet for the first second, then reports once per second', () => {
    const { writes, stream } = recorder(false);
    const p = new ProgressReporter(stream, true);
    p.update(1000, 1e9, 10, 400);
    p.update(2000, 1e9, 20, 900);
    expect(writes).toEqual([]);
    p.update(5_000_000, 1e9, 50_000, 1000);
    p.update(6_000_000, 1e9, 60_000, 1500);
    p.update(9_000_000, 1e9, 90_000, 2100);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(
      /^gicscope: t = 5ms of 1s \(0\.50 %\), 50k events, 50k events\/s, .*\n$/,
    );
    // the rate is over the last interval: 40k events in 1.1 s
    expect(writes[1]).toMatch(/36k events\/s/);
  });

  it('rewrites one line on a terminal and ends it when the run ends', () => {
    const { writes, stream } = recorder(true);
    const p = new ProgressReporter(stream, true);
    p.update(5_000_000, 1e9, 50_000, 1000);
    p.finish();
    expect(writes[0]?.startsWith('\r\u001b[2Kgicscope: t = 5ms')).toBe(true);
    expect(writes[1]).toBe('\n');
  });

  it('prints nothing with --no-progress', () => {
    const { writes, stream } = recorder(true);
    const p = new ProgressReporter(stream, false);
    p.update(5_000_000, 1e9, 50_000, 5000);
    p.finish();
    expect(writes).toEqual([]);
  });
});
