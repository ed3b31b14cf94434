import type { MachineEvent } from '../../machine/index.ts';
import type {
  TimelineDelta,
  TimelineInstant,
  TimelineSpan,
  TimelineSpanKind,
  TimelineStep,
} from '../../protocol/index.ts';

interface OpenSpan {
  readonly id: number;
  readonly pe: number;
  readonly start: number;
  readonly depth: number;
  kind: TimelineSpanKind;
  intid: number | null;
  name: string | null;
  /** opened by an acknowledge (a recording without exception events), closed by its EOI */
  readonly byAcknowledge: boolean;
}

/**
 * A bar's record until it is sent: changed in place by each of its events (open, acknowledged,
 * returned); its label is written only if it goes to the page, as most of a storm's bars never do.
 */
type PendingSpan = { -readonly [K in Exclude<keyof TimelineSpan, 'label'>]: TimelineSpan[K] };

/** The recorder's state at a moment: the bars still open. Part of every checkpoint. */
export interface RecorderSnapshot {
  readonly open: readonly OpenSpan[];
}

/**
 * Records kept for the next frame; beyond this the oldest go (and are counted). The page keeps
 * about as many (store/timeline-records.ts): sending more would only cost cloning.
 */
const PENDING_LIMIT = 3000;

const EXCEPTION_KIND = { irq: 'irq', fiq: 'fiq', 'superpriority-irq': 'nmi' } as const;

/** "NMI 33 uart-pl011", "IRQ 27", "FIQ" (before the acknowledge) */
export function spanLabel(
  kind: TimelineSpanKind,
  intid: number | null,
  name: string | null,
): string {
  return [kind.toUpperCase(), intid ?? '', name ?? ''].filter((p) => p !== '').join(' ');
}

/** The low byte of a `0x…` value (a PMR write): no BigInt, this runs for every PMR write. */
function hexValue(value: string): number | null {
  if (!value.startsWith('0x') || value.length < 3) return null;
  const low = parseInt(value.slice(Math.max(2, value.length - 2)), 16);
  return Number.isNaN(low) ? null : low;
}

/**
 * Builds the timeline from every machine event as it happens — handler bars (exception entry to
 * ERET; the INTID from the acknowledge, the guest's name for it and whether it ran as an NMI from
 * its interrupt-handled event), PMR and running-priority steps, NMI / SGI / injection
 * instants — so that no bar is left open or missing when the log skips events.
 */
export class TimelineRecorder {
  /** bars still open, per PE, innermost last */
  #open = new Map<number, OpenSpan[]>();
  #spans = new Map<number, PendingSpan>();
  #steps: TimelineStep[] = [];
  #instants: TimelineInstant[] = [];
  #dropped = 0;
  #pendingCount = 0;
  /** bars the page was sent while open: their next change always goes */
  readonly #sentOpen = new Set<number>();

  record(event: MachineEvent): void {
    switch (event.kind) {
      case 'exception-taken':
        this.#push({
          id: event.seq,
          pe: event.pe,
          start: event.at,
          depth: event.depth,
          kind: EXCEPTION_KIND[event.exception],
          intid: null,
          name: null,
          byAcknowledge: false,
        });
        return;
      case 'exception-returned': {
        const open = this.#openOn(event.pe);
        const index = open.findLastIndex((s) => !s.byAcknowledge);
        if (index >= 0) this.#close(open, index, event.seq, event.at);
        return;
      }
      case 'interrupt-handled': {
        // the guest's own word: a pseudo-NMI is an ordinary IRQ to the PE, an NMI to Linux
        const span = this.#openOn(event.pe).findLast(
          (s) => s.intid === event.intid || s.intid === null,
        );
        if (!span) return;
        const kind = event.nmi ? 'nmi' : span.kind;
        if (span.intid === event.intid && span.name === event.name && span.kind === kind) return;
        span.intid ??= event.intid;
        span.name = event.name;
        span.kind = kind;
        this.#emit(span, null, null);
        return;
      }
      case 'nmi-injected':
        if (event.targetPe !== null)
          this.#instant({ seq: event.seq, pe: event.targetPe, time: event.at, label: 'inject' });
        return;
      case 'gic':
        this.#gic(event);
        return;
      default:
        return;
    }
  }

  #gic(event: Extract<MachineEvent, { kind: 'gic' }>): void {
    const e = event.event;
    switch (e.kind) {
      case 'acknowledged': {
        this.#step({
          seq: event.seq,
          pe: e.pe,
          time: event.at,
          series: 'rpr',
          value: e.runningPriority,
        });
        if (e.nmi) this.#instant({ seq: event.seq, pe: e.pe, time: event.at, label: 'NMI' });
        if (e.intid >= 1020) return;
        const open = this.#openOn(e.pe);
        const top = open.at(-1);
        if (top && !top.byAcknowledge && top.intid === null) {
          top.intid = e.intid;
          if (e.nmi) top.kind = 'nmi';
          this.#emit(top, null, null);
        } else {
          const depth = open.length + 1;
          this.#push({
            id: event.seq,
            pe: e.pe,
            start: event.at,
            depth,
            // Group 0 is always signalled as FIQ
            kind: e.nmi ? 'nmi' : e.register === 'ICC_IAR0_EL1' ? 'fiq' : 'irq',
            intid: e.intid,
            name: null,
            byAcknowledge: true,
          });
        }
        return;
      }
      case 'priority-dropped': {
        this.#step({
          seq: event.seq,
          pe: e.pe,
          time: event.at,
          series: 'rpr',
          value: e.runningPriority,
        });
        const open = this.#openOn(e.pe);
        const index = open.findLastIndex((s) => s.byAcknowledge && s.intid === e.intid);
        if (index >= 0) this.#close(open, index, event.seq, event.at);
        return;
      }
      case 'register-written': {
        if (e.register !== 'ICC_PMR_EL1' || e.pe === null) return;
        const value = hexValue(e.value);
        if (value !== null)
          this.#step({ seq: event.seq, pe: e.pe, time: event.at, series: 'pmr', value });
        return;
      }
      case 'sgi-generated':
        this.#instant({ seq: event.seq, pe: e.pe, time: event.at, label: 'SGI' });
        return;
      default:
        return;
    }
  }

  /**
   * Records since the last call, or null when there are none. With a `limit` (a busy frame) only
   * the newest new records go, but every change to a bar the page holds open (its label, its
   * return) always does, so no bar stays open on the page that the machine left. Without one (a
   * frame at a pause) everything goes, and every bar open now, so the page has each running
   * handler whatever was left out before.
   */
  drain(limit?: number): TimelineDelta | null {
    const forced = limit === undefined;
    if (forced)
      for (const open of this.#allOpen())
        if (!this.#spans.has(open.id)) this.#emit(open, null, null);
    if (this.#pendingCount === 0 && this.#dropped === 0) return null;
    let spans: readonly PendingSpan[] = [...this.#spans.values()];
    let steps = this.#steps;
    let instants = this.#instants;
    let dropped = this.#dropped;
    if (!forced) {
      const known = spans.filter((s) => this.#sentOpen.has(s.id));
      const fresh = spans.filter((s) => !this.#sentOpen.has(s.id));
      const keep = fresh.slice(Math.max(0, fresh.length - limit));
      spans = [...known, ...keep];
      dropped += fresh.length - keep.length;
      if (steps.length > limit) {
        dropped += steps.length - limit;
        steps = steps.slice(steps.length - limit);
      }
      const instantLimit = Math.ceil(limit / 4);
      if (instants.length > instantLimit) {
        dropped += instants.length - instantLimit;
        instants = instants.slice(instants.length - instantLimit);
      }
    }
    for (const span of spans)
      if (span.end === null) this.#sentOpen.add(span.id);
      else this.#sentOpen.delete(span.id);
    this.#spans = new Map();
    this.#steps = [];
    this.#instants = [];
    this.#dropped = 0;
    this.#pendingCount = 0;
    return {
      spans: spans.map((span) => ({ ...span, label: spanLabel(span.kind, span.intid, span.name) })),
      steps,
      instants,
      dropped,
    };
  }

  snapshot(): RecorderSnapshot {
    return { open: this.#allOpen().map((s) => ({ ...s })) };
  }

  /**
   * Back to a checkpoint's open bars. Records not yet sent stay: they happened, or they are the
   * recorded future (the replay sends them again, the same).
   */
  restore(snapshot: RecorderSnapshot): void {
    this.#open = new Map();
    for (const span of snapshot.open) this.#openOn(span.pe).push({ ...span });
  }

  #openOn(pe: number): OpenSpan[] {
    let open = this.#open.get(pe);
    if (!open) {
      open = [];
      this.#open.set(pe, open);
    }
    return open;
  }

  /** Every open bar in the order they opened (their ids are the seqs of the events that did). */
  #allOpen(): OpenSpan[] {
    return [...this.#open.values()].flat().sort((a, b) => a.id - b.id);
  }

  /** Drops unsent records from after event `seq`; a bar that closed after it is open again. */
  forgetPendingAfter(seq: number): void {
    for (const id of this.#sentOpen) if (id > seq) this.#sentOpen.delete(id);
    for (const [id, span] of this.#spans) {
      if (id > seq) this.#spans.delete(id);
      else if (span.endSeq !== null && span.endSeq > seq)
        this.#spans.set(id, { ...span, end: null, endSeq: null });
    }
    this.#steps = this.#steps.filter((s) => s.seq <= seq);
    this.#instants = this.#instants.filter((i) => i.seq <= seq);
    this.#pendingCount = this.#spans.size + this.#steps.length + this.#instants.length;
  }

  #push(span: OpenSpan): void {
    this.#openOn(span.pe).push(span);
    this.#emit(span, null, null);
  }

  #close(open: OpenSpan[], index: number, seq: number, time: number): void {
    const [span] = open.splice(index, 1);
    this.#emit(span, seq, time);
  }

  #emit(span: OpenSpan, endSeq: number | null, end: number | null): void {
    const pending = this.#spans.get(span.id);
    if (pending) {
      pending.end = end;
      pending.endSeq = endSeq;
      pending.kind = span.kind;
      pending.intid = span.intid;
      pending.name = span.name;
      return;
    }
    this.#grow();
    this.#spans.set(span.id, {
      id: span.id,
      pe: span.pe,
      start: span.start,
      end,
      endSeq,
      depth: span.depth,
      kind: span.kind,
      intid: span.intid,
      name: span.name,
    });
  }

  #step(step: TimelineStep): void {
    this.#grow();
    this.#steps.push(step);
  }

  #instant(instant: TimelineInstant): void {
    this.#grow();
    this.#instants.push(instant);
  }

  /**
   * Keeps the pending records bounded: past the limit the older half of the new records goes
   * (counted) — never a change to a bar the page holds open, or it would stay open there.
   */
  #grow(): void {
    this.#pendingCount += 1;
    if (this.#pendingCount <= PENDING_LIMIT) return;
    const drop = (list: unknown[]) => {
      const n = Math.floor(list.length / 2);
      list.splice(0, n);
      return n;
    };
    let dropped = drop(this.#steps) + drop(this.#instants);
    const fresh = [...this.#spans.keys()].filter((id) => !this.#sentOpen.has(id));
    for (const id of fresh.slice(0, Math.floor(fresh.length / 2))) this.#spans.delete(id);
    dropped += Math.floor(fresh.length / 2);
    this.#dropped += dropped;
    this.#pendingCount -= dropped;
  }
}
