/**
 * Trace Event Format JSON (the Chrome/catapult format that ui.perfetto.dev opens): one thread
 * track per PE with a B/E slice per handled interrupt, nested as the handlers nested; counter
 * tracks per PE for PMR, the running priority and the highest pending priority; instant events
 * for acknowledge, priority drop and deactivation; flow arrows from "became pending" to the
 * handler that acknowledged it.
 *
 * Perfetto keeps the file order of events with equal timestamps when the file is sorted by
 * time, so events are written in time order and, within one moment, in the order they happened.
 */
import { interruptName } from './names.ts';
import type { Recording } from './recording.ts';

/** One Trace Event Format event (only the fields this exporter writes). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: 'B' | 'E' | 'X' | 'i' | 'C' | 'M';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly cat?: string;
  readonly dur?: number;
  readonly s?: 't' | 'p' | 'g';
  readonly args?: Readonly<Record<string, string | number | boolean>>;
  /** Flow events, version 2: the slice carrying `flow_out` points to the one with `flow_in`. */
  readonly bind_id?: number;
  readonly flow_in?: boolean;
  readonly flow_out?: boolean;
}

export interface PerfettoTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ns';
  readonly otherData: Readonly<Record<string, string | number>>;
}

const PID = 1;
/** Thread ids: PE n is n + 1, the Distributor 10000, Redistributor n 10001 + n. */
export const peTid = (pe: number) => pe + 1;
export const DISTRIBUTOR_TID = 10_000;
export const redistributorTid = (pe: number) => 10_001 + pe;

/** Category of a handler slice: NMIs (architected or pseudo) in their own. */
export const NMI_CATEGORY = 'nmi';
export const IRQ_CATEGORY = 'interrupt';

interface Timed {
  readonly t: number;
  readonly seq: number;
  readonly event: TraceEvent;
}

const hex = (value: number) => `0x${value.toString(16).padStart(2, '0')}`;

export function toPerfetto(recording: Recording): PerfettoTrace {
  // TEF timestamps are microseconds; a trace line counts as one.
  const scale = recording.timeUnit === 'ns' ? 1 / 1000 : 1;
  const ts = (t: number) => Number((t * scale).toFixed(3));
  const names = recording.interruptNames;
  const out: Timed[] = [];
  let order = 0;
  const push = (t: number, seq: number, event: TraceEvent) => out.push({ t, seq, event });
  // counters and unfinished slices go after everything recorded at the same moment
  const late = () => 1e15 + order++;

  const meta: TraceEvent[] = [
    {
      name: 'process_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: 0,
      args: { name: `gicscope: ${recording.title}` },
    },
    {
      name: 'thread_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: DISTRIBUTOR_TID,
      args: { name: 'Distributor (SPIs pending)' },
    },
  ];
  for (let pe = 0; pe < recording.peCount; pe += 1) {
    meta.push({
      name: 'thread_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: peTid(pe),
      args: { name: `PE ${pe}` },
    });
    meta.push({
      name: 'thread_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: redistributorTid(pe),
      args: { name: `Redistributor ${pe} (SGIs/PPIs pending)` },
    });
  }

  const flowBySlice = new Map<string, number>();
  for (const flow of recording.flows) {
    flowBySlice.set(`${flow.pe}:${flow.acknowledgedAt}:${flow.intid}`, flow.id);
    const tid =
      flow.source.block === 'distributor' ? DISTRIBUTOR_TID : redistributorTid(flow.source.pe);
    push(flow.pendingAt, flow.pendingSeq, {
      name: `${interruptName(flow.intid, names)} pending`,
      cat: 'pending',
      ph: 'X',
      ts: ts(flow.pendingAt),
      dur: 0,
      pid: PID,
      tid,
      args: { intid: flow.intid },
      bind_id: flow.id,
      flow_out: true,
    });
  }

  for (const slice of recording.slices) {
    const tid = peTid(slice.pe);
    const name = interruptName(slice.intid, names);
    const cat = slice.nmi ? NMI_CATEGORY : IRQ_CATEGORY;
    const flow = flowBySlice.get(`${slice.pe}:${slice.start}:${slice.intid}`);
    push(slice.start, slice.startSeq, {
      name,
      cat,
      ph: 'B',
      ts: ts(slice.start),
      pid: PID,
      tid,
      args: {
        intid: slice.intid,
        group: slice.group,
        priority: hex(slice.priority),
        depth: slice.depth,
        ...(slice.end === null ? { note: 'still running when the recording ended' } : {}),
      },
      ...(flow === undefined ? {} : { bind_id: flow, flow_in: true }),
    });
    const end = slice.end ?? recording.end;
    push(end, slice.endSeq ?? late(), { name, cat, ph: 'E', ts: ts(end), pid: PID, tid });
  }

  for (const marker of recording.markers) {
    const tid = marker.pe === null ? DISTRIBUTOR_TID : peTid(marker.pe);
    push(marker.at, marker.seq, {
      name: `${marker.kind} ${interruptName(marker.intid, names)}`,
      cat: marker.kind,
      ph: 'i',
      s: 't',
      ts: ts(marker.at),
      pid: PID,
      tid,
      args: { intid: marker.intid, detail: marker.detail },
    });
  }

  recording.samples.forEach((samples, pe) => {
    let previous: (typeof samples)[number] | null = null;
    for (const sample of samples) {
      const counters: [string, number, number | undefined][] = [
        ['PMR', sample.pmr, previous?.pmr],
        ['running priority', sample.runningPriority, previous?.runningPriority],
        ['highest pending priority', sample.pendingPriority, previous?.pendingPriority],
      ];
      for (const [what, value, before] of counters) {
        if (value === before) continue;
        push(sample.at, late(), {
          name: `PE${pe}`,
          ph: 'C',
          ts: ts(sample.at),
          pid: PID,
          tid: peTid(pe),
          args: { [what]: value },
        });
      }
      previous = sample;
    }
  });

  out.sort((a, b) => a.t - b.t || a.seq - b.seq);
  return {
    traceEvents: [...meta, ...out.map((o) => o.event)],
    displayTimeUnit: 'ns',
    otherData: {
      generator: 'gicscope',
      title: recording.title,
      timeUnit:
        recording.timeUnit === 'ns'
          ? '1 us of trace time = 1 us of virtual time'
          : '1 us of trace time = 1 QEMU trace line',
      counters: 'per PE: PMR, running priority, highest pending priority (0xff = none)',
    },
  };
}

/** The JSON text, one event per line so that large traces stay diff- and grep-friendly. */
export function perfettoJson(recording: Recording): string {
  const trace = toPerfetto(recording);
  const events = trace.traceEvents.map((e) => JSON.stringify(e)).join(',\n');
  return `{"displayTimeUnit":"ns","otherData":${JSON.stringify(trace.otherData)},"traceEvents":[\n${events}\n]}\n`;
}
