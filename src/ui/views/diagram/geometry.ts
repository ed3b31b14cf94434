import { hex2 } from '../../format.ts';
import { metrics, type Metrics } from './cells.ts';
import {
  cpuSection,
  peSection,
  redistributorSection,
  type ColumnBox,
  type Section,
} from './column.ts';
import { Draw, text } from './draw.ts';
import { fit } from './text.ts';
import { topRow } from './top-row.ts';
import type { DiagramInput, DiagramLayout, DiagramPe, Point, WireItem } from './types.ts';

/** A PE column is never narrower than this many body-text ems; narrower screens wrap to rows. */
export const MIN_COLUMN_EMS = 11;

interface Column {
  readonly pe: DiagramPe;
  readonly box: ColumnBox;
  readonly sections: readonly Section[];
}

const LINE_KINDS = ['irq', 'fiq', 'nmi'] as const;

function wire(
  id: string,
  kind: WireItem['kind'],
  points: readonly Point[],
  options: Partial<Pick<WireItem, 'lit' | 'story' | 'arrow' | 'label'>> = {},
): WireItem {
  return {
    id,
    kind,
    points,
    lit: options.lit ?? false,
    story: options.story ?? false,
    arrow: options.arrow ?? false,
    label: options.label ?? null,
  };
}

/**
 * From a source's drop along the bus into a feed: a target in the first row is reached along the
 * bus itself, not by the trunk's detour to the left edge and back.
 */
export function viaBus(
  drop: readonly Point[],
  feed: readonly Point[] | undefined,
  busY: number,
): Point[] {
  if (!feed) return [...drop];
  // the first row's bus may sit a pixel off busY (rounding of half the gap)
  const k = Math.max(
    0,
    feed.findLastIndex((p) => Math.abs(p.y - busY) <= 1),
  );
  const end = drop[drop.length - 1];
  return [...drop.slice(0, -1), { x: end.x, y: feed[k].y }, ...feed.slice(k)];
}

/**
 * The way the NMI story's interrupt took while it is live: from its cell over the bus (an SPI) to
 * its Redistributor, the CPU interface and down the line into the PE (the NMI line for an
 * architected NMI, IRQ for a pseudo-NMI). Drawn under the blocks, so it shows in the gaps.
 */
function storyPath(
  draw: Draw,
  input: DiagramInput,
  columns: readonly Column[],
  feeds: Readonly<Record<number, readonly Point[]>>,
  busY: number,
  m: Metrics,
): WireItem | null {
  const { story } = input;
  if (!story.live || story.chosenKey === null || story.targetPe === null) return null;
  const cell = draw.cells.find((c) => c.key === story.chosenKey);
  const column = columns.find((c) => c.pe.cpu.pe === story.targetPe);
  const peBlock = draw.blocks.find((b) => b.id === `pe:${story.targetPe}`);
  const cpuBlock = draw.blocks.find((b) => b.id === `cpu:${story.targetPe}`);
  if (!cell || !column || !peBlock || !cpuBlock) return null;
  const x = column.box.x + column.box.w / 2 + m.gap * 3;
  const lineX =
    column.box.x + (column.box.w * (cell.nmiKind === 'architected' ? 3 : 1)) / 4 + m.gap * 2;
  const start = { x: cell.x + cell.w / 2, y: cell.y + cell.h / 2 };
  const head =
    cell.grid === 'distributor'
      ? [
          start,
          { x: start.x, y: busY },
          ...(feeds[story.targetPe] ?? []).map((p, i, all) =>
            i === all.length - 1 ? { x, y: p.y } : i === all.length - 2 ? { x, y: p.y } : p,
          ),
        ]
      : [start];
  return wire(
    'story',
    'spi',
    [
      ...head,
      { x, y: cpuBlock.y + cpuBlock.h / 2 },
      { x: lineX, y: cpuBlock.y + cpuBlock.h / 2 },
      { x: lineX, y: peBlock.y },
    ],
    { lit: true, story: true, arrow: true },
  );
}

/**
 * The GIC as engineers draw it: the Distributor on top, an SPI bus under it, then one column
 * per PE — Redistributor, CPU interface (its PMR gate and running priority), PE (PSTATE and its
 * handler stack) — joined by wires that light when they carry something. Pure: the same layout
 * feeds the page (Diagram.tsx) and the standalone SVG export (svg.ts).
 *
 * With an ITS, it sits beside the Distributor (top-row.ts): its drop joins the same bus and
 * `feeds`, and the last translation's path (`its-path`) is lit to its Redistributor while the
 * LPI it made lives.
 */
export function diagramLayout(input: DiagramInput): DiagramLayout {
  const m = metrics(input.fontSize);
  const draw = new Draw();
  const width = Math.max(12 * m.f, Math.floor(input.width));
  const row = topRow(draw, input, m, width);
  const top = row.bottom;

  const n = input.pes.length;
  const gapX = Math.round(m.pad * 1.5);
  const minCol = m.f * MIN_COLUMN_EMS;
  const cols = Math.max(1, Math.min(n, Math.floor((width + gapX) / (minCol + gapX))));
  const rows = Math.ceil(n / cols);
  const trunk = rows > 1 ? m.pad * 2 : 0;
  const colW = (width - trunk - (cols - 1) * gapX) / cols;
  const busGap = Math.round(m.line * 1.25);
  const forwardGap = Math.round(m.line * 1.2);
  const linesGap = Math.round(m.line * 1.6);
  const busY = top + Math.round(busGap / 2);
  const trunkX = trunk / 2;

  const columns: Column[] = input.pes.map((pe, i) => {
    const box = { x: trunk + (i % cols) * (colW + gapX), w: colW };
    return {
      pe,
      box,
      sections: [
        redistributorSection(pe, box, m, input),
        cpuSection(pe, box, m, input),
        peSection(pe, box, m, input),
      ],
    };
  });

  const feeds: Record<number, Point[]> = {};
  let y = top;
  for (let r = 0; r < rows; r++) {
    const line = columns.slice(r * cols, (r + 1) * cols);
    const rowTop = y + busGap;
    const rowBus = rowTop - Math.round(busGap / 2);
    const heights = [0, 1, 2].map((s) => Math.max(...line.map((c) => c.sections[s].height)));
    const tops = [rowTop, rowTop + heights[0] + forwardGap];
    tops.push(tops[1] + heights[1] + linesGap);
    for (const c of line) {
      c.sections.forEach((section, s) => section.place(draw, tops[s]));
      const pe = c.pe.cpu.pe;
      const x = c.box.x + c.box.w / 2;
      feeds[pe] =
        rows > 1
          ? [
              { x: trunkX, y: busY },
              { x: trunkX, y: rowBus },
              { x, y: rowBus },
              { x, y: rowTop },
            ]
          : [
              { x, y: busY },
              { x, y: rowTop },
            ];
      draw.wires.push(
        wire(`drop:${pe}`, 'bus', [
          { x, y: rowBus },
          { x, y: rowTop },
        ]),
      );
      const cpu = c.pe.cpu;
      const forwardTop = tops[0] + heights[0];
      draw.wires.push(
        wire(
          `forward:${pe}`,
          'forward',
          [
            { x, y: forwardTop },
            { x, y: tops[1] },
          ],
          {
            lit: cpu.hppi !== null,
            arrow: true,
            label: cpu.hppi
              ? text(
                  x + 6,
                  forwardTop + forwardGap / 2 + m.small * 0.36,
                  fit(
                    [
                      `INTID ${cpu.hppi.intid} @ ${hex2(cpu.hppi.priority)}`,
                      `INTID ${cpu.hppi.intid}`,
                      `${cpu.hppi.intid}`,
                    ],
                    c.box.w / 2 - 8,
                    m.small,
                  ),
                  m.small,
                  {
                    tone: 'accent',
                  },
                )
              : null,
          },
        ),
      );
      const linesTop = tops[1] + heights[1];
      LINE_KINDS.forEach((kind, k) => {
        const lx = c.box.x + (c.box.w * (k + 1)) / 4;
        const on = cpu.lines[kind];
        draw.wires.push(
          wire(
            `${kind}:${pe}`,
            kind,
            [
              { x: lx, y: linesTop },
              { x: lx, y: tops[2] },
            ],
            {
              lit: on,
              arrow: on,
              label: text(
                lx + 4,
                linesTop + linesGap / 2 + m.small * 0.36,
                `${kind.toUpperCase()}${on ? ' ▲' : ''}`,
                m.small,
                {
                  bold: on,
                  tone: on ? (kind === 'nmi' ? 'nmi' : 'pending') : 'muted',
                },
              ),
            },
          ),
        );
      });
    }
    // the first row's bus also reaches the sources' drops (the Distributor's and the ITS's)
    const xs = [
      ...line.map((c) => c.box.x + c.box.w / 2),
      ...(r === 0 ? [row.distributorDrop.x, ...(row.itsDrop ? [row.itsDrop.x] : [])] : []),
    ];
    const from = rows > 1 ? trunkX : Math.min(...xs);
    draw.wires.push(
      wire(`bus:${r}`, 'bus', [
        { x: from, y: rowBus },
        { x: Math.max(...xs), y: rowBus },
      ]),
    );
    y = tops[2] + heights[2];
  }
  draw.wires.push(
    wire('gicd-drop', 'bus', [
      { x: row.distributorDrop.x, y: row.distributorDrop.top },
      { x: row.distributorDrop.x, y: busY },
    ]),
  );
  const itsDrop = row.itsDrop
    ? [
        { x: row.itsDrop.x, y: row.itsDrop.top },
        { x: row.itsDrop.x, y: busY },
      ]
    : null;
  if (itsDrop) draw.wires.push(wire('its-drop', 'bus', itsDrop));
  // the last translation on its way: ITS → bus → the target's Redistributor, with its label
  const last = input.its?.last;
  if (itsDrop && row.itsLabel && last?.pe != null)
    draw.wires.push(
      wire('its-path', 'msi', viaBus(itsDrop, feeds[last.pe], busY), {
        lit: true,
        arrow: feeds[last.pe] !== undefined,
        label: row.itsLabel,
      }),
    );
  if (rows > 1)
    draw.wires.push(
      wire('trunk', 'bus', [
        { x: trunkX, y: busY },
        { x: trunkX, y: feeds[columns[columns.length - 1].pe.cpu.pe][1].y },
      ]),
    );

  // SPIs on their way: from the cell down to the bus and along it to the target's Redistributor
  const byPe = new Map<number, number[]>();
  for (const cell of draw.cells) {
    if (cell.grid !== 'distributor' || cell.pe === null) continue;
    if (cell.state !== 'pending' && cell.state !== 'active-pending') continue;
    const feed = feeds[cell.pe];
    if (!feed) continue;
    const x = cell.x + cell.w / 2;
    draw.wires.push(
      wire(`spi:${cell.intid}`, 'spi', [{ x, y: cell.y + cell.h }, { x, y: busY }, ...feed], {
        lit: true,
        arrow: true,
      }),
    );
    byPe.set(cell.pe, [...(byPe.get(cell.pe) ?? []), cell.intid]);
  }
  const story = storyPath(draw, input, columns, feeds, busY, m);
  if (story) draw.wires.push(story);
  for (const [pe, intids] of byPe) {
    const feed = feeds[pe];
    const end = feed[feed.length - 1];
    const label = fit([`SPI ${intids.join(', ')}`, `SPI ${intids[0]}…`], colW / 2 - 8, m.small);
    draw.wires.push(
      wire(`spi-label:${pe}`, 'spi', [end, end], {
        lit: true,
        label: text(end.x + 6, end.y - busGap / 2 - 4, label, m.small, { tone: 'pending' }),
      }),
    );
  }
  for (const cell of draw.cells)
    draw.anchor(cell.key, cell.x + cell.w / 2, cell.y, cell.y + cell.h);

  return {
    width,
    height: Math.ceil(y + 2),
    fontSize: m.f,
    blocks: draw.blocks,
    cells: draw.cells,
    grids: draw.grids,
    wires: draw.wires,
    chips: draw.chips,
    bars: draw.bars,
    boxes: draw.boxes,
    busY,
    feeds,
    itsDrop,
    anchors: draw.anchors,
  };
}
