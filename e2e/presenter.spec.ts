import { expect, test, type AppPage } from './fixtures.ts';

/** Keys go to the page, as from a clicker: nothing focused. */
async function press(app: AppPage, key: string): Promise<void> {
  await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await app.page.keyboard.press(key);
  await app.whenIdle();
}

const time = async (app: AppPage) => (await app.state()).time;

test.describe('presenter mode and the keyboard', () => {
  test.describe.configure({ timeout: 90_000 });

  test('P turns presenter mode on: large type, secondary panels hidden, the story kept', async ({
    app,
  }) => {
    await press(app, 'p');
    await expect(app.page.locator('html')).toHaveClass(/presenter/);
    await expect(app.button('Presenter mode')).toHaveAttribute('aria-pressed', 'true');
    await expect(app.region('Event log')).toBeHidden();
    await expect(app.region('Timeline')).toBeHidden();
    await expect(app.region('Registers')).toBeHidden();
    await expect(app.region('NMI story')).toBeVisible();
    await expect(app.region('PE 3')).toBeVisible();
    const rootSize = await app.page.evaluate(
      () => getComputedStyle(document.documentElement).fontSize,
    );
    expect(rootSize).toBe('24px');
    await press(app, 'Escape');
    await expect(app.page.locator('html')).not.toHaveClass(/presenter/);
    await expect(app.region('Event log')).toBeVisible();
    // the button does the same
    await app.button('Presenter mode').click();
    await expect(app.page.locator('html')).toHaveClass(/presenter/);
  });

  test('the clicker walks the chapters: PageDown next, PageUp back', async ({ app }) => {
    await press(app, 'p');
    const chapter = app.region('Chapter');
    await expect(chapter).toContainText('Chapter 1 of 4');
    await press(app, 'PageDown');
    await expect(chapter).toContainText('Chapter 2 of 4');
    await expect(chapter).toContainText('Round-robin');
    expect(await time(app)).toBe(151_000);
    await press(app, 'PageDown');
    expect(await time(app)).toBe(280_000);
    await expect(chapter).toContainText('Chapter 3 of 4');
    await press(app, 'PageUp');
    expect(await time(app)).toBe(151_000);
    await expect(chapter).toContainText('Chapter 2 of 4');
    // the machine went back to that moment: PE 1 handles the second NMI again
    await expect(app.region('PE 1')).toContainText('NMI 40 nmi-button');
    await press(app, 'PageUp');
    expect(await time(app)).toBe(101_000);
  });

  test('outside presenter mode PageDown and PageUp step and step back', async ({ app }) => {
    const before = (await app.state()).logSize;
    await press(app, 'PageDown');
    const after = await app.state();
    expect(after.logSize).toBeGreaterThan(before);
    await press(app, 'PageUp');
    expect((await app.state()).time).toBeLessThanOrEqual(after.time);
  });

  test('B blanks the screen and brings it back; ? lists the shortcuts; F does not break', async ({
    app,
  }) => {
    await press(app, 'b');
    const blank = app.page.getByRole('status', { name: 'Screen blanked' });
    await expect(blank).toBeVisible();
    await press(app, 'ArrowRight');
    await expect(blank).toBeVisible();
    await press(app, 'b');
    await expect(blank).toBeHidden();

    await press(app, '?');
    const dialog = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('PageDown');
    await expect(dialog).toContainText('Blank the screen');
    await app.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await press(app, 'f');
    expect((await app.state()).status).toBe('ready');
  });

  test('N injects an NMI; Space plays and pauses', async ({ app }) => {
    await app.call('runUntil', 120_000);
    await press(app, 'n');
    await expect(app.region('NMI candidates')).toContainText('next: INTID 33 → PE 0');
    await app.page.keyboard.press(' ');
    await expect.poll(async () => (await app.state()).playing).toBe(true);
    await app.page.keyboard.press(' ');
    await expect.poll(async () => (await app.state()).playing).toBe(false);
  });

  test('shortcuts never fire while typing in a field', async ({ app }) => {
    const field = app.page.getByRole('textbox', { name: 'Filter by INTID' });
    await field.click();
    const before = await app.state();
    await app.page.keyboard.type('p b');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('PageDown');
    await app.whenIdle();
    await expect(app.page.locator('html')).not.toHaveClass(/presenter/);
    await expect(app.page.getByRole('status', { name: 'Screen blanked' })).toHaveCount(0);
    const after = await app.state();
    expect(after.time).toBe(before.time);
    expect(after.playing).toBe(false);
  });

  test('skip links jump to the main regions', async ({ app }) => {
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.page.keyboard.press('Tab');
    const skip = app.page.getByRole('link', { name: 'Skip to the diagram' });
    await expect(skip).toBeFocused();
    await app.page.keyboard.press('Enter');
    await expect(app.region('Topology')).toBeFocused();
    await app.page.getByRole('link', { name: 'Skip to the NMI story' }).focus();
    await app.page.keyboard.press('Enter');
    await expect(app.region('NMI story')).toBeFocused();
  });

  test('each grid of cells is one tab stop; arrows move inside; Space and Enter select', async ({
    app,
  }) => {
    const grid = app.page.getByRole('group', { name: 'Distributor SPIs' });
    const cells = grid.getByRole('button');
    await expect(cells).toHaveCount(2);
    await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
    // Tab from the skip link to the first cell of the Distributor
    await app.page.getByRole('link', { name: 'Skip to the diagram' }).focus();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Tab');
    await expect(cells.first()).toBeFocused();
    await app.page.keyboard.press('ArrowRight');
    await expect(cells.nth(1)).toBeFocused();
    await app.page.keyboard.press(' ');
    await app.whenIdle();
    await expect(cells.nth(1)).toHaveAttribute('aria-pressed', 'true');
    expect((await app.state()).playing).toBe(false);
    await expect(app.region("Why isn't it delivered?")).toContainText('SPI 40');
    await app.page.keyboard.press('Enter');
    await app.whenIdle();
    await expect(cells.nth(1)).toHaveAttribute('aria-pressed', 'false');
    // the next Tab leaves the grid for the next one (Redistributor 0), not the next cell
    await app.page.keyboard.press('Tab');
    await expect(
      app.page.getByRole('group', { name: 'Redistributor 0 SGIs and PPIs' }).getByRole('button'),
    ).toBeFocused();
  });

  test('with every interrupt drawn the diagram is still one tab stop per grid', async ({ app }) => {
    await app.page.getByRole('checkbox', { name: 'Show idle interrupts' }).check();
    await app.whenIdle();
    const diagram = app.page.getByRole('group', { name: 'GIC block diagram' });
    await expect(diagram.getByRole('button', { name: /^SPI 95 / })).toBeVisible();
    await expect(diagram.getByRole('button')).toHaveCount(64 + 4 * 32);
    // the Distributor's SPIs and each Redistributor's SGIs/PPIs: 5 stops, not 192
    await expect(diagram.locator('[tabindex="0"]')).toHaveCount(5);
  });
});
