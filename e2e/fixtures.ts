import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { GicscopeStateSnapshot, GicscopeTestApi } from '../src/ui/test-api/types.ts';

/** The app as a Playwright user sees it: roles, accessible names and window.gicscope. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/?motion=off${query ? `&${query}` : ''}`);
    // the first connection includes the worker's boot: seconds on a loaded 2-core CI machine
    await expect(this.connection).toHaveText(/Simulation connected/, { timeout: 20_000 });
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

/**
 * Content-Security-Policy violations seen by a page and its workers: every spec fails on one
 * (the `csp` fixture is automatic). A test that provokes one on purpose takes it with `take()`.
 */
export class CspGuard {
  readonly #seen: string[] = [];

  record(what: string): void {
    this.#seen.push(what);
  }

  /** The violations so far, forgotten: they no longer fail the test. */
  take(): string[] {
    return this.#seen.splice(0, this.#seen.length);
  }

  get violations(): readonly string[] {
    return this.#seen;
  }
}

/** What Chromium logs for a blocked script, style, eval or worker (the console's "security" source). */
const CSP_MESSAGE =
  /Content Security Policy|Refused to (load|execute|evaluate|apply|create|connect|frame)/i;

/** In the page before any of its scripts: each violation event, reported as a console error. */
const REPORT_VIOLATIONS = `(() => {
  const report = (e) => console.error('securitypolicyviolation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sample ? ' (' + e.sample + ')' : '') + ' in ' + (e.sourceFile || 'the page') + ':' + e.lineNumber);
  addEventListener('securitypolicyviolation', report, true);
})()`;

export const test = base.extend<{ app: AppPage; csp: CspGuard }>({
  csp: [
    async ({ page }, use) => {
      const guard = new CspGuard();
      const listen = (where: string) => (m: { type(): string; text(): string }) => {
        if (CSP_MESSAGE.test(m.text()) || m.text().startsWith('securitypolicyviolation:'))
          guard.record(`${where} ${m.type()}: ${m.text()}`);
      };
      page.on('console', listen('page'));
      page.on('worker', (worker) => worker.on('console', listen('worker')));
      await page.addInitScript(REPORT_VIOLATIONS);
      await use(guard);
      expect(guard.violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  // the guard listens before the app opens
  app: async ({ page, csp }, use) => {
    void csp;
    const app = new AppPage(page);
    await app.open();
    await use(app);
  },
});

export { expect };
