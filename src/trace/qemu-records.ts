/**
 * One record per `gicv3_*` event line of QEMU's log trace backend (reference §8.2), plus the
 * `CPU Reset (CPU n)` lines that `-d cpu_reset` adds. Values are as QEMU printed them; nothing
 * is resolved against a model here.
 */
import type { SysregName } from '../arch/index.ts';
import type { AccessSize, InterruptGroup, IntId } from '../gic/index.ts';
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
