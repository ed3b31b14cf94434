import { describe, expect, it } from 'vitest';
import { pendingWork } from './pending-work.ts';

describe('pendingWork', () => {
  it('resolves at once with nothing pending, and only when the last piece is done', async () => {
    const work = pendingWork();
    await work.whenDone();
    const a = work.begin();
    const b = work.begin();
    let settled = false;
    const waiting = work.whenDone().then(() => (settled = true));
    a();
    a(); // a second call of the same piece counts nothing
    await Promise.resolve();
    expect(settled).toBe(false);
    b();
    await waiting;
    expect(settled).toBe(true);
  });
});
