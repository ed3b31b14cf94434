import type { RegisterTarget as MachineRegisterTarget } from '../machine/index.ts';
import {
  BUILTIN_SCENARIOS,
  builtinScenario,
  createMachine,
  parseScenarioText,
  type Machine,
  type MachineEvent,
  type MachineSnapshot,
  type Scenario,
  type InjectorView as MachineInjectorView,
} from '../machine/index.ts';
import type {
  CounterRowView,
  CpuView,
  EventView,
  InjectorMode,
  InjectorView,
  InspectionView,
  InterruptView,
  MachineDiff,
  MachineView,
  RegisterTarget,
  ScenarioMeta,
  ScenarioSource,
} from '../protocol/index.ts';
import { InputError, type Engine, type EngineFactory, type StepOutcome } from './engine.ts';
import { cpuViews } from './view/cpus.ts';
import { gateViews } from './view/gates.ts';
import { eventView } from './view/events.ts';
import { interruptViews, sameInterrupt } from './view/interrupts.ts';
import { buildInspection, type PseudoNmiSetup } from './inspect/index.ts';
import { checkRegisterTarget } from './register-target.ts';

const meta = (s: { id: string; title: string; description?: string }): ScenarioMeta => ({
  id: s.id,
  title: s.title,
  summary: s.description ?? '',
});

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

interface EngineSnapshot {
  readonly machine: MachineSnapshot;
  readonly seq: number;
  readonly lastInjection: Extract<MachineEvent, { kind: 'nmi-injected' }> | null;
  readonly lastFailure: string | null;
}

/** The machine as the host drives it, and as the page sees it (views, diffs, log rows). */
class MachineEngine implements Engine {
  readonly scenario: ScenarioMeta;
  readonly peCount: number;
  readonly #machine: Machine;
  #pending: MachineEvent[] = [];
  /** the last event's seq; the machine numbers events from 0 */
  #seq = -1;
  #acknowledged = false;
  #sent: {
    interrupts: Map<string, InterruptView>;
    cpus: string[];
    counters: string;
    injector: string;
    checks: string;
    gates: string[];
  } | null = null;
  #lastInjection: Extract<MachineEvent, { kind: 'nmi-injected' }> | null = null;
  #lastFailure: string | null = null;

  constructor(scenario: Scenario) {
    this.scenario = { ...meta(scenario), chapters: scenario.chapters };
    this.peCount = scenario.machine.pes;
    this.#machine = createMachine(scenario);
    this.#machine.subscribe((event) => {
      this.#pending.push(event);
      this.#seq = event.seq;
      // injections come from the button and from the scenario's own timeline alike
      if (event.kind === 'nmi-injected') {
        this.#lastInjection = event;
        this.#lastFailure = null;
      } else if (event.kind === 'nmi-injection-failed')
        this.#lastFailure = `${event.reason} — ${event.fix}`;
    });
  }

  step(limit = Infinity): StepOutcome {
    this.#acknowledged = false;
    const events = this.#machine.step(limit);
    this.#acknowledged = events.some((e) => e.kind === 'gic' && e.event.kind === 'acknowledged');
    if (events.some((e) => e.kind === 'gic')) return 'event';
    return this.#machine.now() === limit ? 'limit' : events.length > 0 ? 'event' : 'idle';
  }

  time(): number {
    return this.#machine.now();
  }

  nextEventTime(): number | null {
    return this.#machine.nextEventTime();
  }

  advanceTo(time: number): void {
    this.#machine.runUntil(time);
  }

  lastStepAcknowledged(): boolean {
    return this.#acknowledged;
  }

  injectNmi(): string {
    const events = this.#machine.injectNmi();
    for (const event of events) {
      if (event.kind === 'nmi-injected') {
        const target = event.targetPe === null ? 'no PE' : `PE ${event.targetPe}`;
        return `raised INTID ${event.chosen.intid} for ${target}`;
      }
      if (event.kind === 'nmi-injection-failed')
        return `no NMI injected: ${event.reason} — ${event.fix}`;
    }
    return 'no NMI injected';
  }

  setInjectorMode(mode: InjectorMode): string {
    this.#machine.setInjectorMode(mode);
    this.#lastFailure = null;
    return `injector mode ${mode}`;
  }

  writeRegister(target: RegisterTarget, value: bigint): string {
    checkRegisterTarget(target);
    const result = this.#machine.writeRegister(toMachineTarget(target), `0x${value.toString(16)}`);
    if (!result.ok) throw new InputError(result.error);
    const written = result.value.find(
      (e) => e.kind === 'gic' && e.event.kind === 'register-written',
    );
    const effects = result.value
      .filter((e) => e.kind === 'gic' && e.event.kind !== 'register-written')
      .map((e) => eventView(e).text);
    const what = written ? eventView(written).text : `wrote 0x${value.toString(16)}`;
    return effects.length ? `${what}: ${effects.join('; ')}` : `${what}; no interrupt changed`;
  }

  readRegister(target: RegisterTarget): string {
    checkRegisterTarget(target);
    const result = this.#machine.readRegister(toMachineTarget(target));
    if (!result.ok) throw new InputError(result.error);
    return `read 0x${result.value.value.toString(16)}`;
  }

  inspect(pe: number, intid: number | null): InspectionView {
    const view = this.#machine.view();
    if (!view.pes[pe]) throw new InputError(`there is no PE ${pe}`);
    // buildInspection only peeks at the model: no event, no log row, no side effect
    return buildInspection({
      gic: this.#machine.gic,
      pe,
      intid,
      masks: view.pes.map((p) => p.masks),
      pseudoNmi: pseudoNmiSetup(view),
      recentWarnings: this.#pending.flatMap((e) =>
        e.kind === 'gic' && e.event.kind === 'warning' ? [e.event] : [],
      ),
    });
  }

  snapshot(): EngineSnapshot {
    return {
      machine: this.#machine.snapshot(),
      seq: this.#seq,
      lastInjection: this.#lastInjection,
      lastFailure: this.#lastFailure,
    };
  }

  restore(snapshot: unknown): void {
    const { machine, seq, lastInjection, lastFailure } = snapshot as EngineSnapshot;
    this.#machine.restore(machine);
    this.#seq = seq;
    this.#lastInjection = lastInjection;
    this.#lastFailure = lastFailure;
    this.#pending = [];
  }

  view(): MachineView {
    const view = this.#build();
    this.#sent = {
      interrupts: new Map(Object.values(view.interrupts).map((i) => [i.key, i])),
      cpus: view.cpus.map((c) => JSON.stringify(c)),
      counters: JSON.stringify(view.counters),
      injector: JSON.stringify(view.injector),
      checks: JSON.stringify(view.checks),
      gates: (view.gates ?? []).map((g) => JSON.stringify(g)),
    };
    return view;
  }

  diff(): MachineDiff {
    const sent = this.#sent;
    const view = this.#build();
    if (!sent) {
      this.view();
      return { time: view.time };
    }
    const interrupts = Object.values(view.interrupts).filter((i) => {
      const before = sent.interrupts.get(i.key);
      if (before && sameInterrupt(before, i)) return false;
      sent.interrupts.set(i.key, i);
      return true;
    });
    const cpus = view.cpus.filter((cpu, index) => {
      const text = JSON.stringify(cpu);
      if (sent.cpus[index] === text) return false;
      sent.cpus[index] = text;
      return true;
    });
    const gates = (view.gates ?? []).filter((gate) => {
      const text = JSON.stringify(gate);
      if (sent.gates[gate.pe] === text) return false;
      sent.gates[gate.pe] = text;
      return true;
    });
    const counters = JSON.stringify(view.counters);
    const injector = JSON.stringify(view.injector);
    const checks = JSON.stringify(view.checks);
    const diff: MachineDiff = {
      time: view.time,
      ...(interrupts.length ? { interrupts } : {}),
      ...(cpus.length ? { cpus } : {}),
      ...(counters !== sent.counters ? { counters: view.counters } : {}),
      ...(injector !== sent.injector ? { injector: view.injector } : {}),
      ...(checks !== sent.checks ? { checks: view.checks } : {}),
      ...(gates.length ? { gates } : {}),
    };
    sent.checks = checks;
    sent.counters = counters;
    sent.injector = injector;
    return diff;
  }

  drainEvents(limit = Infinity): { events: EventView[]; skipped: number } {
    const skipped = Math.max(0, this.#pending.length - limit);
    const events = this.#pending.slice(skipped).map(eventView);
    this.#pending = [];
    return { events, skipped };
  }

  eventSeq(): number {
    return this.#seq;
  }

  #build(): MachineView {
    const machine = this.#machine.view();
    const gic = this.#machine.gic;
    const names = new Map(machine.guest.irqs.map((d) => [d.intid, d.name]));
    const interrupts: Record<string, InterruptView> = {};
    const list = interruptViews(gic, (intid) => names.get(intid) ?? null);
    for (const view of list) interrupts[view.key] = view;
    const m = this.#machine.scenario.machine;
    const pseudo = machine.guest.nmi === 'pseudo';
    return {
      time: machine.time,
      config: {
        peCount: m.pes,
        spiCount: m.spis,
        securityExtensions: m.security !== 'single',
        priorityBits: m.priorityBits,
        nmi: m.nmi,
        profile: m.gicProfile,
        oneOfN: gic.config.oneOfN,
        kernel: machine.guest.kernel,
        pseudoNmi: pseudo,
        // the byte the GIC holds: NS Group 1 priorities are shifted with DS=0 (reference §2.4)
        pseudoNmiPriority: pseudo
          ? m.security === 'single'
            ? machine.guest.values.nmiPriority
            : 0x80 | (machine.guest.values.nmiPriority >> 1)
          : null,
        endTime: this.#machine.scenario.runUntil,
      },
      interrupts,
      cpus: cpuViews(gic, machine) satisfies CpuView[],
      counters: machine.counters.rows.map((row): CounterRowView => ({
        label: row.label,
        intid: row.intid,
        perPe: row.counts,
        description: row.description,
      })),
      injector: this.#injector(machine.injector),
      checks: machine.expectations,
      gates: gateViews(
        gic,
        list,
        m.pes,
        machine.pes.map((p) => p.masks),
        pseudoNmiSetup(machine),
      ),
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
  builtins: () => BUILTIN_SCENARIOS.map((s) => meta(s)),
  load: (source: ScenarioSource) => {
    if (source.kind === 'builtin') {
      const scenario = builtinScenario(source.id);
      if (!scenario)
        throw new InputError(
          `There is no built-in scenario "${source.id}". Built-ins: ${BUILTIN_SCENARIOS.map((s) => s.id).join(', ')}.`,
        );
      return new MachineEngine(scenario);
    }
    const parsed = parseScenarioText(source.text);
    if (!parsed.ok)
      throw new InputError(
        `The scenario is not valid: ${parsed.error.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      );
    return new MachineEngine(parsed.value);
  },
};
