import type { MaskingExplanation } from '../machine/index.ts';

// The machine as the page sees it: plain data, keyed entities, sent whole once and then as diffs.

export type InterruptClass = 'sgi' | 'ppi' | 'spi';
export type InterruptState = 'inactive' | 'pending' | 'active' | 'active-pending';
export type GroupName = 'g0' | 'g1s' | 'g1ns';

export interface InterruptView {
  /** `spi:33`, or `pe0:ppi:27` / `pe1:sgi:3` for banked interrupts */
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
  readonly intid: number;
  readonly kind: 'irq' | 'fiq' | 'nmi';
  readonly name: string | null;
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
}

/** One expectation of the scenario, checked at its time. */
export interface CheckView {
  readonly description: string;
  /** null until its time has come */
  readonly passed: boolean | null;
  readonly actual: string | null;
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
  readonly interrupts: Readonly<Record<string, InterruptView>>;
  readonly cpus: readonly CpuView[];
  readonly counters: readonly CounterRowView[];
  readonly injector: InjectorView;
  readonly checks: readonly CheckView[];
  /** per PE, the gate at its CPU interface (absent from old workers) */
  readonly gates?: readonly CpuGateView[];
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
  /** the scenario's chapters in time order (absent: none) */
  readonly chapters?: readonly ChapterView[];
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
}
