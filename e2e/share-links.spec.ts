import type { Page } from '@playwright/test';
import { AppPage, expect, test } from './fixtures.ts';

interface Snapshot {
  scenario: string | null;
  time: number;
  newest: number | null;
  view: unknown;
}

async function snapshot(app: AppPage): Promise<Snapshot> {
  const state = await app.state();
  const view = state.view as { interrupts: unknown; cpus: unknown; counters: unknown };
  return {
    scenario: state.scenario,
    time: state.time,
    newest: await app.page.evaluate(() => {
      const rows = document.querySelectorAll('[aria-label="Events"] li');
      return rows.length;
    }),
    view: { interrupts: view.interrupts, cpus: view.cpus, counters: view.counters },
  };
}

const notice = (page: Page) => page.getByRole('status', { name: 'Notice' });

test.describe('deep links', () => {
  // each case opens a fresh page and its worker: seconds each on a loaded CI machine
  test.describe.configure({ timeout: 120_000 });

  test('a link copied mid-scenario with a selection opens the same moment in a fresh page', async ({
    app,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.loadScenario('pmr-ladder');
    await app.call('runUntil', 95_000);
    await app.page.getByRole('combobox', { name: 'NMI mode' }).selectOption('architected');
    await app.whenIdle();
    await app.selectInterrupt('SPI 40');
    await app.button('Copy link').click();
    await expect(app.page.getByRole('status', { name: 'Share status' })).toHaveText(/^Link copied/);
    const link = await app.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\?.*v=1&s=pmr-ladder&t=95000&at=\d+&pe=0&irq=spi%3A40&nmi=architected/);
    expect(new URL(link).search).toBe(new URL(app.page.url()).search);
    const before = await snapshot(app);

    const fresh = new AppPage(await context.newPage());
    await fresh.page.goto(link);
    await expect(fresh.connection).toHaveText(/Simulation connected/);
    await fresh.whenIdle();
    await expect(
      fresh.region('Distributor').getByRole('button', { name: /^SPI 40 / }),
    ).toHaveAttribute('aria-pressed', 'true');
    await expect(fresh.page.getByRole('combobox', { name: 'NMI mode' })).toHaveValue('architected');
    await expect(notice(fresh.page)).toHaveCount(0);
    const after = await snapshot(fresh);
    expect(after.scenario).toBe(before.scenario);
    expect(after.time).toBe(before.time);
    expect(after.view).toEqual(before.view);
    // the same newest event in the log
    const newestText = (p: Page) =>
      p.getByRole('list', { name: 'Events' }).getByRole('listitem').first().textContent();
    expect(await newestText(fresh.page)).toBe(await newestText(app.page));
  });

  test('a custom scenario travels compressed in the link', async ({ app, context }) => {
    const edited = await app.page.evaluate(async () => {
      const text = await (await fetch('./scenarios/sgi-ipi.json')).text();
      const s = JSON.parse(text) as { id: string; title: string };
      s.id = 'my-ipis';
      s.title = 'My IPIs';
      return JSON.stringify(s);
    });
    await app.loadScenario(edited);
    await app.call('runUntil', 60_000);
    await expect.poll(() => new URL(app.page.url()).searchParams.get('c')).not.toBeNull();
    await expect.poll(() => new URL(app.page.url()).searchParams.get('at')).not.toBeNull();
    const link = app.page.url();
    const before = await snapshot(app);
    const fresh = new AppPage(await context.newPage());
    await fresh.page.goto(link);
    await expect(fresh.connection).toHaveText(/Simulation connected/);
    await fresh.whenIdle();
    await expect(
      fresh.page.getByRole('combobox', { name: 'Scenario' }).locator('option:checked'),
    ).toHaveText('My IPIs (loaded file)');
    const after = await snapshot(fresh);
    expect(after.time).toBe(before.time);
    expect(after.view).toEqual(before.view);
  });

  test('the address bar follows the view without a history entry per step', async ({ app }) => {
    const length = await app.page.evaluate(() => history.length);
    await app.call('step', 10);
    await expect.poll(() => new URL(app.page.url()).searchParams.get('s')).toBe('rfc-nmi');
    const at = Number(new URL(app.page.url()).searchParams.get('at'));
    await app.call('step', 10);
    await expect
      .poll(() => Number(new URL(app.page.url()).searchParams.get('at')))
      .toBeGreaterThan(at);
    expect(await app.page.evaluate(() => history.length)).toBe(length);
  });

  test('an old ?scenario= link still opens its built-in', async ({ page }) => {
    const app = new AppPage(page);
    await page.goto('/?scenario=pmr-ladder&motion=off');
    await expect(app.connection).toHaveText(/Simulation connected/);
    await app.whenIdle();
    expect((await app.state()).scenario).toBe('pmr-ladder');
    await expect(notice(page)).toHaveCount(0);
  });

  test('malformed, truncated or hostile links get a Notice saying what was wrong; the app opens', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const open = async (search: string) => {
      await page.goto(`/${search}&motion=off`);
      await expect(app.connection).toHaveText(/Simulation connected/);
      await app.whenIdle();
    };
    await open('?v=1&s=pmr-ladder&at=abc&irq=spi:33%3Cb%3E&pe=7');
    await expect(notice(page)).toContainText('moment (at=) "abc" is not a number');
    await expect(notice(page)).toContainText('interrupt "spi:33<b>" is not one');
    await expect(notice(page)).toContainText('selects PE 7, but this machine has 2 PEs');
    expect((await app.state()).scenario).toBe('pmr-ladder');

    await open('?v=1&c=q1YqSs1JTQ');
    await expect(notice(page)).toContainText('The scenario in the link could not be read');
    await expect(notice(page)).toContainText('The first built-in scenario is open instead');
    expect((await app.state()).scenario).toBe('rfc-nmi');

    await open('?v=7&s=pmr-ladder');
    await expect(notice(page)).toContainText('made by a newer gicscope (link format 7');

    await open('?v=1&s=no-such-scenario');
    await expect(notice(page)).toContainText('There is no built-in scenario "no-such-scenario"');
    expect((await app.state()).scenario).toBe('rfc-nmi');

    await open('?v=1&s=pmr-ladder&at=999999');
    await expect(notice(page)).toContainText('moment (event 999999) could not be reached');
    await app.call('step', 2);
    expect((await app.state()).status).toBe('ready');
  });
});
