/** One readable line per QEMU trace record, for logs: what QEMU said happened. */
import { assertNever } from '../lib/index.ts';
import type { QemuTraceRecord } from './qemu-records.ts';

const hex = (value: number | bigint) => `0x${value.toString(16)}`;
const cpu = (affinity: number) => `cpu ${hex(affinity)}`;

export function describeQemuRecord(record: QemuTraceRecord): string {
  switch (record.kind) {
    case 'dist-read':
      return `GICD read ${hex(record.offset)} → ${hex(record.value)} (${record.size} bytes)`;
    case 'dist-write':
      return `GICD write ${hex(record.offset)} ← ${hex(record.value)} (${record.size} bytes)`;
    case 'dist-bad-read':
      return `GICD read ${hex(record.offset)}: guest error, reads as 0`;
    case 'dist-bad-write':
      return `GICD write ${hex(record.offset)} ← ${hex(record.value)}: guest error, ignored`;
    case 'dist-set-irq':
      return `SPI ${record.intid} line ${record.level ? 'high' : 'low'}`;
    case 'redist-read':
      return `GICR ${cpu(record.affinity)} read ${hex(record.offset)} → ${hex(record.value)}`;
    case 'redist-write':
      return `GICR ${cpu(record.affinity)} write ${hex(record.offset)} ← ${hex(record.value)}`;
    case 'redist-bad-read':
      return `GICR ${cpu(record.affinity)} read ${hex(record.offset)}: guest error, reads as 0`;
    case 'redist-bad-write':
      return `GICR ${cpu(record.affinity)} write ${hex(record.offset)} ← ${hex(record.value)}: guest error, ignored`;
    case 'redist-set-irq':
      return `PPI ${record.intid} on ${cpu(record.affinity)} line ${record.level ? 'high' : 'low'}`;
    case 'redist-send-sgi':
      return `SGI ${record.intid} made pending on ${cpu(record.affinity)}`;
    case 'icc-read':
      return `${record.register} read on ${cpu(record.affinity)} → ${hex(record.value)}`;
    case 'icc-write':
      return `${record.register} write on ${cpu(record.affinity)} ← ${hex(record.value)}`;
    case 'generate-sgi':
      return `${cpu(record.affinity)} generates SGI ${record.intid} (IRM ${Number(record.irm)}, affinity ${record.aff3}.${record.aff2}.${record.aff1}, target list ${hex(record.targetList)})`;
    case 'cpuif-update':
      return record.hppi === null
        ? `${cpu(record.affinity)} HPPI: none`
        : `${cpu(record.affinity)} HPPI: INTID ${record.hppi.intid} ${record.hppi.group} priority ${hex(record.hppi.priority)}`;
    case 'cpuif-set-irqs':
      return `${cpu(record.affinity)} lines FIQ ${Number(record.fiq)} IRQ ${Number(record.irq)}`;
    case 'its-read':
      return `GITS read ${hex(record.offset)} → ${hex(record.value)} (${record.size} bytes)`;
    case 'its-write':
      return `GITS write ${hex(record.offset)} ← ${hex(record.value)} (${record.size} bytes)`;
    case 'its-bad-read':
      return `GITS read ${hex(record.offset)}: guest error, reads as 0`;
    case 'its-bad-write':
      return `GITS write ${hex(record.offset)} ← ${hex(record.value)}: guest error, ignored`;
    case 'its-translation-write':
      return `MSI write to GITS_TRANSLATER+${hex(record.offset - 0x40)} ← ${hex(record.value)} from DeviceID ${hex(record.requesterId)}`;
    case 'its-process-command':
      return `ITS reads command ${hex(record.number)} from queue slot ${record.slot}`;
    case 'its-command':
      return `ITS command ${record.command.name}`;
    case 'its-table':
      return `ITS table ${record.access}`;
    case 'guest-write':
      return `guest writes ${hex(record.value)} to memory ${hex(record.address)} (${record.size} bytes)`;
    case 'cpu-reset':
      return `CPU ${record.cpuIndex} reset (its ICC_* registers)`;
    case 'unmodelled':
      return `${record.event}: not modelled`;
    default:
      return assertNever(record, 'QEMU trace record');
  }
}
