import { describe, expect, it } from 'vitest';
import { queueRing } from './queue-ring.ts';

describe('ITS command queue ring', () => {
  it('marks the slots between CREADR and CWRITER as queued, the ones behind CREADR as done', () => {
    const ring = queueRing(8, 2, 5, 2);
    expect(ring.segments.map((s) => s.state)).toEqual([
      'done',
      'done',
      'queued',
      'queued',
      'queued',
      'free',
      'free',
      'free',
    ]);
  });

  it('wraps around the end of the ring', () => {
    const ring = queueRing(8, 6, 1, 0);
    expect(ring.segments.map((s) => s.state)).toEqual([
      'queued',
      'free',
      'free',
      'free',
      'free',
      'free',
      'queued',
      'queued',
    ]);
  });

  it('draws at most 64 segments for a long queue and puts the ticks on the ring', () => {
    const ring = queueRing(2048, 1024, 1024, 10);
    expect(ring.segments).toHaveLength(64);
    expect(ring.creadr.angle).toBeCloseTo(180);
    expect(ring.creadr).toEqual(ring.cwriter);
  });
});
