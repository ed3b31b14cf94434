import type { GicEvent, GicListener, WarningCode, IntId, PeIndex } from './api.ts';

/**
 * Fan-out of events to subscribers. `active` is false while nobody listens, and callers test it
 * before building an event object, so an unobserved model allocates nothing for events.
 */
export class Emitter {
  active = false;
  private listeners: GicListener[] = [];

  subscribe(listener: GicListener): () => void {
    this.listeners = [...this.listeners, listener];
    this.active = true;
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
      this.active = this.listeners.length > 0;
    };
  }

  emit(event: GicEvent): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i]?.(event);
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
