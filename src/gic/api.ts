/**
 * The public face of the GICv3 model: configuration, the register-level API, read-only views,
 * events and warnings, snapshots. Types only; `createGic` in index.ts builds a `Gic`.
 *
 * Conventions: INTIDs, PE indices and priorities are plain numbers on the way in (validated) and
 * branded numbers on the way out. Register values are `bigint` at the register API, `Hex`
 * strings ("0x…") inside events and snapshots so that both survive JSON and structuredClone.
 */
import type { SysregName } from '../arch/index.ts';
import type { Brand, Hex } from '../lib/index.ts';

export type { SysregName } from '../arch/index.ts';
export type { Hex } from '../lib/index.ts';
export type * from './api-events.ts';
import type { GicListener } from './api-events.ts';

// ---------------------------------------------------------------------------------------------
// Identities

/** An interrupt identifier: SGI 0–15, PPI 16–31, SPI 32–1019, special 1020–1023. */
export type IntId = Brand<number, 'IntId'>;
/** Index of a PE (and its Redistributor and CPU interface), 0 … peCount−1. */
export type PeIndex = Brand<number, 'PeIndex'>;
/** An 8-bit priority value, 0x00 highest … 0xFF lowest/idle. */
export type Priority = Brand<number, 'Priority'>;

export type IntIdClass = 'SGI' | 'PPI' | 'SPI' | 'special';

/** Interrupt group from GICD/GICR_IGROUPR + IGRPMODR (IHI 0069 §3.2; reference §2.4). */
export type InterruptGroup = 'G0' | 'G1S' | 'G1NS';

export type TriggerMode = 'edge' | 'level';

/** The four architectural states (reference §1.3). */
export type InterruptStateName = 'inactive' | 'pending' | 'active' | 'active-pending';

/** Affinity of a PE as seen in MPIDR_EL1 / GICR_TYPER[63:32]. */
export interface Affinity {
  readonly aff0: number;
  readonly aff1: number;
  readonly aff2: number;
  readonly aff3: number;
}

// ---------------------------------------------------------------------------------------------
// Configuration

/**
 * `architecture`: IHI 0069 behaviour (with the IMPLEMENTATION DEFINED choices documented in
 * docs/gic-api.md). `qemu`: reproduces QEMU's TCG arm-gicv3 device, deviation by deviation
 * (see profile.ts for the list of flags).
 */
export type GicProfileName = 'architecture' | 'qemu';

/**
 * How an SPI with GICD_IROUTER.IRM=1 picks a PE (reference §7; the choice is IMPDEF).
 * `unsupported`: GICD_TYPER.No1N=1, IRM is stored but ignored (QEMU).
 * `round-robin`: the next participating PE after the last recipient.
 * `lowest`: the lowest-numbered participating PE.
 * `seeded-random`: a participating PE chosen by the seeded generator.
 */
export type OneOfNPolicy = 'unsupported' | 'round-robin' | 'lowest' | 'seeded-random';

export interface GicConfig {
  /** 1 … 256. */
  readonly peCount: number;
  /** 32·N for N = 1 … 30, or 988 (INTIDs up to 1019). */
  readonly spiCount: number;
  /** false (default) ⇒ GICD_CTLR.DS=1, a single security state, like QEMU `virt`. */
  readonly securityExtensions?: boolean;
  /** Implemented priority bits in the CPU interface, 4 … 8 (default 5, like Cortex-A57). */
  readonly priorityBits?: number;
  /** GICv3.3 non-maskable interrupts (GICD_TYPER.NMI, INMIR, ICC_NMIAR1_EL1). Default false. */
  readonly nmi?: boolean;
  /** One entry per PE. Default: QEMU virt packing, Aff0 = pe % 16, Aff1 = pe / 16. */
  readonly affinity?: readonly Affinity[];
  /** Default: 'round-robin' under the architecture profile, 'unsupported' under qemu. */
  readonly oneOfN?: OneOfNPolicy;
  /** Default 'architecture'. */
  readonly profile?: GicProfileName;
  /** Seed of the generator behind 'seeded-random'. Default 1. */
  readonly seed?: number;
}

/** The configuration after defaults were applied, plus derived facts. */
export interface ResolvedGicConfig {
  readonly peCount: number;
  readonly spiCount: number;
  /** Highest implemented SPI INTID (31 + spiCount). */
  readonly maxSpiIntId: IntId;
  readonly securityExtensions: boolean;
  readonly priorityBits: number;
  /** Preemption bits: priorityBits, except 8 → 7 (reference §4.3). */
  readonly preemptionBits: number;
  readonly nmi: boolean;
  readonly affinity: readonly Affinity[];
  readonly oneOfN: OneOfNPolicy;
  readonly profile: GicProfileName;
  readonly seed: number;
}

// ---------------------------------------------------------------------------------------------
// Access

export type AccessSize = 1 | 2 | 4 | 8;

/** A spec name such as 'ICC_IAR1_EL1'; other strings are accepted (trace replay) and warned about. */
export type SysregNameInput = SysregName | (string & Record<never, never>);

export interface MmioAccessOptions {
  /** Security attribute of the transaction. Default false (Non-secure). */
  readonly secure?: boolean;
}

export interface SysregAccessOptions {
  /**
   * Security state of the PE making the access: selects the Secure or Non-secure bank of
   * ICC_BPR1/CTLR/IGRPEN1/AP1R and the NS priority view. Default false (Non-secure).
   */
  readonly secure?: boolean;
  /** The access is made at EL3 (implies secure): IAR0/HPPIR0 may then return 1020/1021. */
  readonly el3?: boolean;
}

/**
 * The PE's current security state, which decides whether a group is signalled as IRQ or FIQ
 * (reference §4.2). Ignored when GICD_CTLR.DS=1 (Group 0 → FIQ, Group 1 → IRQ).
 */
export type PeSecurityState = 'non-secure' | 'secure' | 'el3';

// ---------------------------------------------------------------------------------------------
// Read-only views (no side effects; safe to call at any time)

export interface Outputs {
  readonly irq: boolean;
  readonly fiq: boolean;
  /** The superpriority IRQ line (GICv3.3 NMI), driven instead of `irq` for NMIs. */
  readonly nmi: boolean;
}

export interface Hppi {
  readonly intid: IntId;
  /** Effective priority: the priority byte, or 0x00 / 0x80 for an NMI (reference §6). */
  readonly priority: Priority;
  readonly group: InterruptGroup;
  readonly nmi: boolean;
}

export interface InterruptRouteView {
  /** GICD_IROUTER<n> as written (RES0 bits cleared). */
  readonly irouter: Hex;
  readonly irm: boolean;
  /** The affinity named by IROUTER (meaningful when irm is false). */
  readonly affinity: Affinity;
  /** The PE this SPI is currently offered to, or null (IROUTER names no PE, or no participant). */
  readonly targetPe: PeIndex | null;
}

export interface InterruptView {
  readonly intid: IntId;
  readonly class: IntIdClass;
  /** For SGIs/PPIs, the Redistributor (PE) holding this banked copy; null for SPIs. */
  readonly pe: PeIndex | null;
  readonly state: InterruptStateName;
  /** Effective pending: latch OR (level-sensitive AND line high). */
  readonly pending: boolean;
  /** The pending latch (edge events, ISPENDR). */
  readonly latch: boolean;
  /** The input line level. */
  readonly level: boolean;
  readonly enabled: boolean;
  readonly active: boolean;
  /** The PE whose CPU interface acknowledged it (SPIs), or null if not known/not active. */
  readonly activeOn: PeIndex | null;
  readonly group: InterruptGroup;
  /** The stored priority byte (Secure view, unshifted). */
  readonly priority: Priority;
  readonly nmi: boolean;
  readonly trigger: TriggerMode;
  /** SPIs only; null for SGIs/PPIs. */
  readonly route: InterruptRouteView | null;
}

export interface ActivePriorities {
  /** ICC_AP0R<n>_EL1, as unsigned 32-bit numbers (length 1, 2 or 4). */
  readonly ap0r: readonly number[];
  /** ICC_AP1R<n>_EL1, Non-secure bank (bits [31:0]). */
  readonly ap1rNs: readonly number[];
  /** ICC_AP1R<n>_EL1, Secure bank (bits [31:0]). */
  readonly ap1rS: readonly number[];
  /** AP1R0.NMI (bit 63) of each bank (GICv3.3). */
  readonly nmiNs: boolean;
  readonly nmiS: boolean;
  /** Bit 63 of AP0R0: only ever set under the qemu profile, which honours INMIR on Group 0. */
  readonly nmi0: boolean;
}

export interface CpuInterfaceView {
  readonly pe: PeIndex;
  /** ICC_PMR_EL1 as stored (Secure/unshifted view). */
  readonly pmr: Priority;
  readonly bpr0: number;
  readonly bpr1Ns: number;
  readonly bpr1S: number;
  /** ICC_CTLR_EL1 banks. */
  readonly eoiModeNs: boolean;
  readonly eoiModeS: boolean;
  readonly cbprNs: boolean;
  readonly cbprS: boolean;
  readonly igrpen0: boolean;
  readonly igrpen1Ns: boolean;
  readonly igrpen1S: boolean;
  readonly activePriorities: ActivePriorities;
  /** Running priority (ICC_RPR_EL1 priority field, unshifted); 0xFF when idle. */
  readonly runningPriority: Priority;
  /** RPR.NMI: the running priority comes from an active NMI. */
  readonly runningNmi: boolean;
  /** The highest-priority pending interrupt forwarded to this CPU interface, or null. */
  readonly hppi: Hppi | null;
  readonly outputs: Outputs;
  readonly securityState: PeSecurityState;
  /** SCTLR_ELx.NMI as last set through setPeNmiEnabled. */
  readonly sctlrNmi: boolean;
}

export interface RedistributorView {
  readonly pe: PeIndex;
  readonly affinity: Affinity;
  /** GICR_WAKER.ProcessorSleep / ChildrenAsleep. */
  readonly processorSleep: boolean;
  readonly childrenAsleep: boolean;
  /** GICR_CTLR.DPG0 / DPG1NS / DPG1S (1-of-N participation). */
  readonly dpg0: boolean;
  readonly dpg1Ns: boolean;
  readonly dpg1S: boolean;
}

export interface DistributorView {
  readonly enableGrp0: boolean;
  readonly enableGrp1Ns: boolean;
  readonly enableGrp1S: boolean;
  /** GICD_CTLR.DS: single security state. */
  readonly ds: boolean;
  readonly are: boolean;
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/**
 * The model's state at one moment, cheap to take and to keep: every persistent field packed in
 * one byte buffer (a copy of the model's own), plus three scalars. Derived caches (HPPI heaps,
 * output lines) are not stored; restore() rebuilds them. structuredClone-safe, not JSON-safe:
 * use `snapshotJson()` / `gicSnapshotToJson()` for files.
 */
export interface GicSnapshot {
  readonly format: 'gicscope.gic';
  readonly version: 2;
  readonly config: ResolvedGicConfig;
  /** The persistent fields in the layout of this build (src/gic/state-layout.ts). */
  readonly data: Uint8Array;
  readonly gicdCtlr: number;
  readonly rrLast: number;
  readonly rng: number;
  /** Heap bytes this snapshot holds (its buffer and its own objects), for memory budgets. */
  readonly bytes: number;
}

/** The same state as plain JSON: one array of numbers per named field. */
export interface GicSnapshotJson {
  readonly format: 'gicscope.gic';
  readonly version: 2;
  readonly config: ResolvedGicConfig;
  readonly fields: Readonly<Record<string, readonly number[]>>;
  readonly gicdCtlr: number;
  readonly rrLast: number;
  readonly rng: number;
}

// ---------------------------------------------------------------------------------------------
// The model

export interface Gic {
  readonly config: ResolvedGicConfig;

  // Register API. Unimplemented offsets, bad sizes and unknown names: RAZ/WI + a warning event.
  readDistributor(offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint;
  writeDistributor(
    offset: number,
    value: bigint | number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): void;
  /** Offset within the PE's frames: RD_base at 0, SGI_base at 0x10000. */
  readRedistributor(pe: number, offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint;
  writeRedistributor(
    pe: number,
    offset: number,
    value: bigint | number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): void;
  readSysreg(pe: number, name: SysregNameInput, opts?: SysregAccessOptions): bigint;
  /**
   * The number fast path: the same access as readDistributor / readRedistributor / readSysreg
   * (same events, warnings and side effects — ICC_IAR1_EL1 acknowledges), returning bits [31:0]
   * as an unsigned number instead of allocating a bigint. Writes take numbers already.
   */
  readDistributor32(offset: number, size: AccessSize, opts?: MmioAccessOptions): number;
  readRedistributor32(
    pe: number,
    offset: number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): number;
  readSysreg32(pe: number, name: SysregNameInput, opts?: SysregAccessOptions): number;
  writeSysreg(
    pe: number,
    name: SysregNameInput,
    value: bigint | number,
    opts?: SysregAccessOptions,
  ): void;

  /**
   * Looks at a register the way a read would see it, from outside the machine: no event, no
   * warning, no side effect. A peek at ICC_IAR0/IAR1/NMIAR1_EL1 returns the INTID that a read
   * would acknowledge, and acknowledges nothing.
   */
  peekDistributor(offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint;
  peekRedistributor(pe: number, offset: number, size: AccessSize, opts?: MmioAccessOptions): bigint;
  peekSysreg(pe: number, name: SysregNameInput, opts?: SysregAccessOptions): bigint;
  /** Peeks returning bits [31:0] as an unsigned number. */
  peekDistributor32(offset: number, size: AccessSize, opts?: MmioAccessOptions): number;
  peekRedistributor32(
    pe: number,
    offset: number,
    size: AccessSize,
    opts?: MmioAccessOptions,
  ): number;
  peekSysreg32(pe: number, name: SysregNameInput, opts?: SysregAccessOptions): number;

  // Inputs.
  /** SPI input line (no pe) or PPI input line of one PE (with pe). */
  setLevel(intid: number, level: boolean, pe?: number): void;
  /** SCTLR_ELx.NMI of the PE's current EL: with it set, ICC_IAR1_EL1 returns 1022 for an NMI. */
  setPeNmiEnabled(pe: number, enabled: boolean): void;
  /** The PE's security state for the Group→IRQ/FIQ mapping (default 'non-secure'). */
  setPeSecurityState(pe: number, state: PeSecurityState): void;

  // Outputs and inspection (no side effects).
  outputs(pe: number): Outputs;
  interrupt(intid: number, pe?: number): InterruptView;
  cpuInterface(pe: number): CpuInterfaceView;
  redistributor(pe: number): RedistributorView;
  distributor(): DistributorView;

  /**
   * Events. Each API call reports its events after its state change is complete. If a listener
   * throws, the others still get every event, and the call then throws a GicListenerError whose
   * `result` is what the call returned and whose `cause` is the listener's error.
   */
  subscribe(listener: GicListener): () => void;

  // State.
  snapshot(): GicSnapshot;
  /** The same as `snapshot()` in plain JSON (arrays of numbers), for files. */
  snapshotJson(): GicSnapshotJson;
  /**
   * Restores a snapshot (either form) taken from a model with the same configuration. The whole
   * snapshot is checked first — every field's presence, type, length, range and consistency —
   * and a damaged one is refused with an Error naming the field; the model is then unchanged.
   * Emits no events.
   */
  restore(snapshot: GicSnapshot | GicSnapshotJson): void;
  /** Back to the reset state of the profile (emits no events). */
  reset(): void;
}
