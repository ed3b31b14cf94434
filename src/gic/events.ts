import type { GicEvent, GicListener, WarningCode, IntId, PeIndex } from './api.ts';

/**
 * A listener threw while the model reported the events of one API call. The call itself
 * completed: the model went on with its state change, every listener got every event, and only
 * then is this error thrown. `result` is what the call would have returned (for example the
 * INTID an ICC_IAR1_EL1 read acknowledged).
 */
export class GicListenerError extends Error {
  override readonly name = 'GicListenerError';
  /** What the listeners threw, in order (the first 16; `failures` counts all of them). */
  readonly errors: readonly unknown[];
  readonly failures: number;
  /** The return value of the API call whose events were being reported. */
  readonly result: unknown;

  constructor(errors: readonly unknown[], failures: number, result: unknown) {
    const first = errors[0];
    const what = first instanceof Error ? first.message : String(first);
    super(
      `a GIC event listener threw (${failures} time${failures === 1 ? '' : 's'}); the model completed the call first: ${what}`,
      { cause: first },
    );
    this.errors = errors;
    this.failures = failures;
    this.result = result;
  }
}

const KEPT_ERRORS = 16;

/**
 * Fan-out of events to subscribers. `active` is false while nobody listens, and callers test it
 * before building an event object, so an unobserved model allocates nothing for events.
 *
 * Listeners are called as events happen (queueing them costs ~10 ns an event: the objects can no
 * longer be optimised away). A listener that throws is caught, the others still get the event,
 * the model carries on, and `settle` throws a GicListenerError at the end of the API call. A
 * listener may look at the model (views, peeks) but not change it: an API call that changes
 * state, made while another one is in progress, is refused (`enter`), because the model is
 * between two consistent states (the HPPI not yet recomputed, for example).
 *
 * `emit`, `enter` and `settle` run on every access, and V8 inlines a function into its caller
 * only while the caller's inlining budget (counted in bytecode) lasts: they are kept to a few
 * bytes each, with plain fields rather than #private ones (each of those costs a brand check),
 * and their rare paths in methods of their own. An event whose emit is inlined, down to a
 * listener that does not read it, costs no allocation.
 */
export class Emitter {
  active = false;
  /** The listener when there is exactly one (the usual case), else null. */
  private only: GicListener | null = null;
  private listeners: GicListener[] = [];
  private busy = false;
  private errors: unknown[] = [];
  private failures = 0;

  subscribe(listener: GicListener): () => void {
    this.listen([...this.listeners, listener]);
    return () => {
      this.listen(this.listeners.filter((l) => l !== listener));
    };
  }

  private listen(listeners: GicListener[]): void {
    this.listeners = listeners;
    this.only = listeners.length === 1 ? (listeners[0] ?? null) : null;
    this.active = listeners.length > 0;
  }

  emit(event: GicEvent): void {
    const only = this.only;
    if (only === null) return this.fanOut(event);
    try {
      only(event);
    } catch (error) {
      this.failed(error);
    }
  }

  private fanOut(event: GicEvent): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) {
      try {
        ls[i](event);
      } catch (error) {
        this.failed(error);
      }
    }
  }

  private failed(error: unknown): void {
    if (this.errors.length < KEPT_ERRORS) this.errors.push(error);
    this.failures++;
  }

  /** Starts an API call that may change state or report events. */
  enter(what: string): void {
    if (this.busy) this.refuse(what);
    this.busy = true;
  }

  private refuse(what: string): never {
    throw new Error(
      `gic.${what} was called from a GIC event listener while another call was changing the model; make the call after that one returns`,
    );
  }

  /** Ends the call: returns `result`, or throws a GicListenerError if a listener threw. */
  settle<T>(result: T): T {
    this.busy = false;
    if (this.failures !== 0) this.report(result);
    return result;
  }

  private report(result: unknown): never {
    const error = new GicListenerError(this.errors, this.failures, result);
    this.errors = [];
    this.failures = 0;
    throw error;
  }

  /** Ends a call that failed before it finished (an exception from the model itself). */
  abandon(): void {
    this.busy = false;
    this.errors = [];
    this.failures = 0;
  }

  warn(
    code: WarningCode,
    message: string,
    register: string | null = null,
    pe: number | null = null,
    intid: number | null = null,
  ): void {
    if (!this.active) return;
    this.emit({
      kind: 'warning',
      code,
      message,
      register,
      pe: pe as PeIndex | null,
      intid: intid as IntId | null,
    });
  }
}
