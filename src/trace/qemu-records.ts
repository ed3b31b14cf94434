/**
 * One record per `gicv3_*` event line of QEMU's log trace backend (reference §8.2), plus the
 * `CPU Reset (CPU n)` lines that `-d cpu_reset` adds. Values are as QEMU printed them; nothing
 * is resolved against a model here.
 */
import type { SysregName } from '../arch/index.ts';
import type { AccessSize, InterruptGroup, IntId, ItsCommand } from '../gic/index.ts';
import type { Brand } from '../lib/index.ts';

/**
 * The `cpu`/`cpuid` argument of QEMU's events: the Redistributor's affinity value
 * (GICR_TYPER[63:32] = Aff3<<24 | Aff2<<16 | Aff1<<8 | Aff0), not the CPU index.
 */
export type QemuAffinityValue = Brand<number, 'QemuAffinityValue'>;

/** The `PID@SECONDS.MICROSECONDS:` prefix that `-msg timestamp=on` adds to trace lines. */
export interface QemuTimestamp {
  readonly pid: number;
  readonly seconds: number;
  readonly microseconds: number;
}

interface RecordBase {
  /** 1-based line number in the log. */
  readonly line: number;
  readonly timestamp: QemuTimestamp | null;
}

interface MmioAccess extends RecordBase {
  readonly offset: number;
  readonly size: AccessSize;
  readonly secure: boolean;
}

/** `gicv3_cpuif_update`: QEMU's cached HPPI for one CPU interface after an update. */
export interface QemuHppi {
  readonly intid: IntId;
  readonly group: InterruptGroup;
  readonly priority: number;
}

export type QemuTraceRecord =
  | (MmioAccess & { readonly kind: 'dist-read'; readonly value: bigint })
  | (MmioAccess & { readonly kind: 'dist-write'; readonly value: bigint })
  /** QEMU logged a guest error and returned 0 (RAZ). */
  | (MmioAccess & { readonly kind: 'dist-bad-read' })
  /** QEMU logged a guest error and ignored the write (WI). */
  | (MmioAccess & { readonly kind: 'dist-bad-write'; readonly value: bigint })
  | (RecordBase & { readonly kind: 'dist-set-irq'; readonly intid: IntId; readonly level: boolean })
  | (MmioAccess & {
      readonly kind: 'redist-read';
      readonly affinity: QemuAffinityValue;
      readonly value: bigint;
    })
  | (MmioAccess & {
      readonly kind: 'redist-write';
      readonly affinity: QemuAffinityValue;
      readonly value: bigint;
    })
  | (MmioAccess & { readonly kind: 'redist-bad-read'; readonly affinity: QemuAffinityValue })
  | (MmioAccess & {
      readonly kind: 'redist-bad-write';
      readonly affinity: QemuAffinityValue;
      readonly value: bigint;
    })
  | (RecordBase & {
      readonly kind: 'redist-set-irq';
      readonly affinity: QemuAffinityValue;
      readonly intid: IntId;
      readonly level: boolean;
    })
  /** An SGI made pending in the target Redistributor (after its group checks passed). */
  | (RecordBase & {
      readonly kind: 'redist-send-sgi';
      readonly affinity: QemuAffinityValue;
      readonly intid: IntId;
    })
  /** A CPU-interface system register read; `value` is what the guest got. */
  | (RecordBase & {
      readonly kind: 'icc-read';
      readonly affinity: QemuAffinityValue;
      readonly register: SysregName;
      readonly value: bigint;
    })
  | (RecordBase & {
      readonly kind: 'icc-write';
      readonly affinity: QemuAffinityValue;
      readonly register: SysregName;
      readonly value: bigint;
    })
  /**
   * `gicv3_icc_generate_sgi`, the only trace of an ICC_SGI0R/SGI1R/ASGI1R_EL1 write (which of
   * the three is not logged). RS is not logged either (QEMU ignores it).
   */
  | (RecordBase & {
      readonly kind: 'generate-sgi';
      readonly affinity: QemuAffinityValue;
      readonly intid: IntId;
      readonly irm: boolean;
      readonly aff1: number;
      readonly aff2: number;
      readonly aff3: number;
      readonly targetList: number;
    })
  /** `gicv3_cpuif_update`; `hppi` is null when QEMU printed prio 255 (its `irq` is then stale). */
  | (RecordBase & {
      readonly kind: 'cpuif-update';
      readonly affinity: QemuAffinityValue;
      readonly hppi: QemuHppi | null;
    })
  | (RecordBase & {
      readonly kind: 'cpuif-set-irqs';
      readonly affinity: QemuAffinityValue;
      readonly fiq: boolean;
      readonly irq: boolean;
    })
  /** ITS control-frame accesses (`gicv3_its_read` …); `offset` is within ITS_base's 64 KB frame. */
  | (RecordBase & {
      readonly kind: 'its-read';
      readonly offset: number;
      readonly size: AccessSize;
      readonly value: bigint;
    })
  | (RecordBase & {
      readonly kind: 'its-write';
      readonly offset: number;
      readonly size: AccessSize;
      readonly value: bigint;
    })
  | (RecordBase & {
      readonly kind: 'its-bad-read';
      readonly offset: number;
      readonly size: AccessSize;
    })
  | (RecordBase & {
      readonly kind: 'its-bad-write';
      readonly offset: number;
      readonly size: AccessSize;
      readonly value: bigint;
    })
  /**
   * A write to the ITS translation frame (`offset` within it; GITS_TRANSLATER is 0x40), printed
   * before its effects; `requesterId` is the DeviceID the bus attached (0 for a CPU).
   */
  | (RecordBase & {
      readonly kind: 'its-translation-write';
      readonly offset: number;
      readonly size: AccessSize;
      readonly value: bigint;
      readonly requesterId: number;
    })
  /** `gicv3_its_process_command`: the ITS read the command in queue slot `slot`, number `number`. */
  | (RecordBase & {
      readonly kind: 'its-process-command';
      readonly slot: number;
      readonly number: number;
    })
  /** The command just read, decoded as QEMU logged it (`gicv3_its_cmd_*`). */
  | (RecordBase & { readonly kind: 'its-command'; readonly command: QemuItsCommand })
  /** An ITS table entry QEMU read or wrote (`gicv3_its_dte_*`, `_ite_*`, `_cte_*`). */
  | (RecordBase & {
      readonly kind: 'its-table';
      readonly access: 'read' | 'write' | 'read-fault';
      readonly entry: QemuItsTableEntry;
    })
  /**
   * Not a QEMU event: a guest write to memory the GIC reads (`gicscope_guest_write`), added by
   * tools/record-qemu-trace.sh where QEMU cannot see it (docs/qemu-traces.md).
   */
  | (RecordBase & {
      readonly kind: 'guest-write';
      readonly address: number;
      readonly value: bigint;
      readonly size: AccessSize;
    })
  /** `CPU Reset (CPU n)` from `-d cpu_reset`: n is the CPU index. QEMU resets ICC_* state. */
  | (RecordBase & { readonly kind: 'cpu-reset'; readonly cpuIndex: number })
  /** A gicv3 event the replay does not model (ITS, virtual CPU interface, …); not an error. */
  | (RecordBase & { readonly kind: 'unmodelled'; readonly event: string });

export type QemuTraceRecordKind = QemuTraceRecord['kind'];

/** A line that names a gicv3 event (or a CPU reset) but does not have that event's shape. */
export interface QemuParseError {
  readonly line: number;
  /** The event name, or null when the line has no recognisable name. */
  readonly event: string | null;
  /** What the parser expected, e.g. the event's format. */
  readonly expected: string;
  /** The offending line, trimmed to a readable length. */
  readonly text: string;
}

/**
 * An ITS command as `gicv3_its_cmd_*` logs it. MAPD's ittAddress is the full address (QEMU prints
 * it shifted right by 8). INVALL and SYNC log no operands.
 */
export type QemuItsCommand =
  Exclude<ItsCommand, { readonly name: 'SYNC' | 'INVALL' }> | { readonly name: 'SYNC' | 'INVALL' };

/** Fields QEMU logs for a table entry (absent on a read fault). */
export type QemuItsTableEntry =
  | {
      readonly table: 'device';
      readonly deviceId: number;
      readonly valid: boolean;
      readonly size: number;
      readonly ittAddress: number;
    }
  | {
      readonly table: 'collection';
      readonly icid: number;
      readonly valid: boolean;
      readonly rdBase: number;
    }
  | {
      readonly table: 'interrupt';
      readonly ittAddress: number;
      readonly eventId: number;
      readonly valid: boolean;
      readonly intid: number;
      readonly icid: number;
    }
  | { readonly table: 'device-fault'; readonly deviceId: number }
  | { readonly table: 'collection-fault'; readonly icid: number }
  | { readonly table: 'interrupt-fault'; readonly ittAddress: number; readonly eventId: number };
