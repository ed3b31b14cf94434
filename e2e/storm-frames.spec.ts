import { readFileSync } from 'node:fs';
import { expect, test, type AppPage } from './fixtures.ts';

// Issue 13: a 64-PE storm draws only what changed at each frame, and a paused timeline draws its
// off-screen lanes later (in idle time, or when scrolled to) — but draws every one of them.

const storm = readFileSync(new URL('../bench/storm-64.json', import.meta.url), 'utf8');

/** How many handler bars the timeline draws on each PE's lane (from the bars' titles). */
async function barsPerPe(app: AppPage): Promise<number[]> {
  const titles = await app.region('Timeline').locator('rect title').allTextContents();
  const per = Array.from({ length: 64 }, () => 0);
  for (const title of titles) {
    const pe = /^PE (\d+):/.exec(title);
    if (pe) per[Number(pe[1])] += 1;
  }
  return per;
}

test.describe('a 64-PE storm', () => {
  // a 64-PE machine runs and draws for seconds on a loaded 2-core machine
  test.slow();

  test('paused, the timeline draws all 64 lanes: those off screen follow in idle time', async ({
    app,
  }) => {
    await app.loadScenario(storm);
    await app.call('runUntil', 20_000_000);
    // whenIdle() resolves once the idle slices are done: every lane has its timer's handlers
    const per = await barsPerPe(app);
    expect(per.filter((n) => n === 0).map((_n, pe) => pe)).toEqual([]);
  });

  test('after playing, a lane scrolled to is drawn, and so is every other lane', async ({
    app,
  }) => {
    await app.loadScenario(storm);
    await app.call('runUntil', 100_000);
    await app.page.getByRole('combobox', { name: 'Speed' }).selectOption('Infinity');
    await app.button('Play').click();
    await expect
      .poll(async () => (await app.state()).time, { timeout: 30_000 })
      .toBeGreaterThan(20_000_000);
    await app.button('Pause').click();
    // the last lane, far below the screen (the chart is ~6,600 px tall)
    const chart = app.region('Timeline').getByRole('group', {
      name: 'Handlers and priorities per PE over time',
    });
    await chart.evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + box.bottom - window.innerHeight);
    });
    await expect.poll(async () => (await barsPerPe(app))[63]).toBeGreaterThan(0);
    await app.whenIdle();
    expect((await barsPerPe(app)).filter((n) => n === 0)).toEqual([]);
  });

  test('a PE tile whose word, PMR and selection did not change is not rendered again', async ({
    app,
  }) => {
    await app.loadScenario(storm);
    await app.call('runUntil', 20_000_000);
    const tiles = app.region('PEs').getByRole('button');
    await expect(tiles).toHaveCount(64);
    // React hands each element the props of its last render (the `__reactProps$…` expando): a
    // tile rendered again gives its button a new props object, one that was not keeps it
    const snapshot = () =>
      tiles.evaluateAll((buttons) => {
        const seen = ((window as unknown as { __tileProps?: unknown[] }).__tileProps ??= []);
        return buttons.map((button, pe) => {
          const key = Object.keys(button).find((k) => k.startsWith('__reactProps$'));
          const props = key ? (button as unknown as Record<string, unknown>)[key] : undefined;
          const same = seen[pe] === props;
          seen[pe] = props;
          return { label: button.getAttribute('aria-label'), same, props: props !== undefined };
        });
      });
    const before = await snapshot();
    expect(before.every((t) => t.props)).toBe(true);
    // the storm's PEs move in step (their timers fire at the same moments): at each step the
    // tiles rendered again are exactly those whose name changed (all or none)
    for (let i = 0; i < 12; i += 1) {
      await app.call('step', 1);
      const after = await snapshot();
      const changed = after.flatMap((t, pe) => (t.label !== before[pe].label ? [pe] : []));
      const rendered = after.flatMap((t, pe) => (t.same ? [] : [pe]));
      expect(rendered, `step ${i + 1}: tiles rendered again`).toEqual(changed);
      for (const [pe, t] of after.entries()) before[pe] = t;
    }
    // choosing PE 5 changes two tiles, the one chosen before and PE 5: only they render
    await tiles.nth(5).click();
    await app.whenIdle();
    const chosen = await snapshot();
    expect(chosen.flatMap((t, pe) => (t.same ? [] : [pe]))).toEqual([0, 5]);
  });
});
