import type { ServiceClock } from './service.ts';

/**
 * Pauses through a MessageChannel: a posted message is a new task, so messages from the page
 * (pause, cancel) get their turn, without the 4 ms clamp of nested setTimeout.
 */
export function yieldingClock(): ServiceClock {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    now: () => performance.now(),
    pause: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(0);
      }),
  };
}
