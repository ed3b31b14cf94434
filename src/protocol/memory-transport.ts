import { Listeners, type Port } from './transport.ts';

/**
 * Two connected ports in one thread, for unit tests. Delivery is asynchronous (a microtask) and
 * every message is structured-cloned, as postMessage would.
 */
export function createMemoryPair<A, B>(): readonly [Port<A, B>, Port<B, A>] {
  const toA = new Listeners<B>();
  const toB = new Listeners<A>();
  const failures = new Listeners<string>();
  let open = true;
  const deliver = <T>(target: Listeners<T>, message: T) => {
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (open) target.emit(copy);
    });
  };
  const end = <Out, In>(outbox: Listeners<Out>, inbox: Listeners<In>): Port<Out, In> => ({
    send: (message) => deliver(outbox, message),
    listen: (listener) => inbox.add(listener),
    onFailure: (listener) => failures.add(listener),
    close: () => {
      open = false;
    },
  });
  return [end<A, B>(toB, toA), end<B, A>(toA, toB)];
}
