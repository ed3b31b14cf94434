import type { EventView } from '../../../protocol/index.ts';

export interface Span {
  readonly pe: number;
  readonly start: number;
  /** null while the handler still runs */
  readonly end: number | null;
  /** 1 = first level; preemption nests one deeper */
  readonly depth: number;
  readonly label: string;
}

export interface Step {
  readonly time: number;
  readonly value: number;
}

export interface Instant {
  readonly pe: number;
  readonly time: number;
  readonly seq: number;
  readonly label: 'NMI' | 'SGI' | 'inject';
}

export interface TimelineModel {
  readonly peCount: number;
  readonly start: number;
  readonly end: number;
  readonly spans: readonly Span[];
  readonly pmr: readonly (readonly Step[])[];
  readonly rpr: readonly (readonly Step[])[];
  readonly instants: readonly Instant[];
  /** event times by seq, ascending, for seeking */
  readonly marks: readonly { readonly seq: number; readonly time: number }[];
}

const num = (v: unknown): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) return Number(BigInt(v));
  return null;
};

/**
 * Lanes from the log: handler nesting from exception-taken/-returned (depth in `fields`), or from
 * acknowledged/priority-dropped when a recording has no exception events; PMR from register
 * writes, RPR from acknowledges and drops; NMI, SGI and injection instants.
 */
export function timelineModel(events: readonly EventView[], peCount: number): TimelineModel {
  const spans: Span[] = [];
  const open: { pe: number; start: number; depth: number; label: string; intid: number | null }[] =
    [];
  const pmr: Step[][] = Array.from({ length: peCount }, () => []);
  const rpr: Step[][] = Array.from({ length: peCount }, () => []);
  const instants: Instant[] = [];
  const byException = events.some((e) => e.kind === 'exception-taken');
  const close = (index: number, time: number) => {
    const [o] = open.splice(index, 1);
    spans.push({ pe: o.pe, start: o.start, end: time, depth: o.depth, label: o.label });
  };
  for (const e of events) {
    const pe = e.pe;
    if (pe === null || pe >= peCount) continue;
    const f = e.fields;
    const depthNow = open.filter((o) => o.pe === pe).length;
    if (byException && e.kind === 'exception-taken') {
      const depth = num(f.depth) ?? depthNow + 1;
      const what =
        f.exception === 'superpriority-irq'
          ? 'NMI'
          : typeof f.exception === 'string'
            ? f.exception.toUpperCase()
            : 'IRQ';
      open.push({ pe, start: e.time, depth, label: what, intid: e.intid });
    } else if (byException && e.kind === 'exception-returned') {
      const i = open.findLastIndex((o) => o.pe === pe);
      if (i >= 0) close(i, e.time);
    } else if (e.kind === 'acknowledged') {
      if (!byException)
        open.push({
          pe,
          start: e.time,
          depth: depthNow + 1,
          label: `INTID ${e.intid}`,
          intid: e.intid,
        });
      else {
        const top = open.findLast((o) => o.pe === pe);
        if (top && top.intid === null) top.label = `${top.label} ${e.intid}`;
      }
    } else if (!byException && e.kind === 'priority-dropped') {
      const i = open.findLastIndex((o) => o.pe === pe && o.intid === e.intid);
      if (i >= 0) close(i, e.time);
    }
    if (e.kind === 'acknowledged' || e.kind === 'priority-dropped') {
      const v = num(f.runningPriority);
      if (v !== null) rpr[pe].push({ time: e.time, value: v });
    }
    if (e.kind === 'register-written' && f.register === 'ICC_PMR_EL1') {
      const v = num(f.value);
      if (v !== null) pmr[pe].push({ time: e.time, value: v & 0xff });
    }
    if (e.kind === 'nmi-injected') instants.push({ pe, time: e.time, seq: e.seq, label: 'inject' });
    else if (e.kind === 'sgi-generated')
      instants.push({ pe, time: e.time, seq: e.seq, label: 'SGI' });
    else if (e.kind === 'acknowledged' && f.nmi === true)
      instants.push({ pe, time: e.time, seq: e.seq, label: 'NMI' });
  }
  for (const o of open)
    spans.push({ pe: o.pe, start: o.start, end: null, depth: o.depth, label: o.label });
  const start = events.length ? events[0].time : 0;
  const end = events.length ? events[events.length - 1].time : 1;
  return {
    peCount,
    start,
    end: end > start ? end : start + 1,
    spans,
    pmr,
    rpr,
    instants,
    marks: events.map((e) => ({ seq: e.seq, time: e.time })),
  };
}

/** The last event at or before `time` (what a cursor dropped there seeks to), or null. */
export function seqAt(model: TimelineModel, time: number): number | null {
  let found: number | null = null;
  for (const m of model.marks) {
    if (m.time > time) break;
    found = m.seq;
  }
  return found ?? model.marks[0]?.seq ?? null;
}

/** The time of event `seq` (or of the last event before it). */
export function timeOf(model: TimelineModel, seq: number): number {
  let time = model.start;
  for (const m of model.marks) {
    if (m.seq > seq) break;
    time = m.time;
  }
  return time;
}
