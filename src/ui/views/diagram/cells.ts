import type { InterruptView, NmiKind } from '../../../protocol/index.ts';
import { cellLabel, hex2, nmiKindOf, STATE_GLYPH } from '../../format.ts';
import { ADVANCE } from './text.ts';
import type { CellItem, DiagramStory, GridItem } from './types.ts';

export interface Metrics {
  /** body text (cell numbers, titles) */
  readonly f: number;
  /** the smallest text: glyphs, wire labels, chips (never under 12 px) */
  readonly small: number;
  readonly pad: number;
  readonly gap: number;
  readonly line: number;
}

export function metrics(fontSize: number): Metrics {
  const f = Math.max(14, fontSize);
  const small = Math.max(12, Math.round((f * 6) / 7));
  return {
    f,
    small,
    pad: Math.round(f * 0.45),
    gap: Math.round(f * 0.22),
    line: Math.round(f * 1.4),
  };
}

/** A cell's size: room for its number and a corner flag on top, the state glyph below. */
export function cellSize(m: Metrics, digits: number): { w: number; h: number } {
  const number = digits * m.f * ADVANCE;
  const glyph = 3 * m.small * ADVANCE;
  const flag = m.small * 0.7;
  return {
    w: Math.ceil(Math.max(number + flag + 6, glyph + 8)),
    h: Math.ceil(m.f + m.small + 12),
  };
}

const TRIGGER = { edge: 'edge', level: 'level' } as const;

function title(i: InterruptView, nmiKind: NmiKind | null): string {
  return [
    cellLabel(i, nmiKind),
    `priority ${hex2(i.priority)}`,
    i.group.toUpperCase(),
    TRIGGER[i.trigger],
    ...(i.pe !== null && i.class === 'spi'
      ? [`routed to PE ${i.pe}${i.oneOfN ? ' (1-of-N)' : ''}`]
      : []),
    ...(i.name ? [i.name] : []),
  ].join(' · ');
}

/**
 * Cells in rows inside a box of `width` starting at (x, y); returns them, the grid (one tab stop,
 * arrows inside) and the height used.
 */
export function layoutCells(
  interrupts: readonly InterruptView[],
  grid: { readonly id: string; readonly label: string },
  box: { readonly x: number; readonly y: number; readonly width: number },
  m: Metrics,
  context: {
    readonly pseudoNmiPriority: number | null;
    readonly selectedKey: string | null;
    readonly story: DiagramStory;
  },
): {
  cells: CellItem[];
  grid: GridItem;
  height: number;
  /** the free room right of the last cell (for a note), baseline y */
  rest: { x: number; y: number; width: number };
} {
  const digits = Math.max(2, ...interrupts.map((i) => String(i.intid).length));
  const size = cellSize(m, digits);
  const columns = Math.max(1, Math.floor((box.width + m.gap) / (size.w + m.gap)));
  const cells = interrupts.map((i, index): CellItem => {
    const row = Math.floor(index / columns);
    const col = index % columns;
    const x = box.x + col * (size.w + m.gap);
    const y = box.y + row * (size.h + m.gap);
    const nmiKind = nmiKindOf(i, context.pseudoNmiPriority);
    const glyph = STATE_GLYPH[i.state] || (i.enabled ? '' : 'off');
    return {
      key: i.key,
      intid: i.intid,
      pe: i.pe,
      x,
      y,
      w: size.w,
      h: size.h,
      state: i.state,
      enabled: i.enabled,
      group: i.group,
      nmiKind,
      selected: context.selectedKey === i.key,
      story:
        context.story.chosenKey === i.key
          ? 'chosen'
          : context.story.nextKey === i.key
            ? 'next'
            : null,
      number: {
        x: x + 4,
        y: y + 4 + m.f * 0.85,
        text: String(i.intid),
        size: m.f,
        bold: true,
        anchor: 'start',
        tone: 'text',
      },
      glyph: glyph
        ? {
            x: x + size.w / 2,
            y: y + size.h - 5,
            text: glyph,
            size: m.small,
            bold: glyph !== 'off',
            anchor: 'middle',
            tone: i.state === 'inactive' ? 'muted' : 'text',
          }
        : null,
      label:
        cellLabel(i, nmiKind) +
        (context.story.chosenKey === i.key
          ? ', last injected NMI'
          : context.story.nextKey === i.key
            ? ', next NMI candidate'
            : ''),
      title: title(i, nmiKind),
      grid: grid.id,
      row,
      col,
    };
  });
  const rows = Math.ceil(interrupts.length / columns);
  const last = cells[cells.length - 1];
  const rest = last
    ? {
        x: last.x + last.w + m.gap * 2,
        y: last.y + last.h / 2 + m.small * 0.36,
        width: box.x + box.width - (last.x + last.w + m.gap * 2),
      }
    : { x: box.x, y: box.y + m.small, width: box.width };
  return {
    cells,
    grid: { ...grid, keys: cells.map((c) => c.key), columns },
    height: rows === 0 ? 0 : rows * size.h + (rows - 1) * m.gap,
    rest,
  };
}
