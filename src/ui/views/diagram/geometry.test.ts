import { describe, expect, it } from 'vitest';
import { machineEngineFactory } from '../../../worker/machine-engine.ts';
import { overlaps, textBox } from '../chart/labels.ts';
import { diagramLayout } from './geometry.ts';
import { diagramInput } from './input.ts';
import { routeFor } from './routes.ts';
import { diagramSvg } from './svg.ts';
import type { DiagramLayout, TextItem } from './types.ts';

function viewAt(id: string, ns: number) {
  const engine = machineEngineFactory.load({ kind: 'builtin', id });
  engine.runUntil(ns);
  return engine.view();
}

function layout(id: string, ns: number, width: number, fontSize = 14, showAll = false) {
  return diagramLayout(
    diagramInput(viewAt(id, ns), { width, fontSize, showAll, selectedKey: null, selectedPe: 0 }),
  );
}

function texts(l: DiagramLayout): TextItem[] {
  return [
    ...l.blocks.flatMap((b) => b.texts),
    ...l.cells.flatMap((c) => (c.glyph ? [c.number, c.glyph] : [c.number])),
    ...l.chips.map((c) => c.text),
    ...l.bars.map((b) => b.label),
    ...l.boxes.map((b) => b.text),
    ...l.wires.flatMap((w) => (w.label ? [w.label] : [])),
  ];
}

const MOMENTS = [
  ['rfc-nmi', 101_000],
  ['rfc-nmi', 151_000],
  ['pmr-ladder', 211_000],
  ['sgi-ipi', 171_000],
  ['timer-never-fires', 350_000],
  ['pseudo-vs-architected', 151_000],
  ['msi-nic', 150_000],
  ['msi-nic', 150_100],
  ['its-trigger', 150_500],
  ['its-trigger', 230_000],
  ['its-trigger', 300_100],
] as const;

describe('the block diagram layout', () => {
  it('four PEs side by side at 880 px; one per row at 390 px, joined by a trunk', () => {
    const wide = layout('rfc-nmi', 101_000, 880);
    const pes = wide.blocks.filter((b) => b.kind === 'pe');
    expect(new Set(pes.map((b) => b.y)).size).toBe(1);
    expect(wide.wires.some((w) => w.id === 'trunk')).toBe(false);
    const narrow = layout('rfc-nmi', 101_000, 390);
    expect(new Set(narrow.blocks.filter((b) => b.kind === 'pe').map((b) => b.y)).size).toBe(2);
    expect(narrow.wires.some((w) => w.id === 'trunk')).toBe(true);
  });

  for (const [id, ns] of MOMENTS)
    for (const [width, font] of [
      [880, 14],
      [390, 14],
      [1400, 28],
    ] as const)
      it(`${id} at ${ns} ns, ${width} px / ${font} px: inside the width, nothing overlaps`, () => {
        const l = layout(id, ns, width, font, true);
        for (const b of l.blocks) expect(b.x + b.w).toBeLessThanOrEqual(width + 0.5);
        for (let i = 0; i < l.blocks.length; i++)
          for (let j = i + 1; j < l.blocks.length; j++) {
            const [a, b] = [l.blocks[i], l.blocks[j]];
            const inner = (p: typeof a) => ({ x: p.x, y: p.y, w: p.w, h: p.h });
            if (
              (a.kind === 'distributor' && b.kind !== 'its') ||
              (b.kind === 'distributor' && a.kind !== 'its')
            )
              continue;
            expect(overlaps(inner(a), inner(b)), `${a.id} × ${b.id}`).toBe(false);
          }
        const boxes = texts(l).map((t) => ({
          t,
          box: textBox(t.text, t.x, t.y, t.size, t.anchor),
        }));
        for (const { box, t } of boxes) {
          expect(box.x, t.text).toBeGreaterThanOrEqual(-0.5);
          expect(box.x + box.w, t.text).toBeLessThanOrEqual(width + 0.5);
          expect(t.size).toBeGreaterThanOrEqual(font === 28 ? 24 : 12);
        }
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            expect(
              overlaps(boxes[i].box, boxes[j].box),
              `"${boxes[i].t.text}" × "${boxes[j].t.text}"`,
            ).toBe(false);
      });

  it('the first NMI: SPI 33 chosen, its path lit to PE 0, the verdict on PE 0’s gate', () => {
    const l = layout('rfc-nmi', 101_000, 880);
    expect(l.cells.find((c) => c.key === 'spi:33')).toMatchObject({
      story: 'chosen',
      nmiKind: 'pseudo',
      label: 'SPI 33 active, pseudo-NMI, priority 0x80, last injected NMI',
    });
    expect(l.cells.find((c) => c.key === 'spi:40')?.story).toBe('next');
    const story = l.wires.find((w) => w.id === 'story');
    expect(story?.story).toBe(true);
    const pe0 = l.blocks.find((b) => b.id === 'pe:0')!;
    expect(story?.points.at(-1)?.y).toBe(pe0.y);
    expect(l.boxes.find((b) => b.kind === 'verdict')?.block).toBe('cpu:0');
    // the timer held back at PE 1's gate by PMR, above the bar
    const chip = l.chips.find((c) => c.pe === 1)!;
    const bar = l.bars.find((b) => b.id === 'pmr:1')!;
    expect(chip.mark).toBe('masked-by-pmr');
    expect(chip.y + chip.h).toBeLessThan(bar.y);
  });

  it('exports a standalone SVG: no stylesheet, every colour an attribute', () => {
    const svg = diagramSvg(layout('rfc-nmi', 101_000, 880), 'rfc-nmi at 101 µs');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>rfc-nmi at 101 µs</title>');
    expect(svg).not.toMatch(/class=|style=|<script/);
    expect(svg).toContain('>Distributor</text>');
    expect(svg).toContain('>NMI 33 uart-pl011</text>');
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });

  it('an NMI machine has no ITS: the Distributor spans the top row, no LPI grid, no ITS wire', () => {
    const l = layout('rfc-nmi', 101_000, 880, 14, true);
    expect(l.blocks.some((b) => b.kind === 'its')).toBe(false);
    expect(l.blocks.find((b) => b.id === 'distributor')?.w).toBe(880);
    expect(l.grids.some((g) => g.id.endsWith(':lpi'))).toBe(false);
    expect(l.wires.some((w) => w.id.startsWith('its'))).toBe(false);
    expect(l.itsDrop).toBeNull();
    expect(l.wires.find((w) => w.id === 'gicd-drop')?.points[0].x).toBe(440);
  });

  it('msi-nic, the first MSI: the ITS beside the Distributor, the path lit to Redistributor 0', () => {
    const l = layout('msi-nic', 150_000, 880);
    const its = l.blocks.find((b) => b.id === 'its')!;
    const dist = l.blocks.find((b) => b.id === 'distributor')!;
    expect(its).toMatchObject({ kind: 'its', y: 0, label: 'Interrupt Translation Service' });
    expect(its.x).toBeGreaterThan(dist.x + dist.w);
    expect(its.h).toBe(dist.h);
    expect(its.texts.map((t) => t.text)).toEqual([
      'ITS',
      'enabled',
      'CREADR 22 · CWRITER 22 · 22 commands',
      'DeviceID 0x8 → 4 events',
    ]);
    const path = l.wires.find((w) => w.id === 'its-path')!;
    expect(path).toMatchObject({ kind: 'msi', lit: true, arrow: true });
    expect(path.label?.text).toBe('DeviceID 0x8 EventID 0 → LPI 8192 → ICID 0');
    // the label sits inside the ITS block, the wire leaves its bottom and ends on Redistributor 0
    expect(path.label!.y).toBeLessThan(its.y + its.h);
    expect(path.label!.x).toBeGreaterThanOrEqual(its.x);
    const rd0 = l.blocks.find((b) => b.id === 'redistributor:0')!;
    expect(path.points[0]).toEqual({ x: its.x + its.w / 2, y: its.h });
    expect(path.points.at(-1)).toEqual({ x: rd0.x + rd0.w / 2, y: rd0.y });
    // idle LPIs are left out unless asked for: only the pending one, counted on the others
    const lpis = l.cells.filter((c) => c.grid.endsWith(':lpi'));
    expect(lpis.map((c) => [c.key, c.grid, c.label])).toEqual([
      ['pe0:lpi:8192', 'redistributor:0:lpi', 'LPI 8192 pending'],
    ]);
    expect(l.blocks.find((b) => b.id === 'redistributor:1')?.texts.map((t) => t.text)).toContain(
      '1 LPI, idle',
    );
    expect(l.chips.find((c) => c.key === 'pe0:lpi:8192')).toMatchObject({
      block: 'pe:0',
      mark: 'masked-by-pe',
    });
    // the token of the translation follows the drawn path
    expect(routeFor(l, ['its', 'redistributor:0'], 'its-translated', false)).toEqual(path.points);
  });

  it('msi-nic, acknowledged: LPI 8192 in service, in PE 0’s handler stack, the path still lit', () => {
    const l = layout('msi-nic', 150_100, 880);
    expect(l.cells.find((c) => c.key === 'pe0:lpi:8192')?.label).toBe('LPI 8192 in service');
    expect(l.boxes.find((b) => b.id === 'frame:0:0')?.text.text).toBe('IRQ 8192 eth0-rx-0');
    expect(l.wires.find((w) => w.id === 'its-path')?.lit).toBe(true);
    // handled: the path is dark, the ITS says what it did last
    const after = layout('msi-nic', 160_000, 880);
    expect(after.wires.some((w) => w.id === 'its-path')).toBe(false);
    expect(after.blocks.find((b) => b.id === 'its')?.texts.at(-1)?.text).toMatch(
      /^last: Dev(iceID)? 0x8 Ev(entID)? 0 → LPI 8192 → ICID 0$/,
    );
    expect(after.cells.some((c) => c.key === 'pe0:lpi:8192')).toBe(false);
    expect(layout('msi-nic', 160_000, 880, 14, true).cells.map((c) => c.key)).toContain(
      'pe0:lpi:8192',
    );
  });

  it('its-trigger, INT after MAPD V=0: a labelled stop at the ITS, no path', () => {
    const l = layout('its-trigger', 300_100, 880);
    expect(l.wires.some((w) => w.id === 'its-path')).toBe(false);
    const stop = l.boxes.find((b) => b.kind === 'stop')!;
    expect(stop).toMatchObject({ id: 'its-stop', block: 'its' });
    expect(stop.text.text).toMatch(/^✕ INT Dev(iceID)? 0x2 Ev(entID)? 20: device not mapped$/);
  });

  it('at 390 px the ITS goes under the Distributor; the Distributor’s drop runs beside it', () => {
    const l = layout('msi-nic', 150_000, 390);
    const its = l.blocks.find((b) => b.id === 'its')!;
    const dist = l.blocks.find((b) => b.id === 'distributor')!;
    expect(its.y).toBeGreaterThan(dist.y + dist.h);
    const drop = l.wires.find((w) => w.id === 'gicd-drop')!;
    expect(drop.points[0].x).toBeLessThan(its.x);
    expect(drop.points[1].y).toBe(l.busY);
    const path = l.wires.find((w) => w.id === 'its-path')!;
    expect(path.label?.text).toBe('DeviceID 0x8 EventID 0 → LPI 8192 → ICID 0');
    // two rows joined by a trunk: Redistributor 0 is in the first, reached along the bus
    expect(l.wires.some((w) => w.id === 'trunk')).toBe(true);
    const rd0 = l.blocks.find((b) => b.id === 'redistributor:0')!;
    expect(Math.min(...path.points.map((p) => p.x))).toBe(rd0.x + rd0.w / 2);
    // PE 2 is in the second row: the token takes the trunk down
    const toPe2 = routeFor(l, ['its', 'redistributor:2'], 'its-translated', false)!;
    const rd2 = l.blocks.find((b) => b.id === 'redistributor:2')!;
    expect(toPe2.at(-1)).toEqual({ x: rd2.x + rd2.w / 2, y: rd2.y });
    expect(toPe2.some((p) => p.x === l.feeds[2][0].x && p.y > l.busY)).toBe(true);
  });

  it('exports an ITS machine as a standalone SVG too', () => {
    const svg = diagramSvg(layout('msi-nic', 150_000, 880), 'msi-nic at 150 µs');
    expect(svg).toContain('>ITS</text>');
    expect(svg).toContain('>DeviceID 0x8 EventID 0 → LPI 8192 → ICID 0</text>');
    expect(svg).toContain('>8192</text>');
    expect(svg).not.toMatch(/class=|style=|<script/);
  });
});
