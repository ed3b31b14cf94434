import { expect, test } from './fixtures.ts';

const EXPLAINER = "Why isn't it delivered?";

test.describe('the picture: block diagram and NMI story', () => {
  // the page does real work per test (boot, run to the first chapter); the machine is shared
  test.describe.configure({ timeout: 90_000 });

  test('the first screen opens on the first NMI, with what to press next', async ({ app }) => {
    const state = await app.state();
    expect(state.scenario).toBe('rfc-nmi');
    expect(state.time).toBe(101_000);
    const chapter = app.region('Chapter');
    await expect(chapter).toContainText('Chapter 1 of 4');
    await expect(chapter).toContainText('The first NMI gets through');
    await expect(app.page.getByRole('status', { name: 'What to do next' })).toContainText(
      'Press Inject NMI (N) to raise INTID 40 → PE 1',
    );
  });

  test('the GIC is drawn as blocks: Distributor, Redistributors, CPU interfaces, PEs', async ({
    app,
  }) => {
    await expect(app.region('Distributor')).toBeVisible();
    for (const pe of [0, 1, 2, 3])
      for (const block of ['Redistributor', 'CPU interface', 'PE'])
        await expect(app.region(`${block} ${pe}`)).toBeVisible();
    // PE 0 runs the NMI handler on top of the interrupted code, with PSTATE.I set
    const pe0 = app.region('PE 0');
    await expect(pe0).toContainText('NMI 33 uart-pl011');
    await expect(pe0).toContainText('interrupted code');
    await expect(pe0).toContainText('I=1');
    // the wires: PE 0's NMI path is lit, PE 1's lines are low
    const diagram = app.page.getByRole('group', { name: 'GIC block diagram' });
    await expect(diagram.locator('[data-wire="story"]')).toHaveAttribute('data-lit', 'true');
    await expect(diagram.locator('[data-wire="irq:1"]')).toHaveAttribute('data-lit', 'false');
  });

  test('the PMR gate holds the timer back and the NMI verdict sits on the gate', async ({
    app,
  }) => {
    const cpu1 = app.region('CPU interface 1');
    await expect(cpu1).toContainText('PMR 0xC0');
    await expect(
      cpu1.getByRole('img', { name: /^INTID 27 priority 0xC0: held back by PMR/ }),
    ).toBeVisible();
    const cpu0 = app.region('CPU interface 0');
    await expect(cpu0).toContainText('NMI 0x80 < 0xC0: passed');
    // inside the NMI handler Linux runs with PMR 0xF0: the timer waits for the running priority
    await expect(
      cpu0.getByRole('img', { name: /^INTID 27 priority 0xC0: waits for the running priority/ }),
    ).toBeVisible();
  });

  test('pseudo-NMIs are marked as NMIs by priority, GICv3.3 NMIs by property', async ({ app }) => {
    const distributor = app.region('Distributor');
    await expect(
      distributor.getByRole('button', {
        name: 'SPI 33 active, pseudo-NMI, priority 0x80, last injected NMI',
      }),
    ).toBeVisible();
    await expect(
      distributor.getByRole('button', {
        name: 'SPI 40 inactive, pseudo-NMI, priority 0x80, next NMI candidate',
      }),
    ).toBeVisible();
    await app.page.getByText('Legend', { exact: true }).click();
    const legend = app.page.getByRole('list', { name: 'Legend', exact: true });
    await expect(legend).toContainText('pseudo-NMI: an NMI by priority');
    await expect(legend).toContainText('NMI by property (GICv3.3 non-maskable)');
    await app.loadScenario('pseudo-vs-architected');
    await app.call('runUntil', 60_000);
    await expect(
      distributor.getByRole('button', { name: /^SPI 40 inactive, NMI \(GICv3\.3 non-maskable\)/ }),
    ).toBeVisible();
    await expect(
      distributor.getByRole('button', { name: /^SPI 33 inactive, pseudo-NMI, priority 0x80/ }),
    ).toBeVisible();
  });

  test('Inject NMI lights the chosen candidate, moves the cursor and draws the path', async ({
    app,
  }) => {
    await app.call('runUntil', 120_000);
    const candidates = app.region('NMI candidates');
    await expect(candidates).toContainText('next: INTID 40 → PE 1');
    await app.button('Inject NMI').click();
    await app.whenIdle();
    await expect(candidates).toContainText('next: INTID 33 → PE 0');
    await expect(
      candidates.getByRole('listitem').filter({ hasText: 'last injected' }),
    ).toContainText('INTID 40 → PE 1');
    await expect(
      app.region('Distributor').getByRole('button', { name: /^SPI 40 .*last injected NMI$/ }),
    ).toBeVisible();
    // the story moves to PE 1: its gate carries the verdict, its PE runs the NMI
    await expect(app.region('CPU interface 1')).toContainText('NMI 0x80 < 0xC0: passed');
    await app.call('step', 8);
    await expect(app.region('PE 1')).toContainText('NMI 40 nmi-button');
    await expect(app.region('NMI story')).toContainText('PE 1 now: in the NMI handler');
  });

  test('the ladder and the diagram agree with the explainer: Group 0 behind IGRPEN0 is blocked', async ({
    app,
  }) => {
    await app.loadScenario('timer-never-fires');
    await app.call('runUntil', 150_000);
    await app.selectInterrupt('PPI 27', 'Redistributor 1');
    await expect(app.region(EXPLAINER)).toContainText('ICC_IGRPEN0_EL1');
    const rungs = app.region('Priority ladder').getByRole('list', { name: 'Pending at PE 1' });
    await expect(rungs).toContainText('INTID 27 0xC0: blocked');
    await expect(rungs).not.toContainText('can be taken');
    await expect(
      app.region('CPU interface 1').getByRole('img', { name: /^INTID 27 .*: blocked/ }),
    ).toBeVisible();
  });

  test('“About this button” tells the RFC history and the two modes', async ({ app }) => {
    await app.page.getByText('About this button').click();
    const story = app.region('NMI story');
    await expect(story).toContainText('never merged');
    await expect(story).toContainText('machine does not provide NMIs');
    await expect(story).toContainText('GICv3.3 architected');
  });

  test('with motion the interrupt travels along the wires; with reduced motion nothing moves', async ({
    page,
  }) => {
    await page.goto('/?scenario=rfc-nmi');
    await page.evaluate(() => window.gicscope!.whenIdle());
    await page.evaluate(() => window.gicscope!.runUntil(60_000));
    await page.evaluate(() => window.gicscope!.whenIdle());
    // count the tokens that ever appear, however short their flight on a busy machine
    const watch = () =>
      page.evaluate(() => {
        const seen = { count: 0 };
        (window as unknown as { seen: typeof seen }).seen = seen;
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.addedNodes)
              if (n instanceof Element && n.classList.contains('token')) seen.count += 1;
        }).observe(document.querySelector('svg.diagram')!, { subtree: true, childList: true });
      });
    const seen = () =>
      page.evaluate(() => (window as unknown as { seen: { count: number } }).seen.count);
    const tokens = page.locator('svg.diagram g.token');
    await watch();
    await page.getByRole('button', { name: 'Inject NMI', exact: true }).click();
    await expect.poll(seen).toBeGreaterThan(0);
    await page.evaluate(() => window.gicscope!.whenIdle());
    await expect(tokens).toHaveCount(0);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await page.evaluate(() => window.gicscope!.whenIdle());
    await page.evaluate(() => window.gicscope!.runUntil(60_000));
    await page.evaluate(() => window.gicscope!.whenIdle());
    await watch();
    await page.getByRole('button', { name: 'Inject NMI', exact: true }).click();
    await page.evaluate(() => window.gicscope!.whenIdle());
    expect(await seen()).toBe(0);
    await expect(page.getByRole('region', { name: 'Distributor', exact: true })).toContainText(
      '33',
    );
  });

  test('with more than 8 PEs: tiles, and the chosen PE drawn in full', async ({ app }) => {
    await expect(app.region('PE 3')).toBeVisible();
    const storm = JSON.stringify({
      format: 'gicscope-scenario',
      version: 1,
      id: 'sixteen',
      title: 'Sixteen PEs',
      machine: { pes: 16, spis: 64 },
      runUntil: '100us',
    });
    await app.loadScenario(storm);
    const tiles = app.page.getByRole('group', { name: 'PE tiles' });
    await expect(tiles.getByRole('button')).toHaveCount(16);
    await tiles.getByRole('button', { name: /^PE 9:/ }).click();
    await app.whenIdle();
    await expect(app.region('PE 9')).toBeVisible();
    await expect(app.region('CPU interface 9')).toBeVisible();
    await expect(app.region('PE 3')).toHaveCount(0);
  });
});
