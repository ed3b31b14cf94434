import { expect, test, type AppPage } from './fixtures.ts';
import { clock, expectLogAtClock, logTexts, newestRow } from './truth-view.ts';

// Issue 9, "inspection is a peek" and "writes say what was stored": what the page reads to draw
// its panels never shows up as the guest's; a write from the Registers panel logs that write and
// its consequences only, and says what the register holds and why.

/** Registers Linux reads once at boot (or never): a row for one mid-run is the page's own read. */
const BOOT_ONLY =
  /read (GICD_IIDR|GICD_TYPER|GICR_TYPER|GICR_IIDR|ICC_SRE_EL1|ICC_HPPIR[01]_EL1|ICC_CTLR_EL1)\b/;

async function choose(app: AppPage, scenario: string): Promise<void> {
  await app.page.getByRole('combobox', { name: 'Scenario' }).selectOption(scenario);
  await app.whenIdle();
}

async function speed(app: AppPage, label: string): Promise<void> {
  await app.page.getByRole('combobox', { name: 'Speed' }).selectOption({ label });
  await app.whenIdle();
}

test.describe('inspection is a peek', () => {
  test('the page’s own reads never appear in the log, while playing or at a pause', async ({
    app,
  }) => {
    test.setTimeout(90_000);
    await choose(app, 'rfc-nmi');
    await app.page.getByRole('checkbox', { name: 'Show idle interrupts' }).check();
    // the Registers, ladder and explainer panels follow the selection
    await app.selectInterrupt('SPI 33');
    await speed(app, '10×');
    await app.button('Play').click();
    const seen = new Set<string>();
    for (let sample = 0; sample < 12; sample += 1) {
      await app.page.waitForTimeout(150);
      for (const row of await logTexts(app)) seen.add(row);
    }
    await app.button('Pause').click();
    await app.whenIdle();
    for (const row of await logTexts(app)) seen.add(row);
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].filter((row) => BOOT_ONLY.test(row))).toEqual([]);
    // at the pause, looking around (other interrupts, other PEs) adds no row and moves nothing
    const before = {
      row: await newestRow(app),
      time: await clock(app),
      size: (await app.state()).logSize,
    };
    await app.selectInterrupt('SPI 34');
    await app.selectInterrupt('PPI 27', 'Redistributor 1');
    await app.region('Priority ladder').waitFor();
    await app.whenIdle();
    expect(await newestRow(app)).toEqual(before.row);
    expect(await clock(app)).toBe(before.time);
    expect((await app.state()).logSize).toBe(before.size);
  });

  test('a Registers-panel write of 0xE0 to ICC_PMR_EL1 logs that write and its consequences only', async ({
    app,
  }) => {
    await choose(app, 'rfc-nmi');
    await app.call('runUntil', 120_000);
    await app.selectInterrupt('SPI 33');
    const before = await expectLogAtClock(app);
    const sizeBefore = (await app.state()).logSize;
    await app.writeRegister('ICC_PMR_EL1', '0xE0');
    const report = app.region('Registers').getByRole('status', { name: 'Last register access' });
    await expect(report).toContainText('ICC_PMR_EL1');
    await expect(app.registerRow('ICC_PMR_EL1')).toContainText(/0xE0|0xe0/);
    const after = await expectLogAtClock(app);
    expect(after.time, 'a write takes no time').toBe(before.time);
    const added = (await app.state()).logSize - sizeBefore;
    expect(added).toBeGreaterThan(0);
    expect(added, 'the write and its few consequences').toBeLessThanOrEqual(6);
    const rows = (await logTexts(app)).slice(0, added);
    expect(rows.filter((r) => /\bread\b/.test(r))).toEqual([]);
    expect(rows.at(-1)).toMatch(/write ICC_PMR_EL1/);
  });

  test('writing 0x81 and 0x1ff to ICC_PMR_EL1 says what is held and why', async ({ app }) => {
    await choose(app, 'rfc-nmi');
    await app.call('runUntil', 50_000);
    await app.selectInterrupt('SPI 33');
    const report = app.region('Registers').getByRole('status', { name: 'Last register access' });
    await app.writeRegister('ICC_PMR_EL1', '0x81');
    // 5 priority bits in rfc-nmi: bits [2:0] are not implemented
    await expect(report).toContainText('0x81');
    await expect(report).toContainText(/holds 0x80/);
    await expect(report).toContainText(/not implemented/);
    await expect(report).toContainText(/5 priority bits/);
    await expect(app.registerRow('ICC_PMR_EL1')).toContainText('0x80');
    await app.writeRegister('ICC_PMR_EL1', '0x1ff');
    await expect(report).toContainText('0x1ff');
    await expect(report).toContainText(/holds 0xf8/i);
    await expect(report).toContainText(/bit 8|\[63:8\]|width|RES0/i);
    await expect(app.registerRow('ICC_PMR_EL1')).toContainText(/0xF8/i);
  });
});

test.describe('the PE panel', () => {
  test('never says "IRQ -1": between exception entry and IAR the INTID is not read yet', async ({
    app,
  }) => {
    await choose(app, 'rfc-nmi');
    await app.call('runUntil', 95_000);
    const look = async () => {
      const texts: string[] = [];
      for (let pe = 0; pe < 4; pe += 1) {
        const text = (await app.region(`PE ${pe}`).textContent()) ?? '';
        expect(text, `PE ${pe} at ${await clock(app)} ns`).not.toMatch(/-1\b|undefined|null/);
        texts.push(text);
      }
      const cpu = (await app.region('Selected CPU interface').textContent()) ?? '';
      expect(cpu).not.toMatch(/-1\b|undefined|null/);
      return texts.join(' | ');
    };
    // forward to the acknowledge: the PE names the INTID it read
    await app.button('Step to next interrupt').click();
    await app.whenIdle();
    const sawKnown = /(IRQ|NMI) \d+/.test(await look());
    // back, event by event, to just after the exception was taken: the INTID is not read yet
    let sawNotRead = false;
    for (let press = 0; press < 12 && !sawNotRead; press += 1) {
      await app.button('Step back').click();
      await app.whenIdle();
      sawNotRead = /INTID not read( yet)?(?!…)/.test(await look());
    }
    expect(sawNotRead, 'a PE between exception entry and IAR').toBe(true);
    expect(sawKnown, 'a PE in a handler with its INTID').toBe(true);
  });
});
