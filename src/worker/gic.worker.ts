/// <reference lib="webworker" />
import { scopePort, type FromWorker, type ToWorker } from '../protocol/index.ts';
import { Host } from './host.ts';
import { machineEngineFactory } from './machine-engine.ts';
import { ShareService, yieldingClock } from './share/index.ts';

declare const self: DedicatedWorkerGlobalScope;

// The worker entry only wires its port: the share service (trace opening, exports) in front of
// the host, which owns the simulation.
const service = new ShareService(scopePort<FromWorker, ToWorker>(self), yieldingClock());
new Host(service.hostPort(), service.factory(machineEngineFactory), {
  now: () => performance.now(),
  later: (tick) => {
    const handle = setTimeout(tick, 16);
    return () => clearTimeout(handle);
  },
});
