/** Records a QEMU trace replay for the exporters: a moment is a trace line. */
import type { QemuTraceRecord } from '../qemu-records.ts';
import { QemuReplayer } from '../qemu-replayer.ts';
import { Recorder } from './recorder.ts';
import type { Recording } from './recording.ts';

export function recordQemuTrace(records: readonly QemuTraceRecord[], title: string): Recording {
  const replayer = new QemuReplayer(records);
  const gic = replayer.gic;
  const recorder = new Recorder({
    title,
    timeUnit: 'line',
    peCount: gic.config.peCount,
    start: 0,
    cpuInterface: (pe) => gic.cpuInterface(pe),
    priorityNames: [{ value: 0xff, name: 'idle' }],
  });
  let line = 0;
  gic.subscribe((event) => recorder.gicEvent(line, event));
  while (!replayer.done) {
    line = records[replayer.index]?.line ?? line;
    replayer.step();
    // sampled once the record is replayed: QEMU logs some accesses after their effects
    recorder.settle();
  }
  return recorder.finish(line);
}
