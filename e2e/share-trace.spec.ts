import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const sample = resolve(import.meta.dirname, '../public/traces/linux-6.1-boot-smp2.log.gz');
const sampleText = () => gunzipSync(readFileSync(sample)).toString('utf8');

/** Drops a file on the page the way a desktop drag does. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, base64 }) => {
      const binary = atob(base64);
      const array = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([array], name));
      return transfer;
    },
    { name, base64: bytes.toString('base64') },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: data });
  await page.dispatchEvent('main', 'drop', { dataTransfer: data });
}

const agreement = (page: Page) => page.getByRole('status', { name: 'Agreement' });
const logRows = (page: Page) => page.getByRole('list', { name: 'Events' }).getByRole('listitem');

test.describe('QEMU traces', () => {
  // opening the 126k-line sample takes a few seconds, more on a loaded CI machine
  test.describe.configure({ timeout: 120_000 });

  test('"Try a real QEMU trace" opens the sample with a progress bar; step and step back through it', async ({
    app,
  }) => {
    await app.button('Try a real QEMU trace').click();
    await expect(app.page.getByRole('progressbar', { name: /Opening linux-6\.1/ })).toBeVisible();
    await expect(agreement(app.page)).toHaveText(/^All [\d,]+ compared values agree$/, {
      timeout: 60_000,
    });
    await expect(app.page.getByRole('progressbar')).toHaveCount(0);
    await app.whenIdle();
    expect((await app.state()).scenario).toMatch(/^qemu-trace:/);
    // every event the model does not cover is listed, none dropped; the ITS is modelled (issue 12)
    const notModelled = app.page.getByRole('table', { name: 'Not modelled' });
    await expect(
      notModelled.getByRole('rowheader', { name: 'gicv3_cpuif_virt_update' }),
    ).toBeVisible();
    await expect(notModelled.getByRole('rowheader', { name: /gicv3_its_/ })).toHaveCount(0);
    for (let i = 0; i < 10; i += 1) await app.button('Step').click();
    await app.whenIdle();
    expect((await app.state()).time).toBe(10);
    // QEMU's line, then the model's own event for the same read
    await expect(logRows(app.page).nth(1)).toContainText('line 10: GICD read 0x4 → 0x37a0007');
    await expect(logRows(app.page).first()).toContainText('read GICD_TYPER = 0x37a0007');
    await app.button('Step back').click();
    await app.whenIdle();
    expect((await app.state()).time).toBe(9);
    // the diagram follows the model: stepping to the first acknowledge shows INTID 27 on PE 0
    await app.call('stepToNextInterrupt');
    const view = (await app.state()).view as { cpus: { handlers: { intid: number }[] }[] };
    expect(view.cpus[0]?.handlers.map((h) => h.intid)).toEqual([27]);
  });

  test('a dropped trace opens and steps like a scenario', async ({ app }) => {
    await dropFile(app.page, 'dropped.log.gz', readFileSync(sample));
    await expect(agreement(app.page)).toHaveText(/agree$/, { timeout: 60_000 });
    await app.whenIdle();
    expect((await app.state()).scenario).toMatch(/^qemu-trace:/);
    await app.call('step', 40);
    expect((await app.state()).time).toBe(40);
    await expect(logRows(app.page).filter({ hasText: 'line 40: ' })).toHaveCount(1);
  });

  test('a value QEMU reported that the model disagrees with is flagged at its line', async ({
    app,
  }) => {
    const lines = sampleText().split('\n');
    const at = lines.findIndex((l) => /ICC_IAR1 read cpu 0x1 value 0x1b$/.test(l));
    lines[at] = lines[at].replace(/0x1b$/, '0x1c');
    const input = app.page.getByLabel('Open a scenario or QEMU trace file');
    await input.setInputFiles({
      name: 'altered.log.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(lines.join('\n')),
    });
    await expect(agreement(app.page)).toHaveText(/^1 of [\d,]+ compared values disagree$/, {
      timeout: 60_000,
    });
    const flag = app.page.getByRole('list', { name: 'Disagreements' }).getByRole('button', {
      name: `line ${at + 1}: ICC_IAR1_EL1 on PE 1 — QEMU 0x1c, model 0x1b`,
    });
    await flag.click();
    await app.whenIdle();
    expect((await app.state()).time).toBe(at + 1);
    await expect(
      logRows(app.page).filter({
        hasText: `line ${at + 1}: ICC_IAR1_EL1 on PE 1 — QEMU reported 0x1c, the model says 0x1b`,
      }),
    ).toHaveCount(1);
  });

  test('a file that is not a GICv3 trace, and a cut-off one, get a clear Notice; the app goes on', async ({
    app,
  }) => {
    const input = app.page.getByLabel('Open a scenario or QEMU trace file');
    const notice = app.page.getByRole('status', { name: 'Notice' });
    await input.setInputFiles({
      name: 'boot.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('gicv3_dist_read hello\nBooting Linux\n'),
    });
    await expect(notice).toContainText(
      'boot.log: This is not a complete QEMU GICv3 trace: line 1: gicv3_dist_read: expected',
    );
    await input.setInputFiles({
      name: 'cut.log.gz',
      mimeType: 'application/gzip',
      buffer: readFileSync(sample).subarray(0, 20_000),
    });
    await expect(notice).toContainText('cut.log.gz is gzip-compressed but does not unpack');
    await expect(notice).toContainText('is the file cut off?');
    expect((await app.state()).scenario).toBe('rfc-nmi');
    await app.call('step', 3);
    expect((await app.state()).logSize).toBeGreaterThan(0);
  });
});
