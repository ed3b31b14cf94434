import type { EventView } from '../../../protocol/index.ts';

export type SpanKind = 'irq' | 'fiq' | 'nmi';

export interface Span {
  readonly pe: number;
  readonly kind: SpanKind;
  /** null until the handler read ICC_IAR*_EL1 */
  readonly intid: number | null;
  /** the guest's name for it (`uart-pl011`) */
  readonly name: string | null;
  readonly start: number;
  /** null while the handler still runs */
  readonly end: number | null;
  /** 1 = first level; preemption nests one deeper */
  readonly depth: number;
  /** `NMI 33 uart-pl011`, `IRQ 27 arch_timer`, `IRQ` (before the acknowledge) */
  readonly label: string;
}

/** "NMI 33 uart-pl011" */
export function spanLabel(kind: SpanKind, intid: number | null, name: string | null): string {
  return [kind.toUpperCase(), intid ?? '', name ?? ''].filter((p) => p !== '').join(' ');
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
  interface Open {
    pe: number;
    start: number;
    depth: number;
    kind: SpanKind;
    intid: number | null;
    name: string | null;
  }
  const spans: Span[] = [];
  const open: Open[] = [];
  const pmr: Step[][] = Array.from({ length: peCount }, () => []);
  const rpr: Step[][] = Array.from({ length: peCount }, () => []);
  const instants: Instant[] = [];
  const byException = events.some((e) => e.kind === 'exception-taken');
  const toSpan = (o: Open, end: number | null): Span => ({
    pe: o.pe,
    start: o.start,
    end,
    depth: o.depth,
    kind: o.kind,
    intid: o.intid,
    name: o.name,
    label: spanLabel(o.kind, o.intid, o.name),
  });
  const close = (index: number, time: number) => {
    const [o] = open.splice(index, 1);
    spans.push(toSpan(o, time));
  };
  for (const e of events) {
    // an injection names its target PE only in the token path (`cpu:N`)
    const target = /^cpu:(\d+)$/.exec(e.path[e.path.length - 1] ?? '');
    const pe = e.kind === 'nmi-injected' && target ? Number(target[1]) : e.pe;
    if (pe === null || pe >= peCount) continue;
    const f = e.fields;
    const depthNow = open.filter((o) => o.pe === pe).length;
    const top = () => open.findLast((o) => o.pe === pe);
    if (byException && e.kind === 'exception-taken') {
      const kind: SpanKind =
        f.exception === 'superpriority-irq' ? 'nmi' : f.exception === 'fiq' ? 'fiq' : 'irq';
      open.push({
        pe,
        start: e.time,
        depth: num(f.depth) ?? depthNow + 1,
        kind,
        intid: null,
        name: null,
      });
    } else if (byException && e.kind === 'exception-returned') {
      const i = open.findLastIndex((o) => o.pe === pe);
      if (i >= 0) close(i, e.time);
    } else if (e.kind === 'acknowledged') {
      if (!byException)
        open.push({
          pe,
          start: e.time,
          depth: depthNow + 1,
          kind: f.nmi === true ? 'nmi' : 'irq',
          intid: e.intid,
          name: null,
        });
      else {
        const o = top();
        if (o && o.intid === null) {
          o.intid = e.intid;
          if (f.nmi === true) o.kind = 'nmi';
        }
      }
    } else if (e.kind === 'interrupt-handled') {
      // the guest's own word: a pseudo-NMI is an ordinary IRQ to the PE, an NMI to Linux
      const o = open.findLast((x) => x.pe === pe && (x.intid === e.intid || x.intid === null));
      if (o) {
        o.intid ??= e.intid;
        if (typeof f.name === 'string') o.name = f.name;
        if (f.nmi === true) o.kind = 'nmi';
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
  for (const o of open) spans.push(toSpan(o, null));
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
