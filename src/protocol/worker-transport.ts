import { Listeners, type Port } from './transport.ts';

/** The page's end of a dedicated worker. */
export function workerPort<Out, In>(worker: Worker): Port<Out, In> {
  const failures = new Listeners<string>();
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failures.emit(event.message || 'the worker failed to start or crashed');
  });
  worker.addEventListener('messageerror', () => failures.emit('a message could not be decoded'));
  return {
    send: (message) => worker.postMessage(message),
    listen: (listener) => {
      const handler = (event: MessageEvent<In>) => listener(event.data);
      worker.addEventListener('message', handler);
      return () => worker.removeEventListener('message', handler);
    },
    onFailure: (listener) => failures.add(listener),
    close: () => worker.terminate(),
  };
}

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** The worker's own end (inside the worker: `self`). */
export function scopePort<Out, In>(scope: WorkerScope): Port<Out, In> {
  return {
    send: (message) => scope.postMessage(message),
    listen: (listener) => {
      const handler = (event: MessageEvent) => listener(event.data as In);
      scope.addEventListener('message', handler);
      return () => scope.removeEventListener('message', handler);
    },
    onFailure: () => () => undefined,
    close: () => scope.close(),
  };
}
