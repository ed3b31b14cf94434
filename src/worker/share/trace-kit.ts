// What opening a QEMU trace takes (the log parser, the replayer, the trace engine), in a chunk of
// its own: the share service imports it on the first open, so the worker's first chunk, which
// every page load compiles before the first view, does not carry it (issue 13).
export { openQemuTrace } from '../trace/open-trace.ts';
export { TraceEngine } from '../trace/trace-engine.ts';
