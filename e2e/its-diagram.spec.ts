import { expect, test } from './fixtures.ts';

const ITS_BLOCK = 'Interrupt Translation Service';

test.describe('the ITS in the block diagram', () => {
  test.describe.configure({ timeout: 120_000 });

  test('msi-nic: the first MSI lights the path from the ITS to Redistributor 0, then PE 0 takes LPI 8192', async ({
    app,
  }) => {
    await app.loadScenario('msi-nic');
    await app.call('runUntil', 149_000);
    const diagram = app.page.getByRole('group', { name: 'GIC block diagram' });
    const its = app.region(ITS_BLOCK);
    await expect(its).toContainText('ITS');
    await expect(its).toContainText('enabled');
    await expect(its).toContainText('CREADR 22 · CWRITER 22 · 22 commands');
    await expect(its).toContainText('DeviceID 0x8 → 4 events');
    await expect(its).toContainText('no MSI translated yet');
    await expect(diagram.locator('[data-wire="its-path"]')).toHaveCount(0);
    const rd0 = app.region('Redistributor 0');
    await expect(rd0.getByRole('button', { name: /^LPI 8192/ })).toHaveCount(0);

    // step, as a user would, until the NIC's write has gone through the ITS
    const lpi = rd0.getByRole('button', { name: 'LPI 8192 pending', exact: true });
    for (let i = 0; i < 40 && (await lpi.count()) === 0; i++) {
      await app.button('Step').click();
      await app.whenIdle();
    }
    await expect(lpi).toBeVisible();
    await expect(rd0.getByRole('group', { name: 'Redistributor 0 LPIs' })).toBeVisible();
    await expect(diagram.locator('[data-wire="its-path"]')).toHaveAttribute('data-lit', 'true');
    await expect(diagram.getByText('DeviceID 0x8 EventID 0 → LPI 8192 → ICID 0')).toBeVisible();
    // the other Redistributors keep their idle LPI out of the way, counted
    await expect(app.region('Redistributor 1')).toContainText('1 LPI, idle');

    // PE 0 acknowledges it: in service at its CPU interface, in its handler stack
    const serving = rd0.getByRole('button', { name: 'LPI 8192 in service', exact: true });
    for (let i = 0; i < 40 && (await serving.count()) === 0; i++) {
      await app.button('Step').click();
      await app.whenIdle();
    }
    await expect(serving).toBeVisible();
    await expect(app.region('PE 0')).toContainText('IRQ 8192 eth0-rx-0');
    await expect(app.region('CPU interface 0')).toContainText('running 0xC0');

    // handled: the path goes dark, the ITS says what it did last
    await app.call('runUntil', 160_000);
    await expect(diagram.locator('[data-wire="its-path"]')).toHaveCount(0);
    await expect(its).toContainText(/last: Dev(iceID)? 0x8 Ev(entID)? 0 → LPI 8192/);
    await expect(rd0.getByRole('button', { name: /^LPI 8192/ })).toHaveCount(0);
    await app.page.getByRole('checkbox', { name: 'Show idle interrupts' }).check();
    await expect(rd0.getByRole('button', { name: 'LPI 8192 idle', exact: true })).toBeVisible();
  });

  test('msi-nic: a pending LPI held by PSTATE shows as a chip at PE 0', async ({ app }) => {
    await app.loadScenario('msi-nic');
    await app.call('runUntil', 150_000);
    await expect(
      app.region('PE 0').getByRole('img', { name: /^INTID 8192 priority 0xC0: masked at the PE/ }),
    ).toBeVisible();
  });

  test('its-trigger: INT after MAPD V=0 stops at the ITS, labelled; nothing travels', async ({
    app,
  }) => {
    await app.loadScenario('its-trigger');
    await app.call('runUntil', 300_100);
    const diagram = app.page.getByRole('group', { name: 'GIC block diagram' });
    await expect(app.region(ITS_BLOCK)).toContainText(
      /✕ INT Dev(iceID)? 0x2 Ev(entID)? 20: device not mapped/,
    );
    await expect(diagram.locator('[data-box="its-stop"]')).toBeVisible();
    await expect(diagram.locator('[data-wire="its-path"]')).toHaveCount(0);
  });

  test('with motion, the translation’s token leaves the ITS', async ({ page }) => {
    await page.goto('/?scenario=msi-nic');
    await page.evaluate(() => window.gicscope!.whenIdle());
    await page.evaluate(() => window.gicscope!.runUntil(149_000));
    await page.evaluate(() => window.gicscope!.whenIdle());
    await page.evaluate(() => {
      const starts: string[] = [];
      (window as unknown as { starts: string[] }).starts = starts;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes)
            if (n instanceof Element && n.classList.contains('token'))
              starts.push(n.querySelector('path')?.getAttribute('d') ?? '');
      }).observe(document.querySelector('svg.diagram')!, { subtree: true, childList: true });
    });
    const block = page.getByRole('region', { name: ITS_BLOCK, exact: true }).locator('rect');
    const [x, w, h] = await Promise.all(
      ['x', 'width', 'height'].map(async (a) => Number(await block.first().getAttribute(a))),
    );
    const from = `M${Math.round((x + w / 2) * 10) / 10} ${Math.round(h * 10) / 10} `;
    await page.evaluate(() => window.gicscope!.runUntil(150_000));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { starts: string[] }).starts))
      .toContainEqual(expect.stringMatching(new RegExp(`^${from}`)));
  });
});
