// The worker's front door: gic.worker.ts is the browser entry; tests and other hosts (a Node
// server, a second transport) build a Host over any Port with the machine engine.
export { Host, NS_PER_MS_AT_1X, type Scheduler } from './host.ts';
export { History, type HistoryOptions, type StepRecord } from './history/history.ts';
export { compareMoments, START, END, type Moment } from './history/moment.ts';
export {
  InputError,
  NoEffect,
  type Engine,
  type EngineFactory,
  type InputOutcome,
  type InstantResult,
} from './engine.ts';
export { machineEngineFactory } from './machine-engine.ts';
export { buildInspection } from './inspect/index.ts';
export { TimelineRecorder } from './timeline/recorder.ts';
export { ShareService, yieldingClock, type ServiceClock } from './share/index.ts';
export { TraceEngine, type TraceSource } from './trace/trace-engine.ts';
export { openQemuTrace, type SliceContext } from './trace/open-trace.ts';
