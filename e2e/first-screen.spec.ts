import type { Page } from '@playwright/test';
import { DESK_DIAGRAM_WIDTH } from '../src/ui/boot/prerender.ts';
import { AppPage, expect, test } from './fixtures.ts';

// The first screen (issue 13): on the default opening the page draws the opening shipped with it
// (computed by the worker's code at build time) before the worker has started, and hands over to
// the worker's view of the same moment; a link to anything else draws nothing before the worker.

/** Holds the simulation worker's script until the returned function is called. */
async function holdWorker(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/gic\.worker-[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test.describe('first screen', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the opening is painted from the HTML, before any module has run, as an inert picture', async ({
    page,
  }) => {
    await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await page.goto('/?motion=off');
    const picture = page.locator('.first-screen');
    await expect(picture).toHaveAttribute('inert', '');
    const cell = picture.locator('[aria-label="Distributor"] [aria-label^="SPI 33 "]');
    await expect(cell).toBeVisible();
    await expect(picture.locator('output.clock')).toHaveText(/101\.0 µs/);
    await expect(page.locator('template')).toHaveCount(0);
  });

  test('a link’s page never holds the static opening', async ({ page }) => {
    await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await page.goto('/?motion=off&scenario=sgi-ipi');
    await expect(page.locator('#root')).toBeAttached();
    await expect(page.locator('.first-screen')).toHaveCount(0);
    await expect(page.locator('template')).toHaveCount(0);
  });

  test('the static opening is the page’s own first render, at a desk window’s diagram width', async ({
    page,
  }) => {
    const html = await (await page.request.get('/')).text();
    const app = new AppPage(page);
    const release = await holdWorker(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/?motion=off');
    await expect(app.region('Distributor').getByRole('button', { name: /^SPI 33 / })).toBeVisible();
    // the labels of everything in the diagram, in document order, in the HTML and on the page
    const [staticLabels, liveLabels, hostWidth] = await page.evaluate((text) => {
      const collect = (root: ParentNode): string[] =>
        [...root.querySelectorAll('[aria-label="Topology"] [aria-label]')].map(
          (e) => e.getAttribute('aria-label') ?? '',
        );
      const parsed = new DOMParser().parseFromString(text, 'text/html');
      const template = parsed.querySelector<HTMLTemplateElement>('template#first-screen');
      return [
        template ? collect(template.content) : [],
        collect(document),
        document.querySelector('.diagram-host')?.clientWidth ?? 0,
      ] as const;
    }, html);
    expect(staticLabels.length).toBeGreaterThan(20);
    expect(staticLabels).toEqual(liveLabels);
    expect(hostWidth).toBe(DESK_DIAGRAM_WIDTH);
    release();
  });

  test('the default opening is drawn before the worker answers and equals its view after', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const release = await holdWorker(page);
    await page.goto('/?motion=off');
    const topology = app.region('Topology');
    await expect(app.region('Distributor').getByRole('button', { name: /^SPI 33 / })).toBeVisible();
    // drawn, but nothing that needs the worker can be pressed yet
    await expect(app.connection).toHaveText(/Connecting/);
    for (const name of ['Play', 'Step', 'Step to next interrupt', 'Reset', 'Inject NMI'])
      await expect(app.button(name)).toBeDisabled();
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeDisabled();
    const prompt = page.getByRole('status', { name: 'What to do next' });
    await expect(prompt).toHaveText(/^Starting the simulation/);
    expect(await page.evaluate(() => window.gicscope!.state().status)).toBe('connecting');
    const shipped = await topology.ariaSnapshot();
    const clock = await page.getByRole('status', { name: 'Virtual time' }).textContent();
    expect(clock).toMatch(/101\.0 µs/);

    release();
    await expect(app.connection).toHaveText(/Simulation connected/, { timeout: 30_000 });
    await app.whenIdle();
    const state = await app.state();
    expect(state).toMatchObject({ status: 'ready', scenario: 'rfc-nmi', time: 101_000 });
    await expect(app.button('Step')).toBeEnabled();
    await expect(prompt).toContainText('Press Inject NMI (N)');
    expect(await topology.ariaSnapshot()).toBe(shipped);
    await expect(page.getByRole('status', { name: 'Virtual time' })).toHaveText(clock ?? '');
  });

  test('a cell chosen on the shipped opening stays chosen on the worker’s', async ({ page }) => {
    const app = new AppPage(page);
    const release = await holdWorker(page);
    await page.goto('/?motion=off');
    const cell = app.region('Distributor').getByRole('button', { name: /^SPI 40 / });
    await cell.click();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
    release();
    await expect(app.connection).toHaveText(/Simulation connected/, { timeout: 30_000 });
    await app.whenIdle();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
  });

  for (const query of ['v=1&s=pmr-ladder&t=95000', 'scenario=sgi-ipi']) {
    test(`a link (?${query}) never shows the default opening`, async ({ page }) => {
      const app = new AppPage(page);
      // every scenario the picker shows and whether a diagram is drawn, on every change
      await page.addInitScript(() => {
        const seen = new Set<string>();
        (window as unknown as { seenScenarios: Set<string> }).seenScenarios = seen;
        new MutationObserver(() => {
          const picker = [...document.querySelectorAll('label')]
            .find((label) => label.textContent?.startsWith('Scenario'))
            ?.querySelector('select');
          if (picker) seen.add(picker.value);
        }).observe(document, { childList: true, subtree: true, attributes: true });
      });
      const release = await holdWorker(page);
      await page.goto(`/?motion=off&${query}`);
      await expect(app.connection).toHaveText(/Connecting/);
      await expect(app.region('Topology')).toContainText('Load a scenario to see the GIC.');
      await expect(app.region('Distributor')).toHaveCount(0);
      release();
      await expect(app.connection).toHaveText(/Simulation connected/, { timeout: 30_000 });
      await app.whenIdle();
      const expected = query.includes('pmr-ladder') ? 'pmr-ladder' : 'sgi-ipi';
      expect((await app.state()).scenario).toBe(expected);
      const seen = await page.evaluate(() => [
        ...(window as unknown as { seenScenarios: Set<string> }).seenScenarios,
      ]);
      expect(seen).not.toContain('rfc-nmi');
      expect(seen).toContain(expected);
    });
  }
});
