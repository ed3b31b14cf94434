import { readFileSync } from 'node:fs';
import { expect, test, type AppPage } from './fixtures.ts';

const threeNmis = readFileSync(new URL('./scenarios/three-nmis.json', import.meta.url), 'utf8');
const storm = readFileSync(new URL('../bench/storm-64.json', import.meta.url), 'utf8');

/** The /proc/interrupts cell for an IRQ row and a CPU column. */
async function count(app: AppPage, label: string, cpu: number): Promise<number> {
  const row = app.page
    .getByRole('table', { name: 'Interrupt counts' })
    .getByRole('row')
    .filter({ has: app.page.getByRole('rowheader', { name: `${label}:`, exact: true }) });
  return Number(await row.getByRole('cell').nth(cpu).innerText());
}

test.describe('live view', () => {
  const builtins = JSON.parse(
    readFileSync(new URL('../public/scenarios/index.json', import.meta.url), 'utf8'),
  ) as { id: string }[] | { scenarios: { id: string }[] };
  const ids = (Array.isArray(builtins) ? builtins : builtins.scenarios).map((s) => s.id);

  for (const id of ids)
    test(`built-in "${id}" runs to its end with every check passing`, async ({ app }) => {
      await app.page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
      await app.whenIdle();
      expect((await app.state()).scenario).toBe(id);
      await app.page.getByRole('button', { name: /^Run to end/ }).click();
      await app.whenIdle();
      const checks = app.page.getByRole('list', { name: 'Scenario checks' }).getByRole('listitem');
      await expect(checks.first()).toBeVisible();
      await expect(checks.filter({ hasText: '✗ failed' })).toHaveCount(0);
      await expect(checks.filter({ hasText: '… not yet' })).toHaveCount(0);
    });

  test('the RFC test: the NMI counts rise while the timer waits behind PMR', async ({ app }) => {
    await app.loadScenario('rfc-nmi');
    await app.call('runUntil', 280_000);
    await expect.poll(() => count(app, '33', 0)).toBe(2);
    expect(await count(app, '40', 1)).toBe(2);
    await expect(
      app.region('Redistributor 2').getByRole('button', { name: 'PPI 27 pending' }),
    ).toBeVisible();
    await expect(app.region('CPU interface 2')).toContainText('0xC0');
  });

  test('Inject NMI rotates through three candidates and each lands on its PE', async ({ app }) => {
    await app.loadScenario(threeNmis);
    await app.call('runUntil', 60_000);
    const panel = app.region('NMI candidates');
    await expect(panel).toContainText('next: INTID 33 → PE 0');
    const expected: [string, number, string][] = [
      ['33', 0, 'next: INTID 40 → PE 1'],
      ['40', 1, 'next: INTID 41 → PE 2'],
      ['41', 2, 'next: INTID 33 → PE 0'],
    ];
    let now = 60_000;
    for (const [label, pe, next] of expected) {
      await app.button('Inject NMI').click();
      await app.whenIdle();
      now += 20_000;
      await app.call('runUntil', now);
      await expect(panel).toContainText(next);
      await expect(panel.getByRole('listitem').filter({ hasText: 'last injected' })).toContainText(
        `INTID ${label}`,
      );
      await expect.poll(() => count(app, label, pe)).toBe(1);
      for (const other of [0, 1, 2, 3].filter((p) => p !== pe))
        expect(await count(app, label, other)).toBe(0);
    }
  });

  test('with no NMI candidate the page says why and how to fix it', async ({ app }) => {
    await app.loadScenario('binary-point');
    await app.call('runUntil', 60_000);
    await app.button('Inject NMI').click();
    await app.whenIdle();
    const panel = app.region('NMI candidates');
    await expect(panel).toContainText('the guest runs without pseudo-NMIs');
    await expect(panel).toContainText('set guest.nmi to "pseudo"');
    await app.loadScenario('sgi-ipi');
    await app.call('runUntil', 60_000);
    await app.button('Inject NMI').click();
    await app.whenIdle();
    await expect(panel).toContainText('has the guest called request_nmi?');
    await expect(panel).toContainText('"do": "request-nmi"');
  });

  test('an ordinary interrupt is held by PMR while the NMI is taken', async ({ app }) => {
    // the scenario raises eth0 (SPI 40) at 60 µs inside local_irq_disable and injects at 80 µs
    await app.loadScenario('pmr-ladder');
    await app.call('runUntil', 79_000);
    await expect(
      app.region('Distributor').getByRole('button', { name: 'SPI 40 pending' }),
    ).toBeVisible();
    await app.call('runUntil', 81_000);
    const masking = app.region('Priority masking');
    await expect(masking).toContainText('NMI priority 0x80 < PMR 0xC0');
    await expect(masking.getByRole('list', { name: 'Held back' })).toContainText('INTID 40');
    await app.call('runUntil', 100_000);
    await expect.poll(() => count(app, '33', 0)).toBe(1);
    expect(await count(app, '40', 0)).toBe(0);
    await expect(
      app.region('Distributor').getByRole('button', { name: 'SPI 40 pending' }),
    ).toBeVisible();
  });

  test('Step back after an acknowledge shows the state before it', async ({ app }) => {
    await app.loadScenario('rfc-nmi');
    await app.call('runUntil', 90_000);
    await app.button('Step to next interrupt').click();
    await app.whenIdle();
    const active = async () => {
      const view = (await app.state()).view as {
        interrupts: Record<string, { key: string; state: string }>;
      };
      return Object.values(view.interrupts)
        .filter((i) => i.state === 'active' || i.state === 'active-pending')
        .map((i) => i.key)
        .sort();
    };
    const afterAck = await active();
    expect(afterAck.length).toBeGreaterThan(0);
    const log = app.page.getByRole('list', { name: 'Events' });
    await expect(log).toContainText('acknowledge');
    await app.button('Step back').click();
    await app.whenIdle();
    const before = await active();
    expect(before).not.toEqual(afterAck);
    await app.button('Step').click();
    await app.whenIdle();
    expect(await active()).toEqual(afterAck);
  });

  test('64 PEs: one tile per PE, and the selected PE drawn in full', async ({ app }) => {
    await app.loadScenario(storm);
    await app.call('runUntil', 100_000);
    const tiles = app.region('PEs').getByRole('button');
    await expect(tiles).toHaveCount(64);
    await expect(app.region('CPU interface 0')).toBeVisible();
    await app
      .region('PEs')
      .getByRole('button', { name: /^PE 37:/ })
      .click();
    await expect(app.region('CPU interface 37')).toBeVisible();
    await expect(app.region('Redistributor 37')).toBeVisible();
    await expect(app.region('CPU interface 0')).toHaveCount(0);
  });

  test('keyboard: → steps, ← steps back, Space plays and pauses', async ({ app }) => {
    await app.loadScenario('sgi-ipi');
    const { time: t0, logSize: l0 } = await app.state();
    await app.page.keyboard.press('ArrowRight');
    await app.whenIdle();
    const t1 = (await app.state()).time;
    expect(t1).toBeGreaterThanOrEqual(t0);
    expect((await app.state()).logSize).toBeGreaterThan(0);
    await app.page.keyboard.press('ArrowLeft');
    await app.whenIdle();
    expect((await app.state()).logSize).toBe(l0);
    await app.page.keyboard.press(' ');
    await expect(app.button('Pause')).toBeVisible();
    await app.page.keyboard.press(' ');
    await expect(app.button('Play')).toBeVisible();
  });
});
