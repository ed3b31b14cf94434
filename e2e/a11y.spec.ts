import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type AppPage } from './fixtures.ts';

const builtins = (
  JSON.parse(readFileSync(new URL('../public/scenarios/index.json', import.meta.url), 'utf8')) as {
    id: string;
  }[]
).map((s) => s.id);

/**
 * axe-core's WCAG 2.1 A/AA rules and best practices, plus the label/name rule. In legacy mode axe
 * runs in the page itself; otherwise @axe-core/playwright opens a blank page per scan to merge
 * the frames' results. The app has no frames: the same violations, 1.9 s per scan instead of 7.8.
 */
async function violations(app: AppPage): Promise<string[]> {
  const result = await new AxeBuilder({ page: app.page })
    .setLegacyMode(true)
    .options({
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    })
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

test.describe('accessibility (axe-core)', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the check finds what it is for: a button without a name, a field without a label', async ({
    app,
  }) => {
    await app.whenIdle();
    await app.page.evaluate(() => {
      document.querySelector('main')?.append(document.createElement('button'));
      document.querySelector('main')?.append(document.createElement('input'));
    });
    const found = await violations(app);
    expect(found.map((v) => v.split(' ')[0])).toEqual(
      expect.arrayContaining(['button-name', 'label']),
    );
  });

  test('no violations at start', async ({ app }) => {
    expect(await violations(app)).toEqual([]);
  });

  test('no violations after an NMI', async ({ app }) => {
    await app.button('Inject NMI').click();
    await app.whenIdle();
    await app.call('step', 6);
    expect(await violations(app)).toEqual([]);
  });

  test('no violations in presenter mode, with the shortcut list open', async ({ app }) => {
    await app.page.keyboard.press('p');
    await app.whenIdle();
    expect(await violations(app)).toEqual([]);
    await app.page.keyboard.press('?');
    await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await violations(app)).toEqual([]);
  });

  for (const id of builtins)
    test(`no violations at the end of "${id}"`, async ({ app }) => {
      await app.loadScenario(id);
      const end = ((await app.state()).view as { config: { endTime: number } }).config.endTime;
      await app.call('runUntil', end);
      // a selection fills the explainer, the ladder and the registers too
      const cells = app.region('Distributor').getByRole('button');
      if ((await cells.count()) > 0) await cells.first().click();
      await app.whenIdle();
      expect(await violations(app)).toEqual([]);
    });
});
