import { describe, expect, it } from 'vitest';
import { machineEngineFactory } from '../../../worker/machine-engine.ts';
import { overlaps, textBox } from '../chart/labels.ts';
import { diagramLayout } from './geometry.ts';
import { diagramInput } from './input.ts';
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
            if (a.kind === 'distributor' || b.kind === 'distributor') continue;
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
});
