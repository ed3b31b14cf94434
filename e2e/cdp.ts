import type { CDPSession, Page } from '@playwright/test';

/**
 * The page's and its dedicated worker's JS heaps through the Chrome DevTools Protocol: the page
 * directly, the worker through an auto-attached (non-flat) target session. Used by the memory
 * journeys and by bench/ui.browser.bench.ts.
 */
export class Heaps {
  #worker: string | null = null;
  #next = 1;
  readonly #waiting = new Map<number, (result: unknown) => void>();

  private constructor(readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<Heaps> {
    const cdp = await page.context().newCDPSession(page);
    const heaps = new Heaps(cdp);
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') heaps.#worker = e.sessionId;
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId === heaps.#worker) heaps.#worker = null;
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const message = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) heaps.#waiting.get(message.id)?.(message.result);
      if (message.id !== undefined) heaps.#waiting.delete(message.id);
    });
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    for (let i = 0; i < 100 && heaps.#worker === null; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    return heaps;
  }

  /** Sends a DevTools command to the worker. */
  toWorker<T>(method: string, params: object = {}): Promise<T> {
    const session = this.#worker;
    if (session === null) return Promise.reject(new Error('no worker target attached'));
    const id = this.#next++;
    return new Promise<T>((resolve) => {
      this.#waiting.set(id, resolve as (result: unknown) => void);
      void this.cdp.send('Target.sendMessageToTarget', {
        sessionId: session,
        message: JSON.stringify({ id, method, params }),
      });
    });
  }

  /** Used JS heap in bytes of the page and of the worker; `gc` collects garbage first. */
  async used(gc = false): Promise<{ page: number; worker: number }> {
    if (gc) {
      await this.cdp.send('HeapProfiler.collectGarbage');
      await this.toWorker('HeapProfiler.collectGarbage');
    }
    const page = await this.cdp.send('Runtime.getHeapUsage');
    const worker = await this.toWorker<{ usedSize: number }>('Runtime.getHeapUsage');
    return { page: page.usedSize, worker: worker.usedSize };
  }
}
