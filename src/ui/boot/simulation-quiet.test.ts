import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGicStore } from '../store/index.ts';
import { simulationQuiet } from './simulation-quiet.ts';

describe('simulationQuiet', () => {
  afterEach(() => vi.useRealTimers());

  it('waits until the simulation has stood still for the whole interval', async () => {
    vi.useFakeTimers();
    const store = createGicStore();
    store.setState({ playing: true });
    let quiet = false;
    void simulationQuiet(store, 1000).then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(quiet).toBe(false);
    store.setState({ playing: false });
    await vi.advanceTimersByTimeAsync(600);
    // a run-until starts before the interval is over: the count starts again when it ends
    store.setState({ progress: { kind: 'run-until' } as never });
    await vi.advanceTimersByTimeAsync(2000);
    expect(quiet).toBe(false);
    store.setState({ progress: null });
    await vi.advanceTimersByTimeAsync(600);
    // changes that do not make it busy do not restart the count
    store.setState({ status: 'ready' } as never);
    await vi.advanceTimersByTimeAsync(399);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet).toBe(true);
  });

  it('resolves after the interval when the simulation is already still', async () => {
    vi.useFakeTimers();
    const store = createGicStore();
    let quiet = false;
    void simulationQuiet(store, 1000).then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet).toBe(true);
  });
});
