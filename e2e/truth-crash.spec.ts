import { readFileSync } from 'node:fs';
import { expect, test, type AppPage } from './fixtures.ts';
import { clock, logTexts, newestRow } from './truth-view.ts';

// Issue 9, "a crash loses nothing": after the worker dies, Restart in the banner brings back the
// same scenario (a file too, one reusing a built-in's id too) at the same event, with the log,
// the selection, the NMI mode and the speed, says so, and leaves no stale Notice.

const scenarioFile = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

async function open(app: AppPage, name: string, text: string): Promise<void> {
  await app.page.getByLabel('Open a scenario or QEMU trace file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await app.whenIdle();
}

/** What the user sees of the session, to compare before the crash and after Restart. */
async function session(app: AppPage) {
  const selected = app.page.locator('[aria-pressed="true"]').filter({ hasText: /./ });
  return {
    scenario: await app.page.getByRole('combobox', { name: 'Scenario' }).inputValue(),
    option: await app.page
      .getByRole('combobox', { name: 'Scenario' })
      .locator('option:checked')
      .textContent(),
    title: (await app.region('Scenario').getByRole('heading').first().textContent())?.trim(),
    clock: await clock(app),
    newest: await newestRow(app),
    log: (await logTexts(app)).slice(0, 20),
    mode: await app.page.getByRole('combobox', { name: 'NMI mode' }).inputValue(),
    speed: await app.page.getByRole('combobox', { name: 'Speed' }).inputValue(),
    selected: await selected.evaluateAll((els) =>
      els.map((e) => e.getAttribute('aria-label') ?? e.textContent),
    ),
  };
}

async function crashAndRestart(app: AppPage): Promise<void> {
  await app.page.evaluate(() => void window.gicscope!.crashWorker());
  const banner = app.page.getByRole('alert');
  await expect(banner).toContainText('The simulation worker stopped');
  await banner.getByRole('button', { name: 'Restart' }).click();
  await expect(app.connection).toHaveText('Simulation connected');
  await expect(banner).toBeHidden();
  await app.whenIdle();
}

test.describe('a crash loses nothing', () => {
  test('a scenario opened as a file: Restart brings back the same moment, log, selection, mode and speed', async ({
    app,
  }) => {
    test.setTimeout(90_000);
    await open(app, 'three-nmis.json', scenarioFile('./scenarios/three-nmis.json'));
    await expect(
      app.page.getByRole('combobox', { name: 'Scenario' }).locator('option:checked'),
    ).toHaveText('Three NMI candidates on three PEs (loaded file)');
    await app.page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '10×' });
    await app.button('Play').click();
    // the story ends at 50 µs (every PE in local_irq_disable): playback stops there by itself
    await expect(app.button('Play')).toBeVisible({ timeout: 20_000 });
    await app.whenIdle();
    expect(await clock(app)).toBe(50_000);
    // back into the story, so that the rest of it can be played after the restart
    for (let press = 0; press < 3; press += 1) {
      await app.button('Step back').click();
      await app.whenIdle();
    }
    expect(await clock(app)).toBeLessThan(40_000);
    await app.button('Step').click();
    await app.whenIdle();
    await app.button('Inject NMI').click();
    await app.whenIdle();
    await app.page.getByRole('checkbox', { name: 'Show idle interrupts' }).check();
    await app.selectInterrupt('SPI 40');
    await app.page.getByRole('combobox', { name: 'NMI mode' }).selectOption('architected');
    await app.page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: 'max' });
    await app.whenIdle();
    // a rejected input leaves a Notice: after the restart it must not still be up
    await app.call('loadScenario', '{"format": "gicscope-scenario", "version": 1');
    const notice = app.page.getByRole('status', { name: 'Notice' });
    await expect(notice).toBeVisible();
    const before = await session(app);
    expect(before.mode).toBe('architected');
    expect(before.newest).not.toBeNull();
    expect(before.selected.length).toBeGreaterThan(0);

    await crashAndRestart(app);
    await expect(notice).toContainText(/restored/);
    await expect(notice).not.toContainText(/JSON|needs a scenario/);
    expect(await session(app)).toEqual(before);
    expect((await app.state()).scenario).toBe('three-nmis');

    // the worker holds the scenario (Step works) and plays at max, not at 1×
    await app.button('Step').click();
    await app.whenIdle();
    expect(await clock(app)).toBeGreaterThanOrEqual(before.clock);
    // a successful action leaves no Notice behind (not the restore's, not a stale one)
    await expect(notice).toHaveCount(0);
    await app.button('Play').click();
    await app.page.waitForTimeout(600);
    if (await app.button('Pause').isVisible()) await app.button('Pause').click();
    await app.whenIdle();
    // at max the rest of the story (to 50 µs) plays at once; 1× would be ~6 µs in 0.6 s
    expect(await clock(app)).toBeGreaterThanOrEqual(50_000);
    // Reset reloads the file, not a built-in
    await app.button('Reset').click();
    await app.whenIdle();
    expect((await app.state()).scenario).toBe('three-nmis');
    expect(await clock(app)).toBe(0);
  });

  test('a file that reuses a built-in’s id stays that file after Restart', async ({ app }) => {
    const builtin = JSON.parse(scenarioFile('../public/scenarios/pmr-ladder.json')) as {
      id: string;
      title: string;
    };
    const mine = { ...builtin, title: 'PMR ladder, my own copy' };
    await open(app, 'pmr-ladder.json', JSON.stringify(mine, null, 2));
    const picker = app.page.getByRole('combobox', { name: 'Scenario' });
    await expect(picker.locator('option:checked')).toHaveText(
      'PMR ladder, my own copy (loaded file)',
    );
    await app.call('runUntil', 20_000);
    await app.button('Step').click();
    await app.whenIdle();
    const before = await session(app);

    await crashAndRestart(app);
    await expect(picker.locator('option:checked')).toHaveText(
      'PMR ladder, my own copy (loaded file)',
    );
    await expect(app.region('Scenario')).toContainText('PMR ladder, my own copy');
    expect(await session(app)).toEqual(before);
    await app.button('Step').click();
    await app.whenIdle();
    await app.button('Reset').click();
    await app.whenIdle();
    await expect(picker.locator('option:checked')).toHaveText(
      'PMR ladder, my own copy (loaded file)',
    );
  });
});
