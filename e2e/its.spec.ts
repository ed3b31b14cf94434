import { expect, test } from './fixtures.ts';

const EXPLAINER = "Why isn't it delivered?";

test.describe('LPIs and the ITS', () => {
  test.describe.configure({ timeout: 120_000 });
  test('an MSI from the NIC: the ITS block shows the commands, the path and the counts', async ({
    app,
  }) => {
    await app.loadScenario('msi-nic');
    await app.call('runUntil', 400_000);
    const its = app.region('ITS');
    await expect(its.getByRole('list', { name: 'ITS commands' })).toContainText(
      'MAPD DeviceID 0x8',
    );
    await expect(its.getByRole('list', { name: 'ITS commands' })).toContainText(
      'MAPTI DeviceID 0x8 EventID 0x3 → LPI 8195, ICID 3',
    );
    await expect(its.getByRole('img', { name: /Command queue: 2048 slots/ })).toBeVisible();
    const counts = app.page.getByRole('table', { name: 'Interrupt counts' });
    await expect(counts).toContainText('ITS-MSI 16384 Edge');
    await expect(counts.getByRole('row', { name: /eth0-rx-3/ })).toContainText('3');
    await its.getByRole('button', { name: /^LPI 8193 / }).click();
    await app.whenIdle();
    const path = its.getByRole('list', { name: 'Translation path' });
    await expect(path).toContainText('DeviceID 0x8 writes EventID 1 to GITS_TRANSLATER');
    await expect(path).toContainText('collection 1 → PE 1');
    await expect(app.region(EXPLAINER)).toContainText('LPI 8193');
  });

  test('the priority changed without INV: the explainer names the missing INV', async ({ app }) => {
    await app.loadScenario('lpi-no-inv');
    await app.call('runUntil', 250_000);
    const its = app.region('ITS');
    await its.getByRole('button', { name: /^LPI 8192 / }).click();
    await app.whenIdle();
    const explainer = app.region(EXPLAINER);
    await expect(explainer).toContainText('changed without an INV');
    const first = explainer.getByRole('listitem').filter({ hasText: 'first blocked' });
    await expect(first).toHaveCount(1);
    await expect(first).toContainText('send INV DeviceID 0x10 EventID 0');
    await expect(its).toContainText('the Redistributor still uses 0xC3 (no INV yet)');
    await app.call('runUntil', 400_000);
    await expect(explainer).not.toContainText('changed without an INV');
  });
});
