/**
 * A QEMU trace as the host drives it: one step replays one trace record through the model (the
 * `qemu` profile), and a moment is the record's trace line. The log shows each record as QEMU
 * printed it, then the model's own events, then a flagged row for every value QEMU reported that
 * the model disagrees with; events the model does not cover are shown as "not modelled".
 */
import type { GicEvent } from '../../gic/index.ts';
import { describeQemuRecord, QemuReplayer } from '../../trace/index.ts';
import type { QemuReplayerSnapshot, QemuTraceRecord, ReplayMismatch } from '../../trace/index.ts';
import type {
  EventView,
  InjectorMode,
  InspectionView,
  MachineDiff,
  MachineView,
  RegisterTarget,
  ScenarioMeta,
  TimelineDelta,
  TraceReplayView,
} from '../../protocol/index.ts';
import {
  InputError,
  type Engine,
  type EngineSnapshot,
  type InputOutcome,
  type InstantResult,
} from '../engine.ts';
import { TimelineRecorder, type RecorderSnapshot } from '../timeline/recorder.ts';
import { buildInspection } from '../inspect/index.ts';
import { eventView } from '../view/events.ts';
import { TraceState, type TraceStateSnapshot } from './trace-state.ts';
import { traceView, diffViews } from './trace-view.ts';

/** A row of the log, converted to an EventView only when it is sent. */
type Row =
  | { readonly kind: 'gic'; readonly seq: number; readonly at: number; readonly event: GicEvent }
  | {
      readonly kind: 'record';
      readonly seq: number;
      readonly at: number;
      readonly record: QemuTraceRecord;
    }
  | {
      readonly kind: 'mismatch';
      readonly seq: number;
      readonly at: number;
      readonly mismatch: ReplayMismatch;
    }
  | { readonly kind: 'problem'; readonly seq: number; readonly at: number; readonly text: string };

interface TraceEngineSnapshot extends EngineSnapshot {
  readonly replayer: QemuReplayerSnapshot;
  readonly seq: number;
  readonly time: number;
  readonly state: TraceStateSnapshot;
  readonly timeline: RecorderSnapshot;
}

/** A trace's checkpoint beside the GIC's own: the tallies, the checks' state, the views' state. */
const TRACE_SNAPSHOT_OVERHEAD_BYTES = 4096;

/** The page's crash-recovery copy of a trace: a restarted worker no longer holds the file. */
const NOT_RESUMABLE = 'qemu-trace';

const READ_ONLY =
  'This is a recorded QEMU trace: the model follows what the guest did, so it takes no input. ' +
  'Open a scenario to experiment.';

export interface TraceSource {
  readonly token: string;
  readonly name: string;
  readonly records: readonly QemuTraceRecord[];
  /** the summary of the whole replay, made when the trace was opened (null while preparing) */
  readonly summary: TraceReplayView | null;
}

export class TraceEngine implements Engine {
  readonly scenario: ScenarioMeta;
  readonly peCount: number;
  /** the last record's line: a trace's story ends there */
  readonly endTime: number;
  readonly #timeline = new TimelineRecorder();
  readonly #replayer: QemuReplayer;
  readonly #records: readonly QemuTraceRecord[];
  readonly #summary: TraceReplayView | null;
  readonly #state: TraceState;
  #pending: Row[] = [];
  #seq = -1;
  #time = 0;
  #sent: MachineView | null = null;
  /** mismatch rows as they are found, with their seq (read by the opening pass) */
  readonly flagged: { readonly mismatch: ReplayMismatch; readonly seq: number }[] = [];
  /**
   * The opening pass only numbers the rows (to find each disagreement's seq): it makes no row
   * objects, which it would throw away.
   */
  counting = false;

  constructor(source: TraceSource) {
    this.#records = source.records;
    this.#summary = source.summary;
    this.#replayer = new QemuReplayer(source.records);
    this.peCount = this.#replayer.config.peCount;
    this.#state = new TraceState(this.peCount);
    this.scenario = {
      id: `qemu-trace:${source.token}`,
      title: `QEMU trace: ${source.name}`,
      summary: `${source.records.length} gicv3 records replayed through the model under the qemu profile`,
      origin: 'file',
    };
    this.endTime = source.records.at(-1)?.line ?? 0;
    this.#replayer.gic.subscribe((event) => {
      this.#state.note(event, this.#time);
      if (this.counting) {
        this.#seq += 1;
        return;
      }
      const seq = this.#push({ kind: 'gic', seq: 0, at: this.#time, event });
      // a GIC trace has no exception entries: bars open at the acknowledge, close at the EOI
      this.#timeline.record({ kind: 'gic', event, seq, at: this.#time });
    });
  }

  get replayer(): QemuReplayer {
    return this.#replayer;
  }

  /** Replays the next record (the opening pass); false at the end of the trace. */
  step(): boolean {
    const record = this.#records[this.#replayer.index];
    if (record === undefined) return false;
    this.#replay(record);
    return true;
  }

  runInstant(limit = Infinity): InstantResult | null {
    const record = this.#records[this.#replayer.index];
    if (record === undefined || record.line > limit) return null;
    const before = this.#seq;
    const acknowledged = this.#replay(record);
    return { time: record.line, events: this.#seq - before, acknowledged };
  }

  runUntil(time: number): void {
    while (this.runInstant(time) !== null);
    this.#time = Math.max(this.#time, time);
  }

  /** One record at its line; true when the model acknowledged an interrupt on the way. */
  #replay(record: QemuTraceRecord): boolean {
    this.#time = record.line;
    if (this.counting) this.#seq += 1;
    else this.#push({ kind: 'record', seq: 0, at: record.line, record });
    const acks = this.#state.acknowledges;
    const report = this.#replayer.step();
    for (const mismatch of [
      ...(report?.guestMismatches ?? []),
      ...(report?.emulatorMismatches ?? []),
    ]) {
      const seq = this.#push({ kind: 'mismatch', seq: 0, at: record.line, mismatch });
      this.flagged.push({ mismatch, seq });
    }
    for (const problem of report?.problems ?? [])
      this.#push({
        kind: 'problem',
        seq: 0,
        at: record.line,
        text: `line ${problem.line}: ${problem.message}`,
      });
    return this.#state.acknowledges > acks;
  }

  time(): number {
    return this.#time;
  }

  nextEventTime(): number | null {
    return this.#records[this.#replayer.index]?.line ?? null;
  }

  injectNmi(): InputOutcome {
    throw new InputError(READ_ONLY);
  }

  setInjectorMode(_mode: InjectorMode): InputOutcome {
    throw new InputError(READ_ONLY);
  }

  writeRegister(_target: RegisterTarget, _value: bigint): InputOutcome {
    throw new InputError(READ_ONLY);
  }

  readRegister(_target: RegisterTarget): InputOutcome {
    throw new InputError(READ_ONLY);
  }

  inspect(pe: number, intid: number | null): InspectionView {
    if (pe < 0 || pe >= this.peCount) throw new InputError(`there is no PE ${pe}`);
    // PSTATE is not in a GIC trace: the explainer says so instead of guessing the masks
    return buildInspection({
      gic: this.#replayer.gic,
      pe,
      intid,
      masks: [],
      pseudoNmi: { enabled: false, nmiPriority: null },
      recentWarnings: this.#pending.flatMap((row) =>
        row.kind === 'gic' && row.event.kind === 'warning' ? [row.event] : [],
      ),
    });
  }

  snapshot(): TraceEngineSnapshot {
    const replayer = this.#replayer.snapshot();
    return {
      bytes: replayer.gic.bytes + TRACE_SNAPSHOT_OVERHEAD_BYTES,
      replayer,
      seq: this.#seq,
      time: this.#time,
      state: this.#state.snapshot(),
      timeline: this.#timeline.snapshot(),
    };
  }

  /** No recovery copy: after a worker restart the trace itself is gone (the page says so). */
  snapshotText(_snapshot: EngineSnapshot): string {
    return JSON.stringify(NOT_RESUMABLE);
  }

  restore(snapshot: EngineSnapshot | string): void {
    if (typeof snapshot === 'string')
      throw new InputError(
        'A QEMU trace is not kept across a worker restart: open the file again.',
      );
    const s = snapshot as TraceEngineSnapshot;
    this.#replayer.restore(s.replayer);
    this.#seq = s.seq;
    this.#time = s.time;
    this.#state.restore(s.state);
    this.#timeline.restore(s.timeline);
    this.#pending = [];
  }

  view(): MachineView {
    const view = traceView(this.#replayer, this.#state, this.#time, this.#summary, this.#records);
    this.#sent = view;
    return view;
  }

  diff(): MachineDiff {
    const view = traceView(this.#replayer, this.#state, this.#time, this.#summary, this.#records);
    const before = this.#sent;
    this.#sent = view;
    return before ? diffViews(before, view) : { time: view.time };
  }

  drainTimeline(limit?: number): TimelineDelta | null {
    return this.#timeline.drain(limit);
  }

  forgetPendingAfter(seq: number): void {
    this.#pending = this.#pending.filter((row) => row.seq <= seq);
    this.#timeline.forgetPendingAfter(seq);
  }

  drainEvents(limit = Infinity): { events: EventView[]; skipped: number } {
    const skipped = Math.max(0, this.#pending.length - limit);
    const events = this.#pending.slice(skipped).map((row) => this.#rowView(row));
    this.#pending = [];
    return { events, skipped };
  }

  eventSeq(): number {
    return this.#seq;
  }

  #push(row: Row): number {
    this.#seq += 1;
    if (!this.counting) this.#pending.push({ ...row, seq: this.#seq });
    return this.#seq;
  }

  #rowView(row: Row): EventView {
    switch (row.kind) {
      case 'gic':
        return eventView({ kind: 'gic', event: row.event, seq: row.seq, at: row.at });
      case 'record': {
        const notModelled = row.record.kind === 'unmodelled';
        return {
          seq: row.seq,
          time: row.at,
          kind: notModelled ? 'qemu-not-modelled' : 'qemu-record',
          pe: null,
          intid: 'intid' in row.record ? row.record.intid : null,
          text: `line ${row.at}: ${describeQemuRecord(row.record)}`,
          warning: false,
          path: [],
          fields: { line: row.at, record: row.record.kind },
        };
      }
      case 'mismatch': {
        const m = row.mismatch;
        const where = m.pe === null ? '' : ` on PE ${m.pe}`;
        return {
          seq: row.seq,
          time: row.at,
          kind: 'qemu-mismatch',
          pe: m.pe,
          intid: null,
          text: `line ${m.line}: ${m.check}${where} — QEMU reported ${m.expected}, the model says ${m.got}`,
          warning: true,
          path: [],
          fields: { line: m.line, check: m.check, qemu: m.expected, model: m.got },
        };
      }
      case 'problem':
        return {
          seq: row.seq,
          time: row.at,
          kind: 'qemu-problem',
          pe: null,
          intid: null,
          text: row.text,
          warning: true,
          path: [],
          fields: {},
        };
    }
  }
}
