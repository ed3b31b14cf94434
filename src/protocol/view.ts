import type { MaskingExplanation } from '../machine/index.ts';

// The machine as the page sees it: plain data, keyed entities, sent whole once and then as diffs.

/** `lpi`: only in `MachineView.its` (a Redistributor's LPIs), never in `interrupts` */
export type InterruptClass = 'sgi' | 'ppi' | 'spi' | 'lpi';
export type InterruptState = 'inactive' | 'pending' | 'active' | 'active-pending';
export type GroupName = 'g0' | 'g1s' | 'g1ns';

export interface InterruptView {
  /** `spi:33`, or `pe0:ppi:27` / `pe1:sgi:3` for banked interrupts, `pe0:lpi:8192` for an LPI */
  readonly key: string;
  readonly intid: number;
  readonly class: InterruptClass;
  /** owning PE for SGIs/PPIs; target PE for SPIs (null: none / 1-of-N not yet chosen) */
  readonly pe: number | null;
  readonly state: InterruptState;
  readonly enabled: boolean;
  readonly group: GroupName;
  readonly priority: number;
  readonly nmi: boolean;
  readonly trigger: 'edge' | 'level';
  readonly level: boolean;
  /** SPIs: 1-of-N routing (IROUTER.IRM = 1) */
  readonly oneOfN: boolean;
  /** a name the guest gave it (`uart-pl011`), if any */
  readonly name: string | null;
}

export interface HppiView {
  readonly intid: number;
  readonly priority: number;
  readonly group: GroupName;
  readonly nmi: boolean;
}

export interface HandlerFrameView {
  /** null between taking the exception and reading ICC_IAR*_EL1 (the INTID is not known yet) */
  readonly intid: number | null;
  readonly kind: 'irq' | 'fiq' | 'nmi';
  /** the guest's name for it (`arch_timer`), null before the acknowledge */
  readonly name: string | null;
  /** one line for people: `IRQ 33 arch_timer`, or `IRQ entry, INTID not read yet` */
  readonly text: string;
  readonly since: number;
}

export interface CpuView {
  readonly pe: number;
  readonly affinity: string;
  readonly awake: boolean;
  readonly pmr: number;
  readonly runningPriority: number;
  readonly runningNmi: boolean;
  readonly hppi: HppiView | null;
  readonly lines: { readonly irq: boolean; readonly fiq: boolean; readonly nmi: boolean };
  readonly masks: { readonly i: boolean; readonly f: boolean; readonly allint: boolean };
  readonly groupEnabled: { readonly g0: boolean; readonly g1: boolean };
  readonly binaryPoint: { readonly bpr0: number; readonly bpr1: number };
  readonly eoiMode: 0 | 1;
  readonly activePriorities: readonly number[];
  readonly handlers: readonly HandlerFrameView[];
  /** what the guest is doing: `idle`, `irqs-off`, `handler` ... */
  readonly activity: string;
}

export interface CounterRowView {
  /** `27`, `IPI0` ... as /proc/interrupts prints it */
  readonly label: string;
  readonly intid: number | null;
  readonly perPe: readonly number[];
  readonly description: string;
}

/**
 * How an interrupt is an NMI: `pseudo` — Linux's convention, an ordinary interrupt at the
 * guest's NMI priority (e.g. 0x80) that passes the PMR used for local_irq_disable; `architected`
 * — the GICv3.3 non-maskable property (GICD_INMIR / GICR_INMIR0), superpriority.
 */
export type NmiKind = 'pseudo' | 'architected';

export interface NmiCandidateView {
  readonly intid: number;
  /** the Redistributor of a PPI; null for an SPI */
  readonly pe: number | null;
  /** where it is delivered (the SPI's route or the PPI's own PE) */
  readonly targetPe: number | null;
  readonly priority: number;
  readonly kind: NmiKind;
}

/** Why the chosen NMI gets through at its CPU interface, and what the same mask holds back. */
export type MaskingView = MaskingExplanation;

export interface InjectorView {
  readonly mode: InjectorMode;
  readonly candidates: readonly NmiCandidateView[];
  /** index into candidates of the next one to be raised */
  readonly cursor: number;
  readonly lastChosen: { readonly intid: number; readonly pe: number | null } | null;
  /** number of injections so far */
  readonly injections: number;
  /** set when there is no candidate: why, and how to fix it */
  readonly problem: string | null;
  readonly masking: MaskingView | null;
}

export type InjectorMode = 'rfc-round-robin' | 'architected';

export interface MachineConfigView {
  readonly peCount: number;
  readonly spiCount: number;
  readonly securityExtensions: boolean;
  readonly priorityBits: number;
  readonly nmi: boolean;
  readonly profile: string;
  readonly oneOfN: string;
  readonly kernel: string;
  readonly pseudoNmi: boolean;
  /**
   * The priority byte the GIC holds for the guest's pseudo-NMIs (what InterruptView.priority
   * shows for them), or null when the guest does not use pseudo-NMIs.
   */
  readonly pseudoNmiPriority?: number | null;
  /** where the scenario's story ends (ns) */
  readonly endTime: number;
  /**
   * What a moment is: virtual ns (scenarios), or a QEMU trace line (a trace without
   * timestamps). Absent means ns.
   */
  readonly timeUnit?: 'ns' | 'line';
}

/** One expectation of the scenario, checked at its time. */
export interface CheckView {
  readonly description: string;
  /** null until its time has come */
  readonly passed: boolean | null;
  readonly actual: string | null;
}

/** One value QEMU reported that the model disagrees with, at its trace line. */
export interface TraceMismatchView {
  readonly line: number;
  /** the register ('ICC_IAR1_EL1', 'GICR_ISPENDR0') or QEMU decision ('HPPI', 'IRQ/FIQ') */
  readonly check: string;
  readonly pe: number | null;
  /** what QEMU reported */
  readonly qemu: string;
  /** what the model says */
  readonly model: string;
  /** the log row that flags it (seek here to see the moment) */
  readonly eventSeq: number;
}

/** A gicv3 event of the trace the model does not replay (ITS, virtual CPU interface …). */
export interface NotModelledView {
  readonly event: string;
  readonly area: string;
  readonly count: number;
  readonly firstLine: number;
}

/** What replaying a QEMU trace through the model found (sent with the view once, at load). */
export interface TraceReplayView {
  readonly name: string;
  readonly lines: number;
  readonly records: number;
  readonly compared: number;
  readonly agreed: number;
  /** compared values by register / check */
  readonly comparedBy: Readonly<Record<string, number>>;
  /** the first 500 disagreements in trace order; `mismatchCount` has them all */
  readonly mismatches: readonly TraceMismatchView[];
  readonly mismatchCount: number;
  readonly notModelled: readonly NotModelledView[];
  /** how the configuration was inferred from the trace */
  readonly evidence: readonly string[];
  /** records that could not be replayed (a Redistributor no PE has …) */
  readonly problems: readonly string[];
}

/** One pending interrupt at a CPU interface's gate, with the verdict the explainer gives. */
export interface GateEntryView {
  /** the cell's key (`spi:33`, `pe0:ppi:27`) */
  readonly key: string;
  readonly intid: number;
  /** the priority the CPU interface compares (0x00/0x80 for an architected NMI) */
  readonly priority: number;
  readonly mark: LadderMark;
  /** one sentence: "0xC0 is not < PMR 0xC0: masked by PMR" */
  readonly reason: string;
  readonly nmiKind: NmiKind | null;
}

/**
 * What each CPU interface's gate does with the interrupts pending for it (enabled, routed to it,
 * not active), highest priority first; `more` counts those left out.
 */
export interface CpuGateView {
  readonly pe: number;
  readonly entries: readonly GateEntryView[];
  readonly more: number;
}

export interface MachineView {
  readonly time: number;
  readonly config: MachineConfigView;
  /** set when the machine is a replayed QEMU trace */
  readonly trace?: TraceReplayView;
  readonly interrupts: Readonly<Record<string, InterruptView>>;
  readonly cpus: readonly CpuView[];
  readonly counters: readonly CounterRowView[];
  readonly injector: InjectorView;
  readonly checks: readonly CheckView[];
  /** per PE, the gate at its CPU interface (absent from old workers) */
  readonly gates?: readonly CpuGateView[];
  /** the ITS and each Redistributor's LPIs, for the block diagram (absent/null: no ITS) */
  readonly its?: ItsDiagramView | null;
}

/**
 * One translation through the ITS (a GITS_TRANSLATER write or an INT command): DeviceID, EventID
 * → LPI (ITT) → ICID → PE (collection), or the step where it stopped (`error`, a warning code).
 */
export interface ItsTranslationView {
  /** the machine event's seq and time */
  readonly seq: number;
  readonly time: number;
  readonly source: 'GITS_TRANSLATER' | 'INT';
  readonly deviceId: number;
  readonly eventId: number;
  readonly intid: number | null;
  readonly icid: number | null;
  readonly pe: number | null;
  readonly error: string | null;
}

/** A Redistributor's LPIs: those the ITS maps to its PE, and any pending or in service there. */
export interface RedistributorLpisView {
  readonly pe: number;
  readonly enableLpis: boolean;
  /** class `lpi`, key `pe0:lpi:8192`; `active` = in service (acknowledged, no EOI yet) */
  readonly lpis: readonly InterruptView[];
}

/** What the block diagram draws of the ITS (the register panel has the rest: `InspectionView.its`). */
export interface ItsDiagramView {
  readonly enabled: boolean;
  readonly stalled: boolean;
  readonly creadr: number;
  readonly cwriter: number;
  readonly processed: number;
  /** mapped devices: DeviceID, the events the ITT has room for, the events mapped */
  readonly devices: readonly {
    readonly deviceId: number;
    readonly events: number;
    readonly mapped: number;
  }[];
  readonly redistributors: readonly RedistributorLpisView[];
  /** the last translation (an MSI or INT), or null before the first */
  readonly last: ItsTranslationView | null;
}

/** Only what changed since the previous frame. */
export interface MachineDiff {
  readonly time: number;
  readonly interrupts?: readonly InterruptView[];
  readonly cpus?: readonly CpuView[];
  readonly counters?: readonly CounterRowView[];
  readonly injector?: InjectorView;
  readonly checks?: readonly CheckView[];
  /** the gates of the PEs whose gate changed */
  readonly gates?: readonly CpuGateView[];
  /** the whole ITS view, when anything in it changed */
  readonly its?: ItsDiagramView;
}

/** One thing that happened, already phrased for people, with the values as they were. */
export interface EventView {
  readonly seq: number;
  readonly time: number;
  readonly kind: string;
  readonly pe: number | null;
  readonly intid: number | null;
  readonly text: string;
  readonly warning: boolean;
  /**
   * Where a token travels for this event, as `data-key`s of drawn elements: an interrupt cell
   * (`spi:33`, `pe0:ppi:27`), `distributor`, `redistributor:N`, `cpu:N`. Empty: nothing moves.
   */
  readonly path: readonly string[];
  /** the event's values as they were (for the timeline and log filters): pmr, rpr, priority … */
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
}

/** A named moment of a scenario (presenter mode walks them). */
export interface ChapterView {
  /** virtual time, ns */
  readonly at: number;
  readonly title: string;
  readonly caption: string;
}

export interface ScenarioMeta {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** `builtin`, or `file` for a scenario loaded as JSON (which may reuse a built-in's id) */
  readonly origin: 'builtin' | 'file';
  /** the scenario's chapters in time order (absent: none) */
  readonly chapters?: readonly ChapterView[];
}

/**
 * The one moment every view shows: the machine ran every instant up to `time` (integer ns) and
 * `seq` is its last event (-1 before the first). The log holds no event after it.
 */
export interface Cursor {
  readonly seq: number;
  /** ns, 0 at the start */
  readonly time: number;
  /** the exact moment (opaque to the page: what a restarted worker is brought back to) */
  readonly moment: { readonly time: number; readonly inputs: number };
}

/** A long operation running in the worker in slices; Pause (or Escape) stops it. */
export interface ProgressView {
  readonly kind:
    'run-until' | 'step' | 'step-to-interrupt' | 'step-back' | 'seek' | 'resume' | 'play';
  /** e.g. "Running until 1 s" */
  readonly label: string;
  /** virtual time it runs to (ns), when it has one */
  readonly target: number | null;
  /** virtual time reached (ns) */
  readonly time: number;
  /** machine events per wall-clock second, over the last second */
  readonly eventsPerSecond: number;
  /** wall-clock ms since it started */
  readonly elapsedMs: number;
}

/**
 * What a handler bar handles: `nmi` for a superpriority exception, an NMI acknowledge or a
 * handler the guest ran as an NMI (a pseudo-NMI is an ordinary IRQ to the PE); `fiq`, `irq`.
 */
export type TimelineSpanKind = 'irq' | 'fiq' | 'nmi';

/** A handler bar on a PE's lane: from exception entry to return (nesting = preemption). */
export interface TimelineSpan {
  /** seq of the event that opened it (exception taken or acknowledge): its identity */
  readonly id: number;
  readonly pe: number;
  readonly start: number;
  /** null while it is open */
  readonly end: number | null;
  readonly endSeq: number | null;
  /** 1 = first level above the task */
  readonly depth: number;
  readonly kind: TimelineSpanKind;
  /** null until the handler read ICC_IAR*_EL1 */
  readonly intid: number | null;
  /** the guest's name for it (`uart-pl011`, from its interrupt-handled event), or null */
  readonly name: string | null;
  /** `NMI 33 uart-pl011`, `IRQ 27 arch_timer`, `IRQ` (before the acknowledge) */
  readonly label: string;
}

/** A PMR or running-priority value from an event on. */
export interface TimelineStep {
  readonly seq: number;
  readonly pe: number;
  readonly time: number;
  readonly series: 'pmr' | 'rpr';
  readonly value: number;
}

export interface TimelineInstant {
  readonly seq: number;
  readonly pe: number;
  readonly time: number;
  readonly label: 'NMI' | 'SGI' | 'inject';
}

/** What the timeline gained since the previous frame (spans are upserts by id). */
export interface TimelineDelta {
  readonly spans: readonly TimelineSpan[];
  readonly steps: readonly TimelineStep[];
  readonly instants: readonly TimelineInstant[];
  /** records the worker could not hold while the page was busy (oldest first dropped) */
  readonly dropped: number;
}

// ---------------------------------------------------------------------------------------------
// Inspection: what the register panels, the priority ladder and the explainer show for the
// selected PE and INTID. Sent in frames while a focus is set (see the `inspect` request).

export type RegisterAccessView = 'RW' | 'RO' | 'WO' | 'W1S' | 'W1C' | 'RAZ/WI';

export interface RegisterFieldView {
  readonly name: string;
  /** [high, low] bit numbers */
  readonly bits: readonly [number, number];
  readonly value: number;
  /** a decoded reading, e.g. "SPI 33 enabled", when useful */
  readonly meaning: string | null;
}

export interface RegisterValueView {
  /** spec name: GICD_CTLR, GICR_WAKER, ICC_PMR_EL1, GICD_ISENABLER1 */
  readonly name: string;
  readonly block: 'distributor' | 'redistributor' | 'sysreg';
  /** frame offset (MMIO) or null (system register) */
  readonly offset: number | null;
  readonly width: 32 | 64;
  readonly access: RegisterAccessView;
  /** hex, or null when reading it would have a side effect (ICC_IAR1_EL1: acknowledge) */
  readonly value: string | null;
  readonly fields: readonly RegisterFieldView[];
  /** the model's named warnings that concern this register (latest first) */
  readonly warnings: readonly string[];
}

export type GateVerdict = 'passed' | 'blocked' | 'not-applicable';

export interface GateStepView {
  /** "Enabled (GICD_ISENABLER1 bit 1)" */
  readonly check: string;
  readonly verdict: GateVerdict;
  /** the values compared: "priority 0xC0 is not < PMR 0xC0" */
  readonly detail: string;
  /** what to change, when blocked: "write 1 to GICD_ISENABLER1 bit 1" */
  readonly fix: string | null;
}

export interface ExplanationView {
  readonly intid: number;
  readonly pe: number | null;
  /** one sentence: "SPI 40 is masked by PMR on PE 1" or "SPI 40 would be taken now" */
  readonly summary: string;
  /** the gating chain in order; the first blocked step is the answer */
  readonly steps: readonly GateStepView[];
}

/**
 * The first gate of the explainer's chain that stops a pending interrupt at its CPU interface
 * (or `can-preempt` / `nmi` when none does): the ladder, the diagram's gate and the explainer
 * always agree.
 */
export type LadderMark =
  | 'can-preempt'
  | 'masked-by-pmr'
  | 'waits-for-running-priority'
  | 'nmi'
  /** a group disabled (GICD_CTLR, ICC_IGRPEN*), the Redistributor asleep, no route */
  | 'blocked'
  /** PSTATE.I/F (or ALLINT for an NMI) masks it at the PE */
  | 'masked-by-pe'
  /** it would pass, but a higher-priority interrupt is first in line */
  | 'behind-hppi';

export interface LadderView {
  readonly pe: number;
  readonly pmr: number;
  readonly runningPriority: number;
  readonly runningNmi: boolean;
  /** group-priority levels with an active interrupt (from the APRs), highest first */
  readonly activeLevels: readonly number[];
  /** AP1R0.NMI (GICv3.3) */
  readonly nmiActive: boolean;
  /** bits of the priority that are group priority for Group 1 (e.g. 0xF8) */
  readonly groupMask: number;
  readonly pending: readonly {
    readonly intid: number;
    readonly priority: number;
    readonly mark: LadderMark;
    readonly reason: string;
    /** absent from old workers */
    readonly nmiKind?: NmiKind | null;
  }[];
}

export interface InspectionView {
  readonly pe: number;
  readonly intid: number | null;
  readonly distributor: readonly RegisterValueView[];
  readonly redistributor: readonly RegisterValueView[];
  readonly cpuInterface: readonly RegisterValueView[];
  readonly ladder: LadderView;
  readonly explanation: ExplanationView | null;
  /** LPIs and the ITS (absent when the GIC has no ITS). */
  readonly its?: ItsInspectionView | null;
}

/** One command of the ITS queue, decoded. */
export interface ItsCommandView {
  readonly slot: number;
  readonly text: string;
}

/** A step of an LPI's way: device → ITT → collection → Redistributor → CPU interface. */
export interface LpiPathStepView {
  readonly stage: 'device' | 'itt' | 'collection' | 'redistributor' | 'cpu-interface';
  readonly text: string;
  readonly ok: boolean;
}

export interface LpiDetailView {
  readonly intid: number;
  readonly pe: number;
  readonly configByte: number;
  /** the byte the Redistributor uses (cached), or null when it has none */
  readonly visibleConfigByte: number | null;
  readonly priority: number;
  readonly enabled: boolean;
  readonly stale: boolean;
  readonly pending: boolean;
  readonly path: readonly LpiPathStepView[];
}

export interface ItsInspectionView {
  readonly enabled: boolean;
  readonly stalled: boolean;
  /** command queue: ring of `slots`, CREADR / CWRITER as slot numbers */
  readonly slots: number;
  readonly creadr: number;
  readonly cwriter: number;
  readonly processed: number;
  readonly recent: readonly ItsCommandView[];
  readonly queued: readonly ItsCommandView[];
  readonly devices: readonly {
    readonly deviceId: number;
    readonly events: number;
    readonly mappings: readonly {
      readonly eventId: number;
      readonly intid: number;
      readonly icid: number;
    }[];
  }[];
  readonly collections: readonly { readonly icid: number; readonly pe: number | null }[];
  /** the selected PE's Redistributor */
  readonly redistributor: {
    readonly pe: number;
    readonly enableLpis: boolean;
    readonly propbaser: string;
    readonly pendbaser: string;
    readonly pending: readonly number[];
    readonly cacheMode: string;
  };
  readonly lpi: LpiDetailView | null;
}
