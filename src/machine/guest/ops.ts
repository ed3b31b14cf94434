import type { ItsCommand, SysregName } from '../../gic/index.ts';

/** A value known when the op is built, or read from a variable of the running frame. */
export type OpValue = number | { readonly var: string };

/**
 * One step of guest code on a PE: plain data, so a PE's whole program (and so the machine)
 * snapshots as JSON. Decision ops (`*-path`, `dispatch`) look at the frame's variables and
 * insert the ops that follow, as the driver's branches do.
 */
export type Op =
  | {
      readonly op: 'dist-write';
      readonly offset: number;
      readonly value: OpValue;
      readonly size: 1 | 4 | 8;
    }
  | {
      readonly op: 'dist-read';
      readonly offset: number;
      readonly size: 4 | 8;
      readonly into?: string;
    }
  | {
      readonly op: 'redist-write';
      readonly offset: number;
      readonly value: OpValue;
      readonly size: 1 | 4;
    }
  | {
      readonly op: 'redist-read';
      readonly offset: number;
      readonly size: 4;
      readonly into?: string;
    }
  /** Read until (value & mask) === 0, as gic_*_wait_for_rwp / gic_enable_redist poll. */
  | { readonly op: 'poll-dist'; readonly offset: number; readonly mask: number }
  | { readonly op: 'poll-redist'; readonly offset: number; readonly mask: number }
  /** Read-modify-write: `(read & ~clear) | set`, as gic_configure_irq does for GICD_ICFGR. */
  | {
      readonly op: 'dist-rmw';
      readonly offset: number;
      readonly clear: number;
      readonly set: number;
    }
  | {
      readonly op: 'redist-rmw';
      readonly offset: number;
      readonly clear: number;
      readonly set: number;
    }
  | { readonly op: 'sysreg-write'; readonly name: SysregName; readonly value: OpValue }
  | { readonly op: 'sysreg-read'; readonly name: SysregName; readonly into?: string }
  /** `msr daifset/daifclr`: set or clear PSTATE.I and F. */
  | { readonly op: 'daif'; readonly set: boolean }
  /** `msr allint, #imm` (FEAT_NMI). */
  | { readonly op: 'allint'; readonly value: boolean }
  | { readonly op: 'work'; readonly ns: number; readonly label: string }
  | { readonly op: 'log'; readonly text: string }
  /** Send an IPI: one ICC_SGI1R_EL1 write per Aff3.Aff2.Aff1 cluster of the targets. */
  | { readonly op: 'send-ipi'; readonly ipi: number; readonly targets: readonly number[] }
  | { readonly op: 'set-sctlr-nmi'; readonly value: boolean }
  | { readonly op: 'secondaries-start' }
  | { readonly op: 'boot-done' }
  | { readonly op: 'critical-section'; readonly enter: boolean }
  /** A guest API call (request_irq, request_nmi, …) expanded when it runs. */
  | { readonly op: 'call'; readonly index: number }
  /** After the entry prologue: picks Linux's irqson / irqsoff path. */
  | { readonly op: 'irq-path' }
  /** After IAR (and RPR): NMI, normal IRQ, or spurious. */
  | { readonly op: 'dispatch' }
  /** Counts the interrupt and runs its device handler. */
  | { readonly op: 'handle'; readonly nmi: boolean }
  /** The device behind the INTID clears its interrupt (timer reprogrammed, UART ICR written). */
  | { readonly op: 'device-ack'; readonly intid: number }
  | { readonly op: 'eret' }
  // LPIs and the ITS (its-driver.ts). 64-bit values are "0x…" strings so that ops stay JSON.
  | { readonly op: 'redist-write64'; readonly offset: number; readonly value: string }
  | {
      readonly op: 'its-write';
      readonly offset: number;
      readonly value: string;
      readonly size: 4 | 8;
    }
  | { readonly op: 'its-read'; readonly offset: number; readonly size: 4 | 8 }
  /** A store to guest memory (the LPI configuration table). */
  | {
      readonly op: 'mem-write';
      readonly address: number;
      readonly value: number;
      readonly size: 1 | 4;
    }
  /** memset over guest memory. */
  | {
      readonly op: 'mem-fill';
      readonly address: number;
      readonly byte: number;
      readonly length: number;
    }
  /** its_send_single_command: the command into the queue, GITS_CWRITER advanced, CREADR polled. */
  | { readonly op: 'its-command'; readonly command: ItsCommand };

export type FrameKind = 'task' | 'irq' | 'fiq' | 'superpriority-irq';
