import type { GicEvent } from '../gic/index.ts';
import type { ExceptionKind, InterruptMasks } from './pe/pstate.ts';
import type { InjectorMode } from './scenario/index.ts';

export interface NmiCandidate {
  readonly intid: number;
  /** The Redistributor (PE) for a PPI; null for an SPI. */
  readonly pe: number | null;
  /** Stored priority byte. */
  readonly priority: number;
  /** GICv3.3 non-maskable property. */
  readonly nmiProperty: boolean;
  /** The PE the interrupt is delivered to (SPI route or the PPI's own PE); null if none. */
  readonly targetPe: number | null;
}

/** How the target CPU interface treats the chosen NMI and what it holds back (for the UI). */
export interface MaskingExplanation {
  readonly pe: number;
  readonly pmr: number;
  readonly runningPriority: number;
  /** e.g. "NMI priority 0x80 < PMR 0xc0: passes" or "superpriority: PMR does not apply". */
  readonly nmiVerdict: string;
  /** Pending ordinary interrupts on the same PE and why they wait. */
  readonly heldBack: readonly {
    readonly intid: number;
    readonly priority: number;
    readonly reason: string;
  }[];
}

export type MachineEventBody =
  | { readonly kind: 'gic'; readonly event: GicEvent }
  | { readonly kind: 'boot-completed'; readonly pe: number }
  | {
      readonly kind: 'exception-taken';
      readonly pe: number;
      readonly exception: ExceptionKind;
      /** Handler depth after entry (1 = first handler above the task). */
      readonly depth: number;
      readonly interrupted: string;
    }
  | {
      readonly kind: 'exception-returned';
      readonly pe: number;
      readonly exception: ExceptionKind;
      readonly depth: number;
      readonly intid: number | null;
    }
  | { readonly kind: 'masks-changed'; readonly pe: number; readonly masks: InterruptMasks }
  | { readonly kind: 'sctlr-nmi-changed'; readonly pe: number; readonly value: boolean }
  | { readonly kind: 'guest-logged'; readonly pe: number | null; readonly text: string }
  | {
      readonly kind: 'interrupt-handled';
      readonly pe: number;
      readonly intid: number;
      readonly name: string;
      readonly nmi: boolean;
      readonly count: number;
    }
  | {
      readonly kind: 'guest-called';
      readonly pe: number;
      readonly call: string;
      readonly intid: number;
      /** 'ok', or the errno the call returned ('-EINVAL', '-EBUSY', …). */
      readonly result: string;
      readonly message: string;
    }
  | { readonly kind: 'critical-section-entered' | 'critical-section-left'; readonly pe: number }
  | {
      readonly kind: 'ipi-sent';
      readonly pe: number;
      readonly ipi: number;
      readonly name: string;
      readonly targets: readonly number[];
    }
  | {
      readonly kind: 'device-fired';
      readonly device: string;
      readonly intid: number;
      readonly pe: number | null;
    }
  | {
      readonly kind: 'nmi-injected';
      readonly mode: InjectorMode;
      readonly candidates: readonly NmiCandidate[];
      /** Index in candidates of the last one raised before this injection (-1 for none). */
      readonly cursorBefore: number;
      readonly chosenIndex: number;
      readonly chosen: NmiCandidate;
      /** Index of the candidate the next injection will raise. */
      readonly nextIndex: number;
      readonly targetPe: number | null;
      readonly explanation: MaskingExplanation | null;
    }
  | {
      readonly kind: 'nmi-injection-failed';
      readonly mode: InjectorMode;
      readonly reason: string;
      readonly fix: string;
    }
  | { readonly kind: 'action-applied'; readonly index: number; readonly action: string }
  | {
      readonly kind: 'register-edited';
      readonly target: string;
      readonly value: string;
      /** what a read returns after it (null: write-only), and why it differs (write-report.ts) */
      readonly held: string | null;
      readonly notes: readonly string[];
    }
  | {
      readonly kind: 'expectation-checked';
      readonly index: number;
      readonly passed: boolean;
      readonly description: string;
      readonly actual: string;
    };

export type MachineEventKind = MachineEventBody['kind'];

/** Every event carries a sequence number and the virtual time (ns) it happened at. */
export type MachineEvent = MachineEventBody & { readonly seq: number; readonly at: number };

export type MachineListener = (event: MachineEvent) => void;
