/** The part of IntersectionObserver used here (spelled out: unit tests compile without the DOM). */
interface Watcher<T> {
  observe(target: T): void;
  unobserve(target: T): void;
  disconnect(): void;
}
type WatcherClass = new <T>(
  callback: (entries: readonly { readonly target: T; readonly isIntersecting: boolean }[]) => void,
  options: { readonly rootMargin: string },
) => Watcher<T>;

/**
 * Which lanes of the timeline are on screen or about to be (half a viewport above or below), from
 * an IntersectionObserver on each lane's band: no layout is read, and the callback runs only when
 * a lane comes or goes. Without IntersectionObserver every lane counts as shown.
 */
export class LaneVisibility<T extends object = Element> {
  readonly #shown = new Set<number>();
  readonly #lanes = new WeakMap<T, number>();
  readonly #observer: Watcher<T> | null;

  /** `onChange`: lanes came into view or left it (with the lanes that came). */
  constructor(onChange: (came: readonly number[]) => void) {
    const Observer = (globalThis as { IntersectionObserver?: WatcherClass }).IntersectionObserver;
    this.#observer =
      Observer === undefined
        ? null
        : new Observer<T>(
            (entries) => {
              const came: number[] = [];
              for (const entry of entries) {
                const pe = this.#lanes.get(entry.target);
                if (pe === undefined) continue;
                if (entry.isIntersecting) {
                  if (!this.#shown.has(pe)) came.push(pe);
                  this.#shown.add(pe);
                } else this.#shown.delete(pe);
              }
              onChange(came);
            },
            { rootMargin: '50% 0px' },
          );
  }

  /** Watches the band of lane `pe` (its full height across the chart). */
  observe(band: T, pe: number): void {
    this.#lanes.set(band, pe);
    this.#observer?.observe(band);
  }

  unobserve(band: T): void {
    const pe = this.#lanes.get(band);
    if (pe !== undefined) this.#shown.delete(pe);
    this.#lanes.delete(band);
    this.#observer?.unobserve(band);
  }

  /** Lane `pe` is on screen or near it (the observer reports after the band is laid out). */
  has(pe: number): boolean {
    return this.#observer === null || this.#shown.has(pe);
  }

  /** Some lane is on screen or near it. */
  any(): boolean {
    return this.#observer === null || this.#shown.size > 0;
  }

  disconnect(): void {
    this.#observer?.disconnect();
    this.#shown.clear();
  }
}
