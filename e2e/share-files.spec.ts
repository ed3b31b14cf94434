import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { readVcd } from '../src/trace/export/testing/vcd-reader.ts';
import { expect, test } from './fixtures.ts';

async function downloads(page: Page, count: number, click: () => Promise<void>) {
  const got: Download[] = [];
  const listener = (d: Download) => got.push(d);
  page.on('download', listener);
  await click();
  await expect.poll(() => got.length).toBe(count);
  page.off('download', listener);
  return Promise.all(
    got.map(async (d) => ({
      name: d.suggestedFilename(),
      text: readFileSync(await d.path(), 'utf8'),
    })),
  );
}

test.describe('scenario files', () => {
  test('download a built-in, edit it, open it, download the edited one and open that again', async ({
    app,
  }) => {
    await app.loadScenario('pmr-ladder');
    const [original] = await downloads(app.page, 1, () => app.button('Download scenario').click());
    expect(original?.name).toBe('pmr-ladder.json');
    const scenario = JSON.parse(original.text) as { id: string; title: string; runUntil: string };
    expect(scenario.id).toBe('pmr-ladder');
    scenario.id = 'my-ladder';
    scenario.title = 'My ladder, longer';
    scenario.runUntil = '350us';
    const edited = JSON.stringify(scenario, null, 2);
    const input = app.page.getByLabel('Open a scenario or QEMU trace file');
    await input.setInputFiles({
      name: 'my-ladder.json',
      mimeType: 'application/json',
      buffer: Buffer.from(edited),
    });
    // a file is its own entry in the picker, even when it reuses a built-in's id
    await expect(
      app.page.getByRole('combobox', { name: 'Scenario' }).locator('option:checked'),
    ).toHaveText('My ladder, longer (loaded file)');
    await app.whenIdle();
    expect((await app.state()).scenario).toBe('my-ladder');
    const [again] = await downloads(app.page, 1, () => app.button('Download scenario').click());
    expect(again).toEqual({ name: 'my-ladder.json', text: edited });
    await app.loadScenario('rfc-nmi');
    await input.setInputFiles({
      name: again.name,
      mimeType: 'application/json',
      buffer: Buffer.from(again.text),
    });
    await app.whenIdle();
    expect((await app.state()).scenario).toBe('my-ladder');
  });

  test('errors name the place: line and column for a syntax error, the JSON path otherwise; success clears them', async ({
    app,
  }) => {
    const input = app.page.getByLabel('Open a scenario or QEMU trace file');
    const notice = app.page.getByRole('status', { name: 'Notice' });
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "gicscope-scenario",\n  "version": 1\n  "id": "x"\n}'),
    });
    await expect(notice).toContainText('broken.json: JSON syntax error at line 4, column 3');
    const bad = JSON.parse(readFileSync('public/scenarios/pmr-ladder.json', 'utf8')) as {
      timeline: { intid?: unknown }[];
    };
    bad.timeline[1].intid = 'forty';
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await expect(notice).toContainText('bad.json: The scenario is not valid: $.timeline[1].intid');
    expect((await app.state()).scenario).toBe('rfc-nmi');
    await input.setInputFiles({
      name: 'ok.json',
      mimeType: 'application/json',
      buffer: readFileSync('public/scenarios/sgi-ipi.json'),
    });
    await expect(
      app.page.getByRole('combobox', { name: 'Scenario' }).locator('option:checked'),
    ).toHaveText(/\(loaded file\)$/);
    await app.whenIdle();
    expect((await app.state()).scenario).toBe('sgi-ipi');
    await expect(notice).toHaveCount(0);
  });
});

test.describe('exports', () => {
  test('Perfetto and VCD exports of the loaded scenario read back', async ({ app }) => {
    await app.loadScenario('pmr-ladder');
    const [perfetto] = await downloads(app.page, 1, () => app.button('Export Perfetto').click());
    expect(perfetto?.name).toBe('pmr-ladder.perfetto.json');
    const trace = JSON.parse(perfetto.text) as {
      traceEvents: { ph: string; tid: number; name: string; cat?: string; ts: number }[];
    };
    const stacks = new Map<number, string[]>();
    for (const e of trace.traceEvents) {
      const stack = stacks.get(e.tid) ?? [];
      stacks.set(e.tid, stack);
      if (e.ph === 'B') stack.push(e.name);
      if (e.ph === 'E') expect(stack.pop()).toBe(e.name);
    }
    for (const stack of stacks.values()) expect(stack).toEqual([]);
    expect(trace.traceEvents.filter((e) => e.ph === 'B' && e.cat === 'nmi')).toHaveLength(2);

    const files = await downloads(app.page, 4, () => app.button('Export VCD').click());
    const byName = new Map(files.map((f) => [f.name, f.text]));
    expect([...byName.keys()].sort()).toEqual([
      'pmr-ladder-intid.txt',
      'pmr-ladder-priority.txt',
      'pmr-ladder.gtkw',
      'pmr-ladder.vcd',
    ]);
    const vcd = readVcd(byName.get('pmr-ladder.vcd')!);
    // the export is the whole run: its last values are the page's after running to the end
    await app.call('runUntil', 300_000);
    const view = (await app.state()).view as {
      cpus: { pmr: number; runningPriority: number; lines: { irq: boolean } }[];
    };
    view.cpus.forEach((cpu, pe) => {
      expect(vcd.valueAt(`gicscope.pe${pe}.pmr`, vcd.endTime)).toBe(cpu.pmr);
      expect(vcd.valueAt(`gicscope.pe${pe}.running_priority`, vcd.endTime)).toBe(
        cpu.runningPriority,
      );
      expect(vcd.valueAt(`gicscope.pe${pe}.irq`, vcd.endTime)).toBe(Number(cpu.lines.irq));
    });
    const gtkw = byName.get('pmr-ladder.gtkw')!;
    expect(gtkw).toContain('^1 pmr-ladder-intid.txt');
  });

  test('the diagram as SVG and PNG, at this moment, for slides', async ({ app }) => {
    await app.loadScenario('rfc-nmi');
    await app.call('runUntil', 101_000);
    const [svg] = await downloads(app.page, 1, () => app.button('Export SVG').click());
    expect(svg?.name).toBe('rfc-nmi-101.0us.svg');
    // a standalone document: no script, no stylesheet; the blocks and the NMI's cell by name
    expect(svg.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.text).not.toMatch(/<script|<style|<link/);
    for (const text of ['Distributor', 'Redistributor 0', 'CPU interface 3', 'PE 1', '101.0 µs'])
      expect(svg.text).toContain(text);

    const pngs: Download[] = [];
    app.page.on('download', (d) => pngs.push(d));
    await app.button('Export PNG').click();
    await expect.poll(() => pngs.length).toBe(1);
    expect(pngs[0].suggestedFilename()).toBe('rfc-nmi-101.0us.png');
    const bytes = readFileSync(await pngs[0].path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height at twice the SVG's size
    const width = bytes.readUInt32BE(16);
    const svgWidth = Number(/width="(\d+)"/.exec(svg.text)?.[1]);
    expect(width).toBe(svgWidth * 2);
    await expect(app.page.getByRole('status', { name: 'Notice' })).toHaveCount(0);
  });
});
