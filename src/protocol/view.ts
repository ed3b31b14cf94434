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

export interface InjectorView {
  readonly mode: InjectorMode;
  readonly candidates: readonly { readonly intid: number; readonly pe: number | null }[];
  /** index into candidates of the next one to be raised */
  readonly cursor: number;
  readonly lastChosen: { readonly intid: number; readonly pe: number | null } | null;
  readonly problem: string | null;
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
}

export interface MachineView {
  readonly time: number;
  readonly config: MachineConfigView;
  readonly interrupts: Readonly<Record<string, InterruptView>>;
  readonly cpus: readonly CpuView[];
  readonly counters: readonly CounterRowView[];
  readonly injector: InjectorView;
}

/** Only what changed since the previous frame. */
export interface MachineDiff {
  readonly time: number;
  readonly interrupts?: readonly InterruptView[];
  readonly cpus?: readonly CpuView[];
  readonly counters?: readonly CounterRowView[];
  readonly injector?: InjectorView;
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
}

export interface ScenarioMeta {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
}
