/**
 * The model configuration a QEMU trace implies: what the guest read from GICD_TYPER,
 * GICR_TYPER and ICC_CTLR_EL1, and which Redistributors appear at all.
 */
import type { GicConfig } from '../gic/index.ts';
import type { QemuAffinityValue, QemuTraceRecord } from './qemu-records.ts';

const GICD_TYPER = 0x4;
const GICR_TYPER = 0x8;
/** QEMU `virt` with GICv3: 16 CPUs per Aff1 cluster (reference §8.1 item 6). */
const CLUSTER_SIZE = 16;

/** PE index of a Redistributor affinity value under QEMU virt packing, or null if it is not one. */
export function virtPeIndex(affinity: QemuAffinityValue): number | null {
  const aff0 = affinity & 0xff;
  const aff1 = (affinity >>> 8) & 0xff;
  if (affinity >>> 16 !== 0 || aff0 >= CLUSTER_SIZE) return null;
  return aff1 * CLUSTER_SIZE + aff0;
}

export interface InferredQemuConfig {
  readonly config: GicConfig;
  /** How each value was found, for the replay report. */
  readonly evidence: readonly string[];
}

/**
 * peCount: GICR_TYPER.Last names the final Redistributor, else the highest PE seen. spiCount:
 * GICD_TYPER.ITLinesNumber. nmi / securityExtensions: GICD_TYPER bits 9 / 10. priorityBits:
 * ICC_CTLR_EL1.PRIbits + 1 (default 5, Cortex-A57).
 */
export function inferQemuConfig(records: readonly QemuTraceRecord[]): InferredQemuConfig {
  const evidence: string[] = [];
  let gicdTyper: bigint | null = null;
  let lastPe: number | null = null;
  let highestPe = 0;
  let iccCtlr: bigint | null = null;
  let highestSpi = 31;

  for (const record of records) {
    if ('affinity' in record) {
      highestPe = Math.max(highestPe, virtPeIndex(record.affinity) ?? 0);
    }
    switch (record.kind) {
      case 'dist-read':
        if (record.offset === GICD_TYPER && gicdTyper === null) gicdTyper = record.value;
        break;
      case 'redist-read':
        if (record.offset === GICR_TYPER && record.size === 8 && (record.value & 0x10n) !== 0n) {
          lastPe = Number((record.value >> 8n) & 0xffffn);
        }
        break;
      case 'icc-read':
        if (record.register === 'ICC_CTLR_EL1' && iccCtlr === null) iccCtlr = record.value;
        break;
      case 'dist-set-irq':
        highestSpi = Math.max(highestSpi, record.intid);
        break;
      case 'cpu-reset':
        highestPe = Math.max(highestPe, record.cpuIndex);
        break;
      default:
        break;
    }
  }

  const peCount = (lastPe ?? highestPe) + 1;
  evidence.push(
    lastPe === null
      ? `peCount ${peCount}: highest Redistributor seen`
      : `peCount ${peCount}: GICR_TYPER.Last on Processor_Number ${lastPe}`,
  );

  let spiCount: number;
  let nmi = false;
  let securityExtensions = false;
  if (gicdTyper === null) {
    spiCount = Math.max(32, Math.ceil((highestSpi - 31) / 32) * 32);
    evidence.push(`spiCount ${spiCount}: no GICD_TYPER read, highest SPI line ${highestSpi}`);
  } else {
    const itLines = Number(gicdTyper & 0x1fn);
    // 32·(ITLinesNumber+1) INTIDs in all, capped at 1020 (INTIDs 1020–1023 are special).
    spiCount = Math.min(32 * (itLines + 1), 1020) - 32;
    nmi = (gicdTyper & (1n << 9n)) !== 0n;
    securityExtensions = (gicdTyper & (1n << 10n)) !== 0n;
    evidence.push(
      `spiCount ${spiCount}, nmi ${nmi}, securityExtensions ${securityExtensions}: GICD_TYPER 0x${gicdTyper.toString(16)}`,
    );
  }

  const priorityBits = iccCtlr === null ? 5 : Number((iccCtlr >> 8n) & 7n) + 1;
  evidence.push(
    iccCtlr === null
      ? 'priorityBits 5: no ICC_CTLR_EL1 read (Cortex-A57 default)'
      : `priorityBits ${priorityBits}: ICC_CTLR_EL1.PRIbits in 0x${iccCtlr.toString(16)}`,
  );

  return {
    config: { peCount, spiCount, securityExtensions, priorityBits, nmi, profile: 'qemu' },
    evidence,
  };
}
