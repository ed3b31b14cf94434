import type { EventView } from '../../../protocol/index.ts';

export interface LogFilter {
  /** null: every PE; 'gic': events with no PE */
  readonly pe: number | 'gic' | null;
  readonly intid: number | null;
  readonly kind: string | null;
}

export const NO_FILTER: LogFilter = { pe: null, intid: null, kind: null };

export function matches(event: EventView, filter: LogFilter): boolean {
  if (filter.pe === 'gic' ? event.pe !== null : filter.pe !== null && event.pe !== filter.pe)
    return false;
  if (filter.intid !== null && event.intid !== filter.intid) return false;
  return filter.kind === null || event.kind === filter.kind;
}

/** The newest `count` events that pass the filter, oldest first. */
export function filterEvents(
  events: readonly EventView[],
  filter: LogFilter,
  count: number,
): readonly EventView[] {
  const out: EventView[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < count; i--)
    if (matches(events[i], filter)) out.push(events[i]);
  return out.reverse();
}

export function kindsOf(events: readonly EventView[]): readonly string[] {
  return [...new Set(events.map((e) => e.kind))].sort();
}
