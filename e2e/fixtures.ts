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

  /** A row of the Registers panel, by the register's spec name (GICD_ISENABLER1, ICC_PMR_EL1). */
  registerRow(name: string): Locator {
    return this.region('Registers')
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
  }

  /** Types a value into a register's input and presses Enter (a real write through the model). */
  async writeRegister(name: string, value: string): Promise<void> {
    const input = this.region('Registers').getByRole('textbox', {
      name: `Write ${name}`,
      exact: true,
    });
    await input.fill(value);
    await input.press('Enter');
    await this.whenIdle();
  }

  /** Selects an interrupt cell (`SPI 40`, `PPI 27` in `Redistributor 1`) by its label prefix. */
  async selectInterrupt(label: string, within = 'Distributor'): Promise<void> {
    const cell = this.region(within)
      .getByRole('button', { name: new RegExp(`^${label} `) })
      .first();
    // pressing a selected cell deselects it
    if ((await cell.getAttribute('aria-pressed')) !== 'true') await cell.click();
    await this.whenIdle();
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
