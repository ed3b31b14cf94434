import { describe, expect, it } from 'vitest';
import type { EventView } from '../../protocol/index.ts';
import { EventRing } from './event-ring.ts';

const event = (seq: number): EventView => ({
  seq,
  time: seq * 10,
  kind: 'x',
  pe: null,
  intid: null,
  text: `event ${seq}`,
  warning: false,
  path: [],
  fields: {},
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

describe('the log ring', () => {
  it('keeps rows in seq order and skips a row it already holds (a replay)', () => {
    const ring = new EventRing(100);
    ring.pushAll(range(1, 10));
    ring.pushAll(range(5, 12));
    expect(ring.latest(100).map((e) => e.seq)).toEqual(range(1, 12).map((e) => e.seq));
  });

  it('fills a gap left by a frame that skipped events', () => {
    const ring = new EventRing(100);
    ring.pushAll([...range(1, 3), ...range(8, 9)]);
    ring.pushAll(range(4, 7));
    expect(ring.latest(100).map((e) => e.seq)).toEqual(range(1, 9).map((e) => e.seq));
  });

  it('after a seek far back into a full ring, the cursor’s rows stay and the far future goes', () => {
    const ring = new EventRing(50);
    ring.pushAll(range(1000, 1049));
    ring.pushAll(range(300, 323), 323);
    expect(ring.latest(5, 323).map((e) => e.seq)).toEqual([319, 320, 321, 322, 323]);
    expect(ring.size).toBe(50);
    expect(ring.after(323)).toBe(26);
  });

  it('shows nothing after the cursor, and forgets a rewritten future', () => {
    const ring = new EventRing(100);
    ring.pushAll(range(1, 20));
    expect(ring.latest(100, 12).at(-1)!.seq).toBe(12);
    ring.forgetAfter(12);
    expect(ring.size).toBe(12);
  });
});
