import { expect, test } from './fixtures.ts';

test.describe('foundation', () => {
  test('the page completes the worker handshake and shows the GIC regions', async ({ app }) => {
    await expect(app.connection).toHaveText('Simulation connected');
    const state = await app.state();
    expect(state.status).toBe('ready');
    expect(state.scenario).not.toBeNull();
    await expect(app.region('Distributor')).toBeVisible();
    await expect(app.region('Redistributor 0')).toBeVisible();
    await expect(app.region('CPU interface 0')).toBeVisible();
    for (const name of ['Play', 'Step', 'Step back', 'Reset', 'Inject NMI'])
      await expect(app.button(name)).toBeVisible();
    await expect(app.page.getByRole('combobox', { name: 'Scenario' })).toBeVisible();
    await expect(app.page.getByRole('table', { name: 'Interrupt counts' })).toBeVisible();
  });

  test('a crashed worker shows an error banner, and Restart brings it back', async ({ app }) => {
    const scenario = (await app.state()).scenario;
    await app.page.evaluate(() => void window.gicscope!.crashWorker());
    const banner = app.page.getByRole('alert');
    await expect(banner).toContainText('The simulation worker stopped');
    await expect(app.connection).toHaveText('Simulation stopped');
    await banner.getByRole('button', { name: 'Restart' }).click();
    await expect(app.connection).toHaveText('Simulation connected');
    await expect(banner).toBeHidden();
    await app.whenIdle();
    expect((await app.state()).scenario).toBe(scenario);
  });

  test('bad input is told plainly and the session survives', async ({ app }) => {
    const before = await app.state();
    const outcome = await app.call('loadScenario', '{"format": "gicscope.scenario", "version": 1');
    expect(outcome.ok).toBe(false);
    await expect(app.page.getByRole('status', { name: 'Notice' })).toBeVisible();
    const after = await app.state();
    expect(after.scenario).toBe(before.scenario);
    expect(after.status).toBe('ready');
  });
});
