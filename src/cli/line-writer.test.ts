import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LineWriter } from './line-writer.ts';

/** A sink whose buffer is full until the test drains it, as a pipe to a slow reader is. */
class SlowSink extends EventEmitter {
  written: string[] = [];
  write(chunk: string): boolean {
    this.written.push(chunk);
    return false;
  }
}

describe('LineWriter', () => {
  it('writes queued lines as one chunk and waits for drain when the sink is full', async () => {
    const sink = new SlowSink();
    const w = new LineWriter(sink, 10);
    w.line('first');
    expect(w.full).toBe(false);
    w.line('second');
    expect(w.full).toBe(true);
    let flushed = false;
    const flushing = w.flush().then(() => (flushed = true));
    await Promise.resolve();
    expect(sink.written).toEqual(['first\nsecond\n']);
    expect(flushed).toBe(false);
    sink.emit('drain');
    await flushing;
    expect(flushed).toBe(true);
    expect(w.full).toBe(false);
  });
});
