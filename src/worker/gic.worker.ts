/// <reference lib="webworker" />
import { scopePort, type FromWorker, type ToWorker } from '../protocol/index.ts';
import { Host } from './host.ts';
import { machineEngineFactory } from './machine-engine.ts';
import { ShareService, yieldingClock } from './share/index.ts';

declare const self: DedicatedWorkerGlobalScope;

// A message to ourselves runs after the messages already queued (Pause among them) and, unlike
// setTimeout(0), is not clamped to 4 ms when slices follow each other.
const channel = new MessageChannel();
const due: (() => void)[] = [];
channel.port1.onmessage = () => due.shift()?.();

// The worker entry only wires its port: the share service (trace opening, exports) in front of
// the host, which owns the simulation.
const service = new ShareService(scopePort<FromWorker, ToWorker>(self), yieldingClock());
new Host(service.hostPort(), service.factory(machineEngineFactory), {
  now: () => performance.now(),
  later: (tick) => {
    const handle = setTimeout(tick, 16);
    return () => clearTimeout(handle);
  },
  soon: (tick) => {
    let live = true;
    due.push(() => {
      if (live) tick();
    });
    channel.port2.postMessage(null);
    return () => {
      live = false;
    };
  },
});
