/**
 * Builds a Recording from the events of a run (a machine or a QEMU trace replay) and samples of
 * the CPU interfaces. The caller feeds every event with its moment and calls `settle()` once the
 * model holds the state after those events; `finish()` closes what is still open.
 */
import type { CpuInterfaceView, GicEvent } from '../../gic/index.ts';
import type { MachineEventBody } from '../../machine/index.ts';
import type {
  HandlerSlice,
  Marker,
  NamedValue,
  PeSample,
  PendingFlow,
  PendingSource,
  Recording,
  TimeUnit,
} from './recording.ts';

export interface RecorderOptions {
  readonly title: string;
  readonly timeUnit: TimeUnit;
  readonly peCount: number;
  readonly start: number;
  /** The CPU interface of a PE as it is now (no side effects). */
  readonly cpuInterface: (
    pe: number,
  ) => Pick<CpuInterfaceView, 'pmr' | 'runningPriority' | 'hppi' | 'outputs'>;
  readonly interruptNames?: Readonly<Record<number, string>>;
  readonly priorityNames?: readonly NamedValue[];
}

interface OpenSlice {
  readonly pe: number;
  readonly intid: number;
  readonly group: string;
  readonly priority: number;
  nmi: boolean;
  readonly depth: number;
  readonly start: number;
  readonly startSeq: number;
}

interface OpenPending {
  readonly intid: number;
  readonly source: PendingSource;
  readonly at: number;
  readonly seq: number;
}

/** The first LPI INTID (IHI 0069 §2.2.1). */
const LPI_BASE = 8192;

const pendingKey = (intid: number, pe: number | null) => `${intid}:${pe ?? 'spi'}`;

export class Recorder {
  readonly #options: RecorderOptions;
  readonly #samples: PeSample[][];
  readonly #stacks: OpenSlice[][];
  readonly #slices: HandlerSlice[] = [];
  readonly #markers: Marker[] = [];
  readonly #flows: PendingFlow[] = [];
  readonly #pending = new Map<string, OpenPending>();
  /** The PE that acknowledged each active SPI, to place its deactivation. */
  readonly #spiOwner = new Map<number, number>();
  readonly #dirty = new Set<number>();
  #now: number;
  /** Orders what is recorded at the same moment. */
  #seq = 0;

  constructor(options: RecorderOptions) {
    this.#options = options;
    this.#now = options.start;
    this.#samples = Array.from({ length: options.peCount }, () => []);
    this.#stacks = Array.from({ length: options.peCount }, () => []);
    for (let pe = 0; pe < options.peCount; pe += 1) this.#dirty.add(pe);
    this.settle();
  }

  /** A machine event (its GIC events included). */
  machineEvent(at: number, event: MachineEventBody): void {
    if (event.kind === 'gic') {
      this.gicEvent(at, event.event);
      return;
    }
    this.#now = Math.max(this.#now, at);
    if (event.kind === 'interrupt-handled' && event.nmi) {
      // a pseudo-NMI is an ordinary interrupt to the GIC: the guest's handler says it was an NMI
      const open = this.#stacks[event.pe]?.findLast((s) => s.intid === event.intid);
      if (open) open.nmi = true;
    }
  }

  gicEvent(at: number, event: GicEvent): void {
    this.#now = Math.max(this.#now, at);
    const t = this.#now;
    switch (event.kind) {
      case 'became-pending': {
        const source: PendingSource =
          event.pe === null ? { block: 'distributor' } : { block: 'redistributor', pe: event.pe };
        const key = pendingKey(event.intid, event.pe);
        if (!this.#pending.has(key))
          this.#pending.set(key, { intid: event.intid, source, at: t, seq: this.#seq++ });
        break;
      }
      case 'pending-cleared':
        if (event.cause !== 'acknowledge') this.#pending.delete(pendingKey(event.intid, event.pe));
        break;
      case 'acknowledged': {
        const stack = this.#stacks[event.pe];
        if (!stack) break;
        stack.push({
          pe: event.pe,
          intid: event.intid,
          group: event.group,
          priority: event.priority,
          nmi: event.nmi,
          depth: stack.length,
          start: t,
          startSeq: this.#seq++,
        });
        if (event.intid >= 32) this.#spiOwner.set(event.intid, event.pe);
        // SGIs, PPIs and LPIs are pending per Redistributor; SPIs in the Distributor
        const perPe = event.intid < 32 || event.intid >= LPI_BASE;
        const key = pendingKey(event.intid, perPe ? event.pe : null);
        const pending = this.#pending.get(key);
        if (pending) {
          this.#pending.delete(key);
          this.#flows.push({
            id: this.#flows.length + 1,
            intid: event.intid,
            source: pending.source,
            pendingAt: pending.at,
            pendingSeq: pending.seq,
            acknowledgedAt: t,
            pe: event.pe,
          });
        }
        this.#marker(t, 'acknowledge', event.pe, event.intid, `${event.register}, ${event.group}`);
        this.#dirty.add(event.pe);
        break;
      }
      case 'priority-dropped': {
        // the architecture drops the highest active priority, which is the latest handler entered
        const open = this.#stacks[event.pe]?.pop();
        this.#marker(t, 'priority-drop', event.pe, event.intid, `EOIR, ${event.group}`);
        if (open) this.#slices.push({ ...open, end: t, endSeq: this.#seq++ });
        this.#dirty.add(event.pe);
        break;
      }
      case 'deactivated': {
        const pe = event.pe ?? this.#spiOwner.get(event.intid) ?? null;
        if (event.intid >= 32) this.#spiOwner.delete(event.intid);
        this.#marker(t, 'deactivation', pe, event.intid, event.cause);
        break;
      }
      default:
        if ('pe' in event && typeof event.pe === 'number') this.#dirty.add(event.pe);
        break;
    }
  }

  /** Samples every PE an event touched since the last call, at the latest event's moment. */
  settle(): void {
    for (const pe of this.#dirty) this.#sample(pe);
    this.#dirty.clear();
  }

  finish(end: number): Recording {
    this.settle();
    const last = Math.max(end, this.#now);
    const slices = [...this.#slices];
    for (const stack of this.#stacks)
      for (const open of stack) slices.push({ ...open, end: null, endSeq: null });
    slices.sort((a, b) => a.start - b.start || a.depth - b.depth);
    return {
      title: this.#options.title,
      timeUnit: this.#options.timeUnit,
      peCount: this.#options.peCount,
      start: this.#options.start,
      end: last,
      samples: this.#samples,
      slices,
      markers: this.#markers,
      flows: this.#flows,
      interruptNames: this.#options.interruptNames ?? {},
      priorityNames: this.#options.priorityNames ?? [],
    };
  }

  #marker(at: number, kind: Marker['kind'], pe: number | null, intid: number, detail: string) {
    this.#markers.push({ at, kind, pe, intid, detail, seq: this.#seq++ });
  }

  #sample(pe: number): void {
    const cpu = this.#options.cpuInterface(pe);
    const top = this.#stacks[pe]?.at(-1);
    const sample: PeSample = {
      at: this.#now,
      pmr: cpu.pmr,
      runningPriority: cpu.runningPriority,
      pendingPriority: cpu.hppi?.priority ?? 0xff,
      irq: cpu.outputs.irq,
      fiq: cpu.outputs.fiq,
      nmi: cpu.outputs.nmi,
      activeIntid: top?.intid ?? null,
    };
    const list = this.#samples[pe];
    if (!list) return;
    const previous = list.at(-1);
    if (previous && sameValues(previous, sample)) return;
    if (previous && previous.at === sample.at) {
      list[list.length - 1] = sample;
      const before = list.at(-2);
      if (before && sameValues(before, sample)) list.pop();
    } else list.push(sample);
  }
}

function sameValues(a: PeSample, b: PeSample): boolean {
  return (
    a.pmr === b.pmr &&
    a.runningPriority === b.runningPriority &&
    a.pendingPriority === b.pendingPriority &&
    a.irq === b.irq &&
    a.fiq === b.fiq &&
    a.nmi === b.nmi &&
    a.activeIntid === b.activeIntid
  );
}
