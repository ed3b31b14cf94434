/// <reference lib="webworker" />
import { scopePort, type FromWorker, type ToWorker } from '../protocol/index.ts';
import { Host } from './host.ts';
import { machineEngineFactory } from './machine-engine.ts';

declare const self: DedicatedWorkerGlobalScope;

// The worker entry only wires its port to a host.
new Host(scopePort<FromWorker, ToWorker>(self), machineEngineFactory, {
  now: () => performance.now(),
  later: (tick) => {
    const handle = setTimeout(tick, 16);
    return () => clearTimeout(handle);
  },
});
