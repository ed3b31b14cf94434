/**
 * Events and warnings of the GIC model (re-exported by api.ts): past tense, discriminated by
 * `kind`, carrying the values at the moment of the event.
 */
import type { Hex } from '../lib/index.ts';
import type { ItsCommand } from './its/commands.ts';
import type {
  AccessSize,
  Hppi,
  InterruptGroup,
  IntId,
  OneOfNPolicy,
  Outputs,
  PeIndex,
  Priority,
  TriggerMode,
} from './api.ts';

// ---------------------------------------------------------------------------------------------
// Events (past tense, discriminated by `kind`, values at the moment of the event)

export type RegisterBlock = 'distributor' | 'redistributor' | 'cpu-interface' | 'its';

/**
 * Which input changed an interrupt's pending state. LPIs: 'its' (a translation: GITS_TRANSLATER or
 * INT), 'its-clear' (CLEAR, DISCARD), 'moved' (MOVI, MOVALL), 'direct' (GICR_SETLPIR/CLRLPIR),
 * 'acknowledge'.
 */
export type PendingCause =
  | 'line'
  | 'ISPENDR'
  | 'ICPENDR'
  | 'sgi'
  | 'acknowledge'
  | 'config'
  | 'deactivate'
  | 'its'
  | 'its-clear'
  | 'moved'
  | 'direct';

/** What asked the ITS to translate an EventID (IHI 0069 §6.3). */
export type ItsTranslationSource = 'GITS_TRANSLATER' | 'INT' | 'CLEAR' | 'DISCARD';

/** How the ITS dealt with one command: carried out, ignored for an error, or stalled the queue. */
export type ItsCommandOutcome = 'done' | 'ignored' | 'stalled';

export type DeactivationCause = 'EOIR' | 'DIR' | 'ICACTIVER';

export type InterruptConfigChange =
  | { readonly property: 'enabled'; readonly value: boolean }
  | { readonly property: 'group'; readonly value: InterruptGroup }
  | { readonly property: 'priority'; readonly value: Priority }
  | { readonly property: 'trigger'; readonly value: TriggerMode }
  | { readonly property: 'nmi'; readonly value: boolean }
  | { readonly property: 'route'; readonly value: Hex };

export type GicEvent =
  | {
      readonly kind: 'line-changed';
      readonly intid: IntId;
      /** PPI: the PE whose line changed; SPI: null. */
      readonly pe: PeIndex | null;
      readonly level: boolean;
    }
  | {
      readonly kind: 'became-pending';
      readonly intid: IntId;
      readonly pe: PeIndex | null;
      readonly cause: PendingCause;
    }
  | {
      readonly kind: 'pending-cleared';
      readonly intid: IntId;
      readonly pe: PeIndex | null;
      readonly cause: PendingCause;
    }
  | {
      readonly kind: 'activated';
      readonly intid: IntId;
      readonly pe: PeIndex | null;
      /** Only register writes (ISACTIVER); an acknowledge emits `acknowledged`. */
      readonly cause: 'ISACTIVER';
    }
  | {
      readonly kind: 'interrupt-configured';
      readonly intid: IntId;
      readonly pe: PeIndex | null;
      readonly change: InterruptConfigChange;
    }
  | {
      readonly kind: 'routed';
      readonly intid: IntId;
      readonly mode: 'targeted' | '1-of-N';
      /** The 1-of-N policy in force (mode '1-of-N' only), else null. */
      readonly policy: OneOfNPolicy | null;
      readonly pe: PeIndex | null;
      readonly previousPe: PeIndex | null;
    }
  | {
      readonly kind: 'hppi-changed';
      readonly pe: PeIndex;
      readonly hppi: Hppi | null;
      readonly previous: Hppi | null;
    }
  | {
      readonly kind: 'outputs-changed';
      readonly pe: PeIndex;
      readonly outputs: Outputs;
      readonly previous: Outputs;
    }
  | {
      readonly kind: 'acknowledged';
      readonly pe: PeIndex;
      readonly intid: IntId;
      readonly group: InterruptGroup;
      readonly priority: Priority;
      readonly nmi: boolean;
      readonly register: 'ICC_IAR0_EL1' | 'ICC_IAR1_EL1' | 'ICC_NMIAR1_EL1';
      /** Running priority after the acknowledge. */
      readonly runningPriority: Priority;
    }
  | {
      readonly kind: 'priority-dropped';
      readonly pe: PeIndex;
      /** The INTID written to EOIR. */
      readonly intid: IntId;
      readonly group: InterruptGroup;
      /** The active priority level that was dropped. */
      readonly priority: Priority;
      readonly nmi: boolean;
      readonly runningPriority: Priority;
    }
  | {
      readonly kind: 'deactivated';
      readonly intid: IntId;
      readonly pe: PeIndex | null;
      readonly cause: DeactivationCause;
    }
  | {
      readonly kind: 'sgi-generated';
      readonly pe: PeIndex;
      readonly intid: IntId;
      readonly register: 'ICC_SGI0R_EL1' | 'ICC_SGI1R_EL1' | 'ICC_ASGI1R_EL1';
      readonly irm: boolean;
      /** The PEs whose Redistributor the SGI was made pending in. */
      readonly targets: readonly PeIndex[];
    }
  | {
      readonly kind: 'redistributor-woke' | 'redistributor-slept';
      readonly pe: PeIndex;
    }
  | {
      readonly kind: 'register-read';
      readonly block: RegisterBlock;
      /** Redistributor / CPU interface PE; null for the Distributor. */
      readonly pe: PeIndex | null;
      /** Spec name, e.g. 'GICD_ISENABLER1', 'GICR_WAKER', 'ICC_IAR1_EL1'; null if unimplemented. */
      readonly register: string | null;
      readonly offset: number | null;
      readonly size: AccessSize | null;
      readonly value: Hex;
      readonly secure: boolean;
    }
  | {
      readonly kind: 'register-written';
      readonly block: RegisterBlock;
      readonly pe: PeIndex | null;
      readonly register: string | null;
      readonly offset: number | null;
      readonly size: AccessSize | null;
      readonly value: Hex;
      readonly secure: boolean;
    }
  | {
      /** The ITS carried out (or ignored, or stalled on) the command at queue index `offset`. */
      readonly kind: 'its-command';
      readonly offset: number;
      readonly command: ItsCommand;
      readonly outcome: ItsCommandOutcome;
      readonly error: WarningCode | null;
      readonly detail: string | null;
    }
  | {
      /**
       * An EventID went through the ITS tables (DeviceID → ITT → collection → Redistributor).
       * Fields are null from the step where the walk stopped; `error` says why.
       */
      readonly kind: 'its-translated';
      readonly source: ItsTranslationSource;
      readonly deviceId: number;
      readonly eventId: number;
      readonly intid: IntId | null;
      readonly icid: number | null;
      readonly pe: PeIndex | null;
      readonly error: WarningCode | null;
    }
  | {
      /** A Redistributor dropped cached LPI configuration (`intid` null: all of it). */
      readonly kind: 'lpi-config-invalidated';
      readonly pe: PeIndex;
      readonly intid: IntId | null;
    }
  | {
      readonly kind: 'warning';
      readonly code: WarningCode;
      readonly message: string;
      readonly register: string | null;
      readonly pe: PeIndex | null;
      readonly intid: IntId | null;
    };

export type GicEventKind = GicEvent['kind'];

export type GicListener = (event: GicEvent) => void;

// ---------------------------------------------------------------------------------------------
// Warnings: guest misprogramming; the model behaves as hardware would and goes on.

export type WarningCode =
  /** EOIR names an interrupt that is not active (priority still dropped, nothing deactivated). */
  | 'eoi-not-active'
  /** EOIR with no active priority in that group: nothing to drop. */
  | 'eoi-no-active-priority'
  /** EOIR0/EOIR1 (or its security state) does not match the group of the highest active priority. */
  | 'eoi-group-mismatch'
  /** EOIR/DIR names an INTID beyond the implemented range (ignored). */
  | 'eoi-intid-out-of-range'
  /** ICC_DIR_EL1 written while ICC_CTLR_EL1.EOImode=0 (ignored). */
  | 'dir-with-eoimode-0'
  /** ICC_DIR_EL1 names an interrupt that is not active. */
  | 'dir-not-active'
  | 'write-to-read-only'
  | 'read-of-write-only'
  /** A Non-secure access touched a Secure interrupt's field or a Secure-only bit (RAZ/WI). */
  | 'ns-access-to-secure-field'
  /** GICD_IROUTER with IRM=0 names an affinity that matches no PE: the SPI stays pending. */
  | 'irouter-no-pe'
  /** IRM=1 written while GICD_TYPER.No1N=1: stored but ignored. */
  | 'irouter-irm-unsupported'
  /** An SGI register write whose target list / affinity names no PE. */
  | 'sgi-no-target'
  /** The SGI's configured group does not match the requested group: not made pending. */
  | 'sgi-group-mismatch'
  /** The non-maskable property set on a Group 0 interrupt (RES0; ignored). */
  | 'nmi-on-group0'
  /** INMIR changed for an interrupt that is enabled. */
  | 'inmir-change-while-enabled'
  /** An interrupt's priority changed while it is active. */
  | 'priority-change-while-active'
  | 'unimplemented-offset'
  | 'bad-access-size'
  /** readSysreg/writeSysreg with a name the model does not know. */
  | 'unknown-sysreg'
  /** An access to a register that needs a security state / EL the access does not have. */
  | 'insufficient-privilege'
  /** A write to a reserved or UNPREDICTABLE value (stored as the documented IMPDEF choice). */
  | 'reserved-value'
  /** setLevel on an SGI, special INTID, out-of-range INTID, or a PPI without a PE. */
  | 'invalid-line'
  /** A 1-of-N SPI could not be offered to any participating PE. */
  | 'no-participating-pe'
  /** GICR_WAKER.ProcessorSleep set while interrupts are pending for that PE. */
  | 'sleep-with-pending'
  // LPIs and the ITS (IHI 0069 §5, §6): the GIC ignores the request and goes on.
  /** ICC_DIR_EL1 names an LPI, which has no active state. */
  | 'dir-of-lpi'
  /** An LPI for a Redistributor whose GICR_CTLR.EnableLPIs is 0: dropped. */
  | 'lpis-disabled'
  /** An LPI INTID beyond GICR_PROPBASER.IDbits: not recognised. */
  | 'lpi-out-of-range'
  /** GICR_CTLR.EnableLPIs cleared while GICR_CTLR.CES=0: ignored. */
  | 'enable-lpis-clear-ignored'
  /** GICR_PROPBASER/PENDBASER written while EnableLPIs=1 (UNPREDICTABLE): ignored. */
  | 'lpi-table-base-locked'
  /** GITS_CBASER/GITS_BASER<n> written while the ITS is enabled: ignored. */
  | 'its-register-locked'
  /** GITS_TRANSLATER written while GITS_CTLR.Enabled=0: dropped. */
  | 'its-disabled'
  /** GITS_CWRITER/CREADR offset beyond the command queue: nothing processed. */
  | 'its-queue-offset-invalid'
  /** A command or table entry is not in memory: the queue stalls (GITS_CREADR.Stalled). */
  | 'its-memory-fault'
  /** A DeviceID or ICID beyond what its table holds. */
  | 'its-id-out-of-range'
  /** MAPD Size beyond GITS_TYPER.ID_bits. */
  | 'its-size-out-of-range'
  /** The DeviceID has no valid device table entry (no MAPD, or MAPD V=0). */
  | 'its-device-unmapped'
  /** EventID ≥ 2^(Size + 1) of its device. */
  | 'its-event-out-of-range'
  /** The EventID has no valid ITT entry (no MAPTI/MAPI, or DISCARDed). */
  | 'its-event-unmapped'
  /** The collection has no valid entry (no MAPC, or MAPC V=0). */
  | 'its-collection-unmapped'
  /** An RDbase that names no Redistributor. */
  | 'its-rdbase-invalid'
  /** MAPTI/MAPI pINTID outside the LPI range. */
  | 'its-intid-not-lpi'
  /** A command number that is not a physical ITS command. */
  | 'its-unknown-command';
