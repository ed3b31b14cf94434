import type { ToWorker } from './messages.ts';

type Check = (value: unknown) => boolean;
const int: Check = (v) => typeof v === 'number' && Number.isInteger(v);
/** any number: ranges are the host's to check, so that it can say what was wrong in a reply */
const num: Check = (v) => typeof v === 'number';
const str: Check = (v) => typeof v === 'string';
const oneOf =
  (...options: string[]): Check =>
  (v) =>
    typeof v === 'string' && options.includes(v);
const object: Check = (v) => typeof v === 'object' && v !== null;

/** Required fields of each message type and how to check them. */
const shapes: Record<ToWorker['type'], Record<string, Check>> = {
  hello: { version: int },
  'frame-ack': { frame: int },
  'load-scenario': { id: int, source: object },
  play: { id: int },
  pause: { id: int },
  resume: { id: int, point: object },
  step: { id: int, count: num, unit: oneOf('event', 'acknowledge') },
  'step-back': { id: int, count: num },
  'run-until': { id: int, time: num },
  seek: { id: int, eventSeq: num },
  'set-speed': { id: int, speed: num },
  reset: { id: int },
  'inject-nmi': { id: int },
  'set-injector-mode': { id: int, mode: oneOf('rfc-round-robin', 'architected') },
  'write-register': { id: int, target: object, value: str },
  inspect: { id: int, pe: int, intid: (v) => v === null || int(v) },
  'read-register': { id: int, target: object },
  crash: { id: int },
  'open-trace': { id: int, name: str, data: (v) => v instanceof ArrayBuffer },
  cancel: { id: int, request: int },
  export: { id: int, format: oneOf('perfetto', 'vcd', 'scenario') },
};

/** The id of a request that failed to parse, so that it can still be answered. */
export function requestId(message: unknown): number | null {
  if (!object(message)) return null;
  const id = (message as { id?: unknown }).id;
  return int(id) ? (id as number) : null;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Checks a message from the page before the host acts on it. */
export function parseToWorker(message: unknown): Parsed<ToWorker> {
  if (!object(message))
    return { ok: false, error: `expected a message object, got ${typeof message}` };
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in shapes))
    return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
  const shape = shapes[type as ToWorker['type']];
  for (const [field, check] of Object.entries(shape)) {
    const value = (message as Record<string, unknown>)[field];
    if (!check(value))
      return {
        ok: false,
        error: `message "${type}": field "${field}" is ${JSON.stringify(value)}`,
      };
  }
  return { ok: true, value: message as ToWorker };
}
