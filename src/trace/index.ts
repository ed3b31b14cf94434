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
export { replayQemuTrace } from './qemu-replay.ts';
export type { QemuReplayOptions, QemuReplayProblem, QemuReplayResult } from './qemu-replay.ts';
export { QemuReplayer } from './qemu-replayer.ts';
export { describeQemuRecord } from './qemu-describe.ts';
export { QemuTraceParser, importQemuTrace, notModelledArea } from './qemu-import.ts';
export type { NotModelled, QemuTraceImport } from './qemu-import.ts';
export type { QemuReplayerSnapshot, QemuStepReport } from './qemu-replayer.ts';
export { inferQemuConfig, virtPeIndex } from './qemu-replay-config.ts';
export type { InferredQemuConfig } from './qemu-replay-config.ts';
export type { ComparisonTally, ReplayMismatch } from './replay-tally.ts';
export * from './export/index.ts';
