export {
  describeQemuParseError,
  parseQemuLog,
  parseQemuLogLine,
  parseQemuLogLines,
} from './qemu-log.ts';
export type { QemuLog } from './qemu-log.ts';
export type {
  QemuAffinityValue,
  QemuHppi,
  QemuParseError,
  QemuTimestamp,
  QemuTraceRecord,
  QemuTraceRecordKind,
} from './qemu-records.ts';
