import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, type AppPage } from './fixtures.ts';
import { clock } from './truth-view.ts';

// Issue 9, "honest test API": a command that does nothing says ok: false and why; time is a
// whole number of ns after playback from the page; docs/test-surface.md's example runs as
// written and every name it gives is one element (or says `exact: true`).

const DOC = readFileSync(new URL('../docs/test-surface.md', import.meta.url), 'utf8');

async function choose(app: AppPage, scenario: string): Promise<void> {
  await app.page.getByRole('combobox', { name: 'Scenario' }).selectOption(scenario);
  await app.whenIdle();
}

test.describe('an honest test API', () => {
  test('a command that does nothing answers ok: false with the reason', async ({ app }) => {
    await choose(app, 'binary-point');
    expect(await app.call('stepBack')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/nothing to step back to/),
    });
    expect(await app.call('runUntil', 60_000)).toMatchObject({ ok: true });
    // binary-point has no NMI candidate
    const inject = await app.call('injectNmi');
    expect(inject.ok).toBe(false);
    expect(inject.detail).toMatch(/no NMI injected: .+/);
    const step = await app.call('step', -1);
    expect(step.ok).toBe(false);
    expect(step.detail).toMatch(/-1/);
    expect((await app.call('stepBack', 0)).ok).toBe(false);
    const past = await app.call('runUntil', 10_000);
    expect(past.ok).toBe(false);
    expect(past.detail).toMatch(/10 µs is in the past: the machine is at 60 µs/);
    const fractional = await app.call('runUntil', 70_000.5);
    expect(fractional.ok).toBe(false);
    expect((await app.call('pause')).ok).toBe(false);
    // none of them moved the machine
    expect((await app.state()).time).toBe(60_000);
    expect(await clock(app)).toBe(60_000);
    // and the page itself shows nothing stale from the refusals once a command succeeds
    expect(await app.call('step')).toMatchObject({ ok: true });
    await expect(app.page.getByRole('status', { name: 'Notice' })).toHaveCount(0);
  });

  test('after playing from the page at a fractional speed, time is a whole number of ns', async ({
    app,
  }) => {
    await choose(app, 'rfc-nmi');
    for (const label of ['0.25×', '2×', '0.1×']) {
      await app.page.getByRole('combobox', { name: 'Speed' }).selectOption({ label });
      await app.button('Play').click();
      await app.page.waitForTimeout(700);
      await app.button('Pause').click();
      await app.whenIdle();
      const { time } = await app.state();
      expect(Number.isInteger(time), `time ${time} at ${label}`).toBe(true);
      expect(time).toBeGreaterThan(0);
    }
  });
});

test.describe('docs/test-surface.md', () => {
  test('its example runs as written', async ({ page, app }) => {
    void app;
    const example = /Example:\s*```ts\n([\s\S]*?)```/.exec(DOC)?.[1];
    expect(example, 'the doc has a ts example').toBeTruthy();
    // the doc's own text, as an async function of `page` and `expect`
    const AsyncFunction = (async () => {}).constructor as new (
      ...args: string[]
    ) => (page: Page, e: typeof expect) => Promise<void>;
    const run = new AsyncFunction('page', 'expect', example!);
    await run(page, expect);
    // again, with inject rows in the log: the names are still one element each
    await run(page, expect);
  });

  test('every name it gives is one element (strict mode), or is marked exact', async ({ app }) => {
    // a busy page: rows in the log (injections among them), a selection, registers drawn
    await app.loadScenario('rfc-nmi');
    await app.call('runUntil', 120_000);
    for (let i = 0; i < 3; i += 1) await app.button('Inject NMI').click();
    await app.whenIdle();
    await app.selectInterrupt('SPI 33');
    const roles = new Set([
      'navigation',
      'status',
      'alert',
      'combobox',
      'toolbar',
      'button',
      'region',
      'group',
      'img',
      'list',
      'table',
      'slider',
      'textbox',
      'progressbar',
      'checkbox',
      'dialog',
    ]);
    const ambiguous: string[] = [];
    let checked = 0;
    for (const line of DOC.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length < 4 || !roles.has(cells[1])) continue;
      const role = cells[1] as Parameters<Page['getByRole']>[0];
      const exact = /_exact_/.test(cells[3]);
      for (const [, name] of cells[2].matchAll(/`([^`]+)`/g)) {
        // placeholders (`PE N`, `Opening <file name>`) and examples with an ellipsis
        if (/\bN\b|\bM\b|…|<|>/.test(name)) continue;
        const count = await app.page.getByRole(role, { name, exact }).count();
        checked += 1;
        if (count > 1)
          ambiguous.push(`${role} "${name}"${exact ? ' (exact)' : ''} matches ${count} elements`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(ambiguous).toEqual([]);
  });
});

test('whenIdle() after the first load means every panel is on the page, filled', async ({
  page,
}) => {
  // no auto-waiting locators: what whenIdle() promises must be true when it resolves. The old
  // whenIdle() lost a race with React's Suspense reveal about one load in four: several loads.
  for (let load = 0; load < 4; load++) {
    await page.goto('/?motion=off');
    await page.waitForFunction(() => window.gicscope !== undefined);
    await page.evaluate(() => window.gicscope!.whenIdle());
    const seen = await page.evaluate(() => {
      const region = (name: string) => document.querySelector(`[aria-label="${name}"]`);
      return {
        timeline: region('Timeline') !== null,
        log: region('Event log')?.querySelectorAll('li, tr').length ?? 0,
        registers: region('Registers')?.querySelectorAll('tr').length ?? 0,
        ladder: region('Priority ladder')?.textContent?.includes('Load a scenario') ?? true,
      };
    });
    expect(seen, `load ${load + 1}`).toMatchObject({ timeline: true, ladder: false });
    expect(seen.log, `load ${load + 1}`).toBeGreaterThan(0);
    expect(seen.registers, `load ${load + 1}`).toBeGreaterThan(0);
  }
});
