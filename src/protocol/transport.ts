/** One end of a message channel: what it sends, what it receives. */
export interface Port<Out, In> {
  send(message: Out): void;
  /** returns a function that removes the listener */
  listen(listener: (message: In) => void): () => void;
  /** a failure of the channel or of the other end (the worker crashed) */
  onFailure(listener: (reason: string) => void): () => void;
  close(): void;
}

export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.#set) listener(value);
  }
  clear(): void {
    this.#set.clear();
  }
}
