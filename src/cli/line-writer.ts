/** Where output goes: a stream that may ask the writer to wait (Node's Writable contract). */
export interface Sink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Lines gathered into chunks of about 64 KiB: one write per chunk instead of one system call per
 * event, and a reader slower than the machine (a pipe into less) holds the run back instead of
 * letting the output pile up in memory.
 */
export class LineWriter {
  #chunk: string[] = [];
  #size = 0;

  constructor(
    private readonly sink: Sink,
    private readonly chunkBytes = 64 * 1024,
  ) {}

  line(text: string): void {
    this.#chunk.push(text);
    this.#size += text.length + 1;
  }

  /** Enough is queued that the caller should flush before running on. */
  get full(): boolean {
    return this.#size >= this.chunkBytes;
  }

  /** Writes what is queued and waits while the sink's buffer is full. */
  async flush(): Promise<void> {
    if (this.#chunk.length === 0) return;
    const text = `${this.#chunk.join('\n')}\n`;
    this.#chunk = [];
    this.#size = 0;
    if (!this.sink.write(text))
      await new Promise<void>((resolve) => this.sink.once('drain', resolve));
  }
}
