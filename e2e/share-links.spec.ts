import type { Page } from '@playwright/test';
import { AppPage, expect, test } from './fixtures.ts';

const notice = (page: Page) => page.getByRole('status', { name: 'Notice' });

test.describe('deep links', () => {
  // each case opens a fresh page and its worker: seconds each on a loaded CI machine
  test.describe.configure({ timeout: 120_000 });

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
