export { PROTOCOL_VERSION } from './version.ts';
export type * from './view.ts';
export type * from './messages.ts';
export { Listeners, type Port } from './transport.ts';
export { createMemoryPair } from './memory-transport.ts';
export { workerPort, scopePort } from './worker-transport.ts';
export { parseToWorker, requestId, type Parsed } from './parse.ts';
