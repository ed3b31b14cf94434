import { AppPage, expect, test } from './fixtures.ts';

test.use({ serviceWorkers: 'allow' });

test.describe('offline', () => {
  // installing the service worker precaches ~0.8 MB: seconds on a loaded CI machine
  test.describe.configure({ timeout: 120_000 });

  test('after one visit the app reloads and works with the network off', async ({
    page,
    context,
  }) => {
    const app = new AppPage(page);
    await app.open();
    // the service worker has precached everything and controls the page
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
    });
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link
        ? ((await (await fetch(link.href)).json()) as { name: string; icons: unknown[] })
        : null;
    });
    expect(manifest?.name).toMatch(/gicscope/);
    expect(manifest?.icons.length).toBeGreaterThanOrEqual(2);

    await context.setOffline(true);
    await page.reload();
    await expect(app.connection).toHaveText(/Simulation connected/, { timeout: 30_000 });
    await app.whenIdle();
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('pmr-ladder');
    await app.whenIdle();
    expect((await app.state()).scenario).toBe('pmr-ladder');
    await app.call('step', 5);
    expect((await app.state()).logSize).toBeGreaterThan(0);
    // a scenario file users download is there offline too
    const scenario = await page.evaluate(async () => (await fetch('./scenarios/rfc-nmi.json')).ok);
    expect(scenario).toBe(true);
    await context.setOffline(false);
  });
});
