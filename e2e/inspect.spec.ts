import { expect, test } from './fixtures.ts';

const EXPLAINER = "Why isn't it delivered?";

test.describe('inspect: registers, ladder, timeline and the explainer', () => {
  test('writing GICD_ISENABLER1 in the panel enables the SPI in the topology', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    // idle, disabled SPIs are drawn only on request
    await expect(app.button('SPI 33 inactive, disabled')).toHaveCount(0);
    await app.page.getByRole('checkbox', { name: 'Show idle interrupts' }).check();
    await expect(app.button('SPI 33 inactive, disabled')).toBeVisible();
    await app.selectInterrupt('SPI 33');
    await expect(app.registerRow('GICD_ISENABLER1')).toContainText('SPI 33 disabled');
    await app.writeRegister('GICD_ISENABLER1', '0x2');
    await expect(app.button('SPI 33 inactive')).toBeVisible();
    await expect(app.registerRow('GICD_ISENABLER1')).toContainText('SPI 33 enabled');
    await expect(app.page.getByRole('status', { name: 'Last register access' })).toContainText(
      'GICD_ISENABLER1 ← 0x2',
    );
  });

  test('writing GICD_ICENABLER1 in the panel disables the SPI again', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    await app.page.getByRole('checkbox', { name: 'Show idle interrupts' }).check();
    await app.selectInterrupt('SPI 33');
    await app.writeRegister('GICD_ISENABLER1', '0x2');
    await expect(app.registerRow('GICD_ICENABLER1')).toContainText('SPI 33 enabled');
    await app.writeRegister('GICD_ICENABLER1', '0x2');
    await expect(app.button('SPI 33 inactive, disabled')).toBeVisible();
    await expect(app.registerRow('GICD_ISENABLER1')).toContainText('SPI 33 disabled');
  });

  test('the acknowledge registers are never read by viewing, only on purpose', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    await app.call('runUntil', 550_000);
    await app.selectInterrupt('PPI 27', 'Redistributor 1');
    const iar = app.registerRow('ICC_IAR1_EL1');
    await expect(iar).toContainText('read to acknowledge');
    await expect(iar.getByRole('button', { name: 'Acknowledge (ICC_IAR1_EL1)' })).toBeVisible();
  });

  test('a masked interrupt reads "masked by PMR" with the numbers', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    await app.call('runUntil', 550_000);
    await app.selectInterrupt('PPI 27', 'Redistributor 1');
    await expect(app.region(EXPLAINER)).toContainText(
      'PPI 27 is masked by PMR on PE 1 (priority 0xC0 is not < PMR 0x00)',
    );
    const ladder = app.region('Priority ladder');
    await expect(ladder.getByRole('list', { name: 'Pending at PE 1' })).toContainText(
      'INTID 27 0xC0: masked by PMR priority 0xC0 is not < PMR 0x00: masked by PMR',
    );
  });

  test('dragging the timeline cursor back shows the earlier register values', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    await app.call('runUntil', 550_000);
    await app.selectInterrupt('PPI 27', 'Redistributor 1');
    await expect(app.registerRow('ICC_PMR_EL1')).toContainText('0x0000000000000000');
    const before = (await app.state()).time;

    const timeline = app.region('Timeline');
    const cursor = timeline.getByRole('slider', { name: 'Timeline cursor' });
    await cursor.scrollIntoViewIfNeeded();
    const handle = (await cursor.boundingBox())!;
    const area = (await timeline.locator('svg').boundingBox())!;
    const { mouse } = app.page;
    await mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await mouse.down();
    await mouse.move(area.x + area.width * 0.3, handle.y + handle.height / 2, { steps: 8 });
    await mouse.up();
    await app.whenIdle();

    expect((await app.state()).time).toBeLessThan(before);
    await expect(app.registerRow('ICC_PMR_EL1')).toContainText(/0x00000000000000(E0|C0)/);
    await expect(app.region(EXPLAINER)).not.toContainText('masked by PMR on PE 1');
  });

  test('each "my timer never fires" misconfiguration gets its own explanation', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    const cases = [
      {
        at: 150_000,
        cell: ['PPI 27', 'Redistributor 1'],
        answer: 'Group 0 is disabled at CPU interface 1 (ICC_IGRPEN0_EL1=0)',
        fix: 'write 1 to ICC_IGRPEN0_EL1 on PE 1',
      },
      {
        at: 350_000,
        cell: ['PPI 27', 'Redistributor 1'],
        answer: 'PPI 27 is held: Redistributor 1 is asleep (GICR_WAKER.ProcessorSleep=1)',
        fix: 'write 0 to GICR_WAKER (clear ProcessorSleep, bit 1) of PE 1',
      },
      {
        at: 550_000,
        cell: ['PPI 27', 'Redistributor 1'],
        answer: 'PPI 27 is masked by PMR on PE 1 (priority 0xC0 is not < PMR 0x00)',
        fix: 'PMR 0x00 masks every interrupt',
      },
      {
        at: 750_000,
        cell: ['SPI 40', 'Distributor'],
        answer: 'SPI 40 is routed to affinity 0.0.0.7, which is no PE',
        fix: 'to GICD_IROUTER40',
      },
    ] as const;
    for (const c of cases) {
      await app.call('runUntil', c.at);
      await app.selectInterrupt(c.cell[0], c.cell[1]);
      const explainer = app.region(EXPLAINER);
      await expect(explainer).toContainText(c.answer);
      const first = explainer.getByRole('listitem').filter({ hasText: 'first blocked' });
      await expect(first).toHaveCount(1);
      await expect(first).toContainText(c.fix);
    }
  });

  test('the log filters by INTID and selecting a row seeks there', async ({ app }) => {
    await app.loadScenario('timer-never-fires');
    await app.call('runUntil', 120_000);
    const log = app.region('Event log');
    await log.getByRole('textbox', { name: 'Filter by INTID' }).fill('40');
    const rows = log.getByRole('list', { name: 'Events' }).getByRole('button');
    await expect(rows.first()).toContainText('40');
    const before = (await app.state()).time;
    await rows.first().click();
    await app.whenIdle();
    expect((await app.state()).time).toBeLessThan(before);
  });
});
