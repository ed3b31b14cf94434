import type { RegisterTarget as MachineRegisterTarget } from '../machine/index.ts';
import {
  BUILTIN_SCENARIOS,
  builtinScenario,
  createMachine,
  parseScenarioText,
  reportText,
  type Machine,
  type MachineEvent,
  type MachineSnapshot,
  type MachineView as FullMachineView,
  type Scenario,
  type InjectorView as MachineInjectorView,
} from '../machine/index.ts';
import type {
  CounterRowView,
  CpuGateView,
  CpuView,
  EventView,
  InjectorMode,
  InjectorView,
  InspectionView,
  InterruptView,
  ItsDiagramView,
  ItsTranslationView,
  MachineConfigView,
  MachineDiff,
  MachineView,
  RegisterTarget,
  ScenarioMeta,
  ScenarioSource,
  TimelineDelta,
} from '../protocol/index.ts';
import {
  InputError,
  type Engine,
  type EngineSnapshot,
  type EngineFactory,
  type InputOutcome,
  type InstantResult,
} from './engine.ts';
import { machineSnapshotToJson } from '../machine/snapshot/index.ts';
import { EventRing } from './event-ring.ts';
import { buildInspection, type PseudoNmiSetup } from './inspect/index.ts';
import { gateViews } from './view/gates.ts';
import { checkRegisterTarget } from './register-target.ts';
import { TimelineRecorder, type RecorderSnapshot } from './timeline/recorder.ts';
import { cpuViews, sameCpu } from './view/cpus.ts';
import { eventView } from './view/events.ts';
import { interruptKey, interruptView, sameInterrupt } from './view/interrupts.ts';
import { itsDiagramView, lpiViews, translationView } from './view/its.ts';

const meta = (
  s: { id: string; title: string; description?: string },
  origin: ScenarioMeta['origin'],
): ScenarioMeta => ({ id: s.id, title: s.title, summary: s.description ?? '', origin });

function toMachineTarget(target: RegisterTarget): MachineRegisterTarget {
  switch (target.block) {
    case 'distributor':
      return { block: 'distributor', offset: target.offset, size: target.size };
    case 'redistributor':
      return { block: 'redistributor', pe: target.pe, offset: target.offset, size: target.size };
    case 'sysreg':
      return { block: 'cpu-interface', pe: target.pe, register: target.name };
  }
}

interface MachineEngineSnapshot extends EngineSnapshot {
  readonly machine: MachineSnapshot;
  readonly seq: number;
  readonly lastInjection: Extract<MachineEvent, { kind: 'nmi-injected' }> | null;
  readonly lastFailure: string | null;
  /** absent from snapshots taken before the ITS was drawn */
  readonly lastTranslation?: ItsTranslationView | null;
  readonly timeline: RecorderSnapshot;
}

/** Dirty-set numbering of banked interrupts: above every SPI INTID (special INTIDs start at 1020). */
const BANKED = 1024;

/** The newest events kept for the next frame: the page's log shows no more per frame. */
const EVENTS_KEPT = 250;

/** Machine events that can change the injector panel, the checks or the guest's names. */
const META_KINDS = new Set<MachineEvent['kind']>([
  'nmi-injected',
  'nmi-injection-failed',
  'guest-called',
  'register-edited',
  'action-applied',
  'boot-completed',
  'expectation-checked',
]);

/**
 * The machine as the host drives it, and as the page sees it. Views are built for what changed:
 * every event marks the interrupt and PE it names, so a frame rebuilds only those; events
 * beyond the newest EVENTS_KEPT are counted, never kept; the timeline sees every event.
 */
class MachineEngine implements Engine {
  readonly scenario: ScenarioMeta;
  readonly peCount: number;
  readonly endTime: number;
  readonly #machine: Machine;
  readonly #events = new EventRing<MachineEvent>(EVENTS_KEPT);
  readonly #timeline = new TimelineRecorder();
  /** the last event's seq; the machine numbers events from 0 */
  #seq = -1;
  #instantEvents = 0;
  #instantAcknowledged = false;
  #lastInjection: Extract<MachineEvent, { kind: 'nmi-injected' }> | null = null;
  #lastFailure: string | null = null;
  #lastTranslation: ItsTranslationView | null = null;
  /** the ITS view as of event `seq` (rebuilt when an event happened since) */
  #itsCache: { seq: number; view: ItsDiagramView | null } | null = null;
  // what the page holds, for diffs
  #sent: {
    interrupts: Map<string, InterruptView>;
    cpus: CpuView[];
    counters: readonly CounterRowView[];
    injector: string;
    checks: string;
    gates: string[];
    its: string;
  } | null = null;
  /** interrupts an event touched: an SPI by its INTID, a PE's SGI/PPI as BANKED + 32·pe + INTID */
  #dirtyKeys = new Set<number>();
  #allDirty = true;
  #countersDirty = true;
  #metaDirty = true;
  #full: FullMachineView | null = null;
  #names = new Map<number, string>();

  constructor(scenario: Scenario, origin: ScenarioMeta['origin']) {
    this.scenario = { ...meta(scenario, origin), chapters: scenario.chapters };
    this.peCount = scenario.machine.pes;
    this.endTime = scenario.runUntil;
    this.#machine = createMachine(scenario);
    this.#machine.subscribe((event) => this.#record(event));
  }

  #record(event: MachineEvent): void {
    this.#events.push(event);
    this.#timeline.record(event);
    this.#seq = event.seq;
    this.#instantEvents += 1;
    if (META_KINDS.has(event.kind)) this.#metaDirty = true;
    if (event.kind === 'interrupt-handled' || event.kind === 'guest-called')
      this.#countersDirty = true;
    if (event.kind === 'guest-called') this.#allDirty = true;
    if (event.kind === 'nmi-injected') {
      // injections come from the button and from the scenario's own timeline alike
      this.#lastInjection = event;
      this.#lastFailure = null;
    } else if (event.kind === 'nmi-injection-failed')
      this.#lastFailure = `${event.reason} — ${event.fix}`;
    if (event.kind !== 'gic') return;
    const e = event.event;
    if (e.kind === 'acknowledged') this.#instantAcknowledged = true;
    if (e.kind === 'its-translated')
      this.#lastTranslation = translationView(e, event.seq, event.at) ?? this.#lastTranslation;
    if (e.kind === 'interrupt-configured' || e.kind === 'routed') this.#metaDirty = true;
    if ('intid' in e && typeof e.intid === 'number' && e.intid < 1020) {
      const pe = 'pe' in e && typeof e.pe === 'number' ? e.pe : null;
      if (e.intid >= 32) this.#dirtyKeys.add(e.intid);
      else if (pe !== null) this.#dirtyKeys.add(BANKED + 32 * pe + e.intid);
      else this.#allDirty = true;
    }
  }

  time(): number {
    return this.#machine.now();
  }

  nextEventTime(): number | null {
    return this.#machine.nextEventTime();
  }

  eventSeq(): number {
    return this.#seq;
  }

  runInstant(limit = Infinity): InstantResult | null {
    const next = this.#machine.nextEventTime();
    if (next === null || next > limit) return null;
    this.#instantEvents = 0;
    this.#instantAcknowledged = false;
    this.#machine.runUntil(next);
    return { time: next, events: this.#instantEvents, acknowledged: this.#instantAcknowledged };
  }

  runUntil(time: number): void {
    this.#machine.runUntil(time);
  }

  injectNmi(): InputOutcome {
    const events = this.#machine.injectNmi();
    for (const event of events) {
      if (event.kind === 'nmi-injected') {
        const target = event.targetPe === null ? 'no PE' : `PE ${event.targetPe}`;
        return { detail: `raised INTID ${event.chosen.intid} for ${target}`, effect: true };
      }
      if (event.kind === 'nmi-injection-failed')
        return { detail: `no NMI injected: ${event.reason} — ${event.fix}`, effect: false };
    }
    return { detail: 'no NMI injected', effect: false };
  }

  setInjectorMode(mode: InjectorMode): InputOutcome {
    if (this.#fullView().injector.mode === mode)
      return { detail: `the injector is already in mode ${mode}`, effect: false };
    this.#machine.setInjectorMode(mode);
    this.#lastFailure = null;
    this.#metaDirty = true;
    return { detail: `injector mode ${mode}`, effect: true };
  }

  writeRegister(target: RegisterTarget, value: bigint): InputOutcome {
    checkRegisterTarget(target);
    const result = this.#machine.writeRegister(toMachineTarget(target), `0x${value.toString(16)}`);
    if (!result.ok) throw new InputError(result.error);
    // what was stored and why it differs, then what it did (the page's own reads never appear)
    const effects = result.value.events
      .filter(
        (e) =>
          e.kind === 'gic' &&
          e.event.kind !== 'register-written' &&
          e.event.kind !== 'register-read',
      )
      .map((e) => eventView(e).text);
    return {
      detail: `${reportText(result.value.report)}. ${
        effects.length ? `Effects: ${effects.join('; ')}` : 'No interrupt changed.'
      }`,
      effect: true,
    };
  }

  readRegister(target: RegisterTarget): InputOutcome {
    checkRegisterTarget(target);
    const result = this.#machine.readRegister(toMachineTarget(target));
    if (!result.ok) throw new InputError(result.error);
    return { detail: `read 0x${result.value.value.toString(16)}`, effect: true };
  }

  inspect(pe: number, intid: number | null): InspectionView {
    if (pe < 0 || pe >= this.peCount) throw new InputError(`there is no PE ${pe}`);
    // buildInspection only peeks at the model: no event, no log row, no side effect
    return buildInspection({
      gic: this.#machine.gic,
      pe,
      intid,
      masks: this.#machine.peViews().map((p) => p.masks),
      pseudoNmi: pseudoNmiSetup(this.#fullView()),
      recentWarnings: this.#events
        .items()
        .flatMap((e) => (e.kind === 'gic' && e.event.kind === 'warning' ? [e.event] : [])),
    });
  }

  snapshot(): MachineEngineSnapshot {
    const machine = this.#machine.snapshot();
    return {
      // the machine counts its own bytes; the rest is a few small objects
      bytes: machine.bytes + 1024,
      machine,
      seq: this.#seq,
      lastInjection: this.#lastInjection,
      lastFailure: this.#lastFailure,
      lastTranslation: this.#lastTranslation,
      timeline: this.#timeline.snapshot(),
    };
  }

  snapshotText(snapshot: EngineSnapshot): string {
    const s = snapshot as MachineEngineSnapshot;
    return JSON.stringify({ ...s, machine: machineSnapshotToJson(s.machine) });
  }

  restore(snapshot: EngineSnapshot | string): void {
    // from text, the machine part is its JSON form (restore takes either and checks it)
    const s = (
      typeof snapshot === 'string' ? JSON.parse(snapshot) : snapshot
    ) as MachineEngineSnapshot;
    this.#machine.restore(s.machine);
    this.#seq = s.seq;
    this.#lastInjection = s.lastInjection;
    this.#lastFailure = s.lastFailure;
    this.#lastTranslation = s.lastTranslation ?? null;
    this.#itsCache = null;
    // what waits for the next frame stays: it happened (or is the recorded future, which the
    // frame leaves out until the cursor reaches it again)
    this.#timeline.restore(s.timeline);
    this.#allDirty = true;
    this.#countersDirty = true;
    this.#metaDirty = true;
  }

  view(): MachineView {
    const view = this.#build();
    this.#sent = {
      interrupts: new Map(Object.values(view.interrupts).map((i) => [i.key, i])),
      cpus: [...view.cpus],
      counters: view.counters,
      injector: JSON.stringify(view.injector),
      checks: JSON.stringify(view.checks),
      gates: (view.gates ?? []).map((g) => JSON.stringify(g)),
      its: JSON.stringify(view.its ?? null),
    };
    this.#dirtyKeys.clear();
    this.#allDirty = false;
    this.#countersDirty = false;
    return view;
  }

  diff(): MachineDiff {
    const sent = this.#sent;
    if (!sent) {
      const view = this.view();
      return { time: view.time };
    }
    const gic = this.#machine.gic;
    const changed: InterruptView[] = [];
    const consider = (key: string, intid: number, pe: number | null) => {
      const now = interruptView(gic, intid, pe, this.#names.get(intid) ?? null);
      const before = sent.interrupts.get(key);
      if (before && sameInterrupt(before, now)) return;
      sent.interrupts.set(key, now);
      changed.push(now);
    };
    if (this.#metaDirty) this.#refreshMeta();
    if (this.#allDirty)
      for (const i of sent.interrupts.values())
        consider(i.key, i.intid, i.class === 'spi' ? null : i.pe);
    else
      for (const index of this.#dirtyKeys) {
        const banked = index >= BANKED;
        const intid = banked ? (index - BANKED) % 32 : index;
        const pe = banked ? Math.floor((index - BANKED) / 32) : null;
        const key = interruptKey(intid, pe);
        if (sent.interrupts.has(key)) consider(key, intid, pe);
      }
    this.#dirtyKeys.clear();
    this.#allDirty = false;

    const allCpus = cpuViews(gic, this.#machine.peViews());
    const cpus = allCpus.filter((cpu, index) => {
      if (sent.cpus[index] && sameCpu(sent.cpus[index], cpu)) return false;
      sent.cpus[index] = cpu;
      return true;
    });
    let counters: readonly CounterRowView[] | undefined;
    if (this.#countersDirty) {
      this.#countersDirty = false;
      const rows = this.#counters();
      if (!sameCounters(rows, sent.counters)) counters = sent.counters = rows;
    }
    let injector: InjectorView | undefined;
    let checks: MachineView['checks'] | undefined;
    if (this.#full) {
      const nextInjector = this.#injector(this.#full.injector);
      const injectorText = JSON.stringify(nextInjector);
      if (injectorText !== sent.injector) {
        injector = nextInjector;
        sent.injector = injectorText;
      }
      const checksText = JSON.stringify(this.#full.expectations);
      if (checksText !== sent.checks) {
        checks = this.#full.expectations;
        sent.checks = checksText;
      }
    }
    const itsNow = this.#its(allCpus);
    let its: ItsDiagramView | undefined;
    if (itsNow) {
      const itsText = JSON.stringify(itsNow);
      if (itsText !== sent.its) {
        its = itsNow;
        sent.its = itsText;
      }
    }
    // the gates read the interrupts as now sent (the map holds every one, updated above)
    const gates = this.#gates([...sent.interrupts.values(), ...lpiViews(itsNow)]).filter((gate) => {
      const text = JSON.stringify(gate);
      if (sent.gates[gate.pe] === text) return false;
      sent.gates[gate.pe] = text;
      return true;
    });
    return {
      time: this.#machine.now(),
      ...(gates.length ? { gates } : {}),
      ...(changed.length ? { interrupts: changed } : {}),
      ...(cpus.length ? { cpus } : {}),
      ...(counters ? { counters } : {}),
      ...(injector ? { injector } : {}),
      ...(checks ? { checks } : {}),
      ...(its ? { its } : {}),
    };
  }

  drainEvents(limit: number): { events: EventView[]; skipped: number } {
    const now = this.#seq;
    const { items, skipped } = this.#events.drain(limit, (e) => e.seq <= now);
    return { events: items.map(eventView), skipped };
  }

  forgetPendingAfter(seq: number): void {
    this.#events.retain((e) => e.seq <= seq);
    this.#timeline.forgetPendingAfter(seq);
  }

  drainTimeline(limit?: number): TimelineDelta | null {
    return this.#timeline.drain(limit);
  }

  /** The full machine view, rebuilt only when an event said that its rarely-changing parts moved. */
  #fullView(): FullMachineView {
    if (this.#metaDirty || !this.#full) this.#refreshMeta();
    return this.#full!;
  }

  #refreshMeta(): void {
    this.#metaDirty = false;
    this.#full = this.#machine.view();
    this.#names = new Map(this.#full.guest.irqs.map((d) => [d.intid, d.name]));
  }

  #counters(): CounterRowView[] {
    return this.#machine.counters().rows.map((row) => ({
      label: row.label,
      intid: row.intid,
      // the machine hands out its live arrays: a copy, or the diff would compare them with themselves
      perPe: [...row.counts],
      description: row.description,
    }));
  }

  #build(): MachineView {
    const full = this.#fullView();
    const gic = this.#machine.gic;
    const interrupts: Record<string, InterruptView> = {};
    const name = (intid: number) => this.#names.get(intid) ?? null;
    for (let intid = 32; intid <= gic.config.maxSpiIntId; intid += 1) {
      const view = interruptView(gic, intid, null, name(intid));
      interrupts[view.key] = view;
    }
    for (let pe = 0; pe < gic.config.peCount; pe += 1)
      for (let intid = 0; intid < 32; intid += 1) {
        const view = interruptView(gic, intid, pe, name(intid));
        interrupts[view.key] = view;
      }
    const cpus = cpuViews(gic, this.#machine.peViews());
    const its = this.#its(cpus);
    return {
      time: this.#machine.now(),
      config: this.#config(full),
      interrupts,
      cpus,
      counters: this.#counters(),
      injector: this.#injector(full.injector),
      checks: full.expectations,
      gates: this.#gates([...Object.values(interrupts), ...lpiViews(its)]),
      // a machine without an ITS sends no `its` at all: its view is as before
      ...(its ? { its } : {}),
    };
  }

  /** The ITS and the Redistributors' LPIs (null without an ITS), rebuilt after new events. */
  #its(cpus: readonly CpuView[]): ItsDiagramView | null {
    if (!this.#machine.gic.config.its) return null;
    if (this.#itsCache?.seq === this.#seq) return this.#itsCache.view;
    const view = itsDiagramView(
      this.#machine.gic,
      cpus,
      this.#lastTranslation,
      (intid) => this.#names.get(intid) ?? null,
    );
    this.#itsCache = { seq: this.#seq, view };
    return view;
  }

  /** Each CPU interface's gate: its pending interrupts with the explainer's verdict. */
  #gates(interrupts: readonly InterruptView[]): CpuGateView[] {
    return gateViews(
      this.#machine.gic,
      interrupts,
      this.peCount,
      this.#machine.peViews().map((p) => p.masks),
      pseudoNmiSetup(this.#fullView()),
    );
  }

  #config(full: FullMachineView): MachineConfigView {
    const m = this.#machine.scenario.machine;
    return {
      peCount: m.pes,
      spiCount: m.spis,
      securityExtensions: m.security !== 'single',
      priorityBits: m.priorityBits,
      nmi: m.nmi,
      profile: m.gicProfile,
      oneOfN: this.#machine.gic.config.oneOfN,
      kernel: full.guest.kernel,
      pseudoNmi: full.guest.nmi === 'pseudo',
      // the byte the GIC holds: NS Group 1 priorities are shifted with DS=0 (reference §2.4)
      pseudoNmiPriority:
        full.guest.nmi === 'pseudo'
          ? m.security === 'single'
            ? full.guest.values.nmiPriority
            : 0x80 | (full.guest.values.nmiPriority >> 1)
          : null,
      endTime: this.#machine.scenario.runUntil,
    };
  }

  #injector(source: MachineInjectorView): InjectorView {
    const last = this.#lastInjection;
    return {
      mode: source.mode,
      candidates: source.candidates.map((c) => ({
        intid: c.intid,
        pe: c.pe,
        targetPe: c.targetPe,
        priority: c.priority,
        kind: c.nmiProperty ? ('architected' as const) : ('pseudo' as const),
      })),
      cursor: Math.max(0, source.nextIndex),
      lastChosen: source.last,
      injections: source.chosen.length,
      problem:
        source.candidates.length === 0 ? (this.#lastFailure ?? noCandidateHint(source.mode)) : null,
      masking: last?.explanation
        ? {
            pe: last.explanation.pe,
            pmr: last.explanation.pmr,
            runningPriority: last.explanation.runningPriority,
            nmiVerdict: last.explanation.nmiVerdict,
            heldBack: last.explanation.heldBack,
          }
        : null,
    };
  }
}

function sameCounters(a: readonly CounterRowView[], b: readonly CounterRowView[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (row, i) =>
        row.label === b[i].label &&
        row.description === b[i].description &&
        row.perPe.length === b[i].perPe.length &&
        row.perPe.every((n, pe) => n === b[i].perPe[pe]),
    )
  );
}

function pseudoNmiSetup(view: ReturnType<Machine['view']>): PseudoNmiSetup {
  const pseudo = view.guest.nmi === 'pseudo';
  return {
    enabled: pseudo,
    nmiPriority: pseudo ? view.guest.values.nmiPriority : null,
    irqOffPmr: pseudo ? view.guest.values.pmrIrqOff : null,
  };
}

function noCandidateHint(mode: InjectorMode): string {
  return mode === 'architected'
    ? 'No interrupt has the GICv3.3 non-maskable property (GICD_INMIR / GICR_INMIR0) and is enabled.'
    : 'No enabled SPI or PPI is at the guest’s NMI priority — has the guest called request_nmi?';
}

export const machineEngineFactory: EngineFactory = {
  builtins: () => BUILTIN_SCENARIOS.map((s) => meta(s, 'builtin')),
  load: (source: ScenarioSource) => {
    if (source.kind === 'builtin') {
      const scenario = builtinScenario(source.id);
      if (!scenario)
        throw new InputError(
          `There is no built-in scenario "${source.id}". Built-ins: ${BUILTIN_SCENARIOS.map((s) => s.id).join(', ')}.`,
        );
      return new MachineEngine(scenario, 'builtin');
    }
    if (source.kind === 'qemu-trace')
      throw new InputError(
        `The QEMU trace "${source.name}" is no longer open: open the file again.`,
      );
    const parsed = parseScenarioText(source.text);
    if (!parsed.ok)
      throw new InputError(
        `The scenario is not valid: ${parsed.error.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      );
    try {
      return new MachineEngine(parsed.value, 'file');
    } catch (error) {
      // validation should have refused it; a refusal keeps the worker (and the session) alive
      throw new InputError(
        `The machine could not be built from this scenario: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  },
};
