export type {
  HandlerSlice,
  Marker,
  MarkerKind,
  NamedValue,
  PendingFlow,
  PendingSource,
  PeSample,
  Recording,
  TimeUnit,
} from './recording.ts';
export { Recorder } from './recorder.ts';
export type { RecorderOptions } from './recorder.ts';
export { attachRecorder, recordScenario } from './record-machine.ts';
export { recordQemuTrace } from './record-qemu.ts';
export { guestPriorityNames, interruptName, intidLabel } from './names.ts';
export {
  DISTRIBUTOR_TID,
  IRQ_CATEGORY,
  NMI_CATEGORY,
  peTid,
  perfettoJson,
  redistributorTid,
  toPerfetto,
} from './perfetto.ts';
export type { PerfettoTrace, TraceEvent } from './perfetto.ts';
export { INTID_WIDTH, NO_INTID, toVcd } from './vcd.ts';
export type { ExportFile, VcdExport, VcdSignal } from './vcd.ts';
