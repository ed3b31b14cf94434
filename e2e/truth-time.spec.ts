import { expect, test, type AppPage } from './fixtures.ts';
import { clock, expectLogAtClock, newestRow, openBars, parseTime } from './truth-view.ts';

// Issue 9, "one cursor, one truth": after play, pause, step back, the timeline cursor's keys and
// Run to end, the clock, the Event log and the timeline show the same moment.

async function choose(app: AppPage, scenario: string): Promise<void> {
  await app.page.getByRole('combobox', { name: 'Scenario' }).selectOption(scenario);
  await app.whenIdle();
}

async function speed(app: AppPage, label: string): Promise<void> {
  await app.page.getByRole('combobox', { name: 'Speed' }).selectOption({ label });
  await app.whenIdle();
}

/** Plays until the clock passes `ns`, then pauses. */
async function playTo(app: AppPage, ns: number): Promise<void> {
  await app.button('Play').click();
  await expect.poll(() => clock(app), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(ns);
  await app.button('Pause').click();
  await app.whenIdle();
}

test.describe('one cursor, one truth', () => {
  test('Step back after Play/Pause goes back: clock and newest log row move back together', async ({
    app,
  }) => {
    await choose(app, 'rfc-nmi');
    await speed(app, '10×');
    await playTo(app, 121_000);
    let { time, row } = await expectLogAtClock(app);
    for (let press = 0; press < 6; press += 1) {
      if (press % 2) await app.button('Step back').click();
      else await app.page.keyboard.press('ArrowLeft');
      await app.whenIdle();
      const now = await expectLogAtClock(app);
      expect(now.time, `step back ${press + 1} went forward`).toBeLessThanOrEqual(time);
      expect(now.row, 'the newest row changed: one event undone').not.toBe(row);
      ({ time, row } = now);
    }
    // and forward again: the hidden rows come back one by one
    await app.button('Step').click();
    await app.whenIdle();
    const forward = await expectLogAtClock(app);
    expect(forward.time).toBeGreaterThanOrEqual(time);
    expect(forward.row).not.toBe(row);
  });

  test('the timeline cursor: ← is one event back, → one forward, Home the first, End the last', async ({
    app,
  }) => {
    await choose(app, 'rfc-nmi');
    await speed(app, '10×');
    await playTo(app, 180_000);
    const slider = app.region('Timeline').getByRole('slider', { name: 'Timeline cursor' });
    const seq = async () => Number(await slider.getAttribute('aria-valuenow'));
    const at = await seq();
    const clockAt = await clock(app);
    await slider.focus();
    await app.page.keyboard.press('ArrowLeft');
    await app.whenIdle();
    await expect.poll(seq).toBeLessThan(at);
    const back = await seq();
    expect(await clock(app)).toBeLessThanOrEqual(clockAt);
    await expectLogAtClock(app);
    await app.page.keyboard.press('ArrowRight');
    await app.whenIdle();
    await expect.poll(seq).toBeGreaterThan(back);
    expect(await seq()).toBeLessThanOrEqual(at);
    await app.page.keyboard.press('Home');
    await app.whenIdle();
    await expect.poll(seq).toBeLessThan(back);
    const home = await clock(app);
    expect(home).toBeLessThan(clockAt);
    const row = await newestRow(app);
    if (row) expect(row.time).toBeLessThanOrEqual(home);
    await app.page.keyboard.press('End');
    await app.whenIdle();
    await expect.poll(seq).toBe(at);
    // the last event's moment: the clock may have idled on after it while playing
    expect(await clock(app)).toBeLessThanOrEqual(clockAt);
    await expectLogAtClock(app);
  });

  test('rfc-nmi at 152 µs: the timeline’s open bars are the PE panels’ handlers', async ({
    app,
  }) => {
    await choose(app, 'rfc-nmi');
    await speed(app, '10×');
    await playTo(app, 152_000);
    const time = await clock(app);
    const slider = app.region('Timeline').getByRole('slider', { name: 'Timeline cursor' });
    // the timeline's cursor is the clock
    expect(parseTime((await slider.getAttribute('aria-valuetext')) ?? '')).toBeCloseTo(time, -2);
    const bars = await openBars(app);
    for (let pe = 0; pe < 4; pe += 1) {
      const handlers = (await app.state()).view as { cpus: { handlers: { text: string }[] }[] };
      const mine = bars.filter((b) => b.startsWith(`PE ${pe}:`));
      expect(mine, `PE ${pe}: ${bars.join(' | ')}`).toHaveLength(handlers.cpus[pe].handlers.length);
    }
    expect(bars.filter((b) => /^PE 0: IRQ 33\b/.test(b))).toEqual(
      (
        (await app.state()).view as { cpus: { handlers: { intid: number | null }[] }[] }
      ).cpus[0].handlers.some((h) => h.intid === 33)
        ? [expect.stringMatching(/IRQ 33/)]
        : [],
    );
  });

  test('one-of-n: Pause during a handler, then Run to end leaves no bar open', async ({ app }) => {
    test.setTimeout(60_000);
    await choose(app, 'one-of-n');
    // at 1× a handler lasts ~0.3 s of wall time: long enough to pause inside it
    await app.button('Play').click();
    await expect
      .poll(async () => (await openBars(app)).length, { timeout: 30_000, intervals: [20] })
      .toBeGreaterThan(0);
    // Space pauses (the focused Play button became Pause)
    await app.page.keyboard.press('Space');
    await app.whenIdle();
    const scenario = app.region('Scenario');
    await scenario.getByRole('button', { name: /^Run to end/ }).click();
    await app.whenIdle();
    const view = (await app.state()).view as { cpus: { handlers: unknown[] }[] };
    const open = await openBars(app);
    for (let pe = 0; pe < 4; pe += 1)
      expect(
        open.filter((b) => b.startsWith(`PE ${pe}:`)),
        `PE ${pe}: ${open.join(' | ')}`,
      ).toHaveLength(view.cpus[pe].handlers.length);
    await expectLogAtClock(app);
    // every PE that took an interrupt (the counts table) has its handler bars on the timeline
    const state = (await app.state()).view as {
      counters: { perPe: number[]; intid: number | null }[];
    };
    const bars = await app.region('Timeline').locator('rect.bar title').allTextContents();
    for (let pe = 0; pe < 4; pe += 1) {
      const took = state.counters.some((row) => row.intid !== null && row.perPe[pe] > 0);
      if (took)
        expect(
          bars.some((b) => b.startsWith(`PE ${pe}:`)),
          `PE ${pe} has bars`,
        ).toBe(true);
    }
  });
});
