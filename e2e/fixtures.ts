import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { GicscopeStateSnapshot, GicscopeTestApi } from '../src/ui/test-api/types.ts';

/** The app as a Playwright user sees it: roles, accessible names and window.gicscope. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/?motion=off${query ? `&${query}` : ''}`);
    await expect(this.connection).toHaveText(/Simulation connected/);
    await this.whenIdle();
  }

  get connection(): Locator {
    return this.page.getByRole('status', { name: 'Connection' });
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  whenIdle(): Promise<void> {
    return this.page.evaluate(() => window.gicscope!.whenIdle());
  }

  state(): Promise<GicscopeStateSnapshot> {
    return this.page.evaluate(() => window.gicscope!.state());
  }

  async call<K extends keyof GicscopeTestApi>(
    method: K,
    ...args: Parameters<GicscopeTestApi[K]>
  ): Promise<Awaited<ReturnType<GicscopeTestApi[K]>>> {
    const result = await this.page.evaluate(
      ([name, params]) => {
        const api = window.gicscope! as unknown as Record<string, (...a: unknown[]) => unknown>;
        return api[name](...params);
      },
      [method, args] as const,
    );
    await this.whenIdle();
    return result as Awaited<ReturnType<GicscopeTestApi[K]>>;
  }

  async loadScenario(idOrJson: string): Promise<void> {
    const outcome = await this.call('loadScenario', idOrJson);
    expect(outcome, outcome.detail).toMatchObject({ ok: true });
  }
}

declare global {
  interface Window {
    gicscope?: GicscopeTestApi;
  }
}

export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const app = new AppPage(page);
    await app.open();
    await use(app);
  },
});

export { expect };
