import { afterEach, describe, expect, it, vi } from 'vitest';
import { LaneVisibility } from './lane-visibility.ts';

/** An IntersectionObserver the test drives: `report` plays what the browser would say. */
class FakeObserver {
  static last: FakeObserver | null = null;
  readonly watched = new Set<Element>();
  constructor(
    readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void,
  ) {
    FakeObserver.last = this;
  }
  observe(target: object) {
    this.watched.add(target);
  }
  unobserve(target: object) {
    this.watched.delete(target);
  }
  disconnect() {
    this.watched.clear();
  }
  report(entries: [object, boolean][]) {
    this.callback(entries.map(([target, isIntersecting]) => ({ target, isIntersecting })));
  }
}

const band = (): object => ({});

describe('which timeline lanes are on screen', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a lane counts as shown once the observer says it intersects, and not after it leaves', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const came: number[][] = [];
    const lanes = new LaneVisibility<object>((pes) => came.push([...pes]));
    const [a, b, c] = [band(), band(), band()];
    lanes.observe(a, 0);
    lanes.observe(b, 1);
    lanes.observe(c, 2);
    const observer = FakeObserver.last!;
    // before the first report nothing is known to be on screen
    expect(lanes.any()).toBe(false);
    observer.report([
      [a, true],
      [b, true],
      [c, false],
    ]);
    expect([0, 1, 2].map((pe) => lanes.has(pe))).toEqual([true, true, false]);
    observer.report([
      [a, false],
      [c, true],
    ]);
    expect([0, 1, 2].map((pe) => lanes.has(pe))).toEqual([false, true, true]);
    // each report names only the lanes that came into view
    expect(came).toEqual([[0, 1], [2]]);
    lanes.unobserve(b);
    expect(lanes.has(1)).toBe(false);
    expect(observer.watched.has(b)).toBe(false);
    lanes.disconnect();
    expect(lanes.any()).toBe(false);
  });

  it('without IntersectionObserver every lane counts as shown', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const lanes = new LaneVisibility<object>(() => {});
    expect(lanes.has(5)).toBe(true);
    expect(lanes.any()).toBe(true);
  });
});
