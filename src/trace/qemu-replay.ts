/** Replays a whole parsed QEMU GICv3 trace and reports every comparison (see qemu-replayer.ts). */
import type { QemuTraceRecord } from './qemu-records.ts';
import { QemuReplayer } from './qemu-replayer.ts';
import type { QemuReplayOptions, QemuReplayResult } from './qemu-replayer.ts';

export type { QemuReplayOptions, QemuReplayProblem, QemuReplayResult } from './qemu-replayer.ts';

export function replayQemuTrace(
  records: readonly QemuTraceRecord[],
  options: QemuReplayOptions = {},
): QemuReplayResult {
  return new QemuReplayer(records, options).finish();
}
