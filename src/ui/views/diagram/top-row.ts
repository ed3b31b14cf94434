import { layoutCells, type Metrics } from './cells.ts';
import { text, type Draw } from './draw.ts';
import { itsSection } from './its-block.ts';
import { fit, textWidth } from './text.ts';
import type { DiagramInput, TextItem } from './types.ts';

/** The Distributor keeps at least this many body-text ems beside the ITS; narrower, they stack. */
const MIN_DISTRIBUTOR_EMS = 16;

function distributor(
  draw: Draw,
  input: DiagramInput,
  m: Metrics,
  width: number,
  minHeight: number,
): number {
  const inner = { x: m.pad, w: width - 2 * m.pad };
  const title = 'Distributor';
  const used = textWidth(`${title} `, m.f);
  const inUse = input.spis.length;
  const sub = fit(
    [
      `GICD · ${input.spiCount} SPIs, ${inUse} shown`,
      `${input.spiCount} SPIs, ${inUse} shown`,
      `${inUse}/${input.spiCount} SPIs`,
    ],
    inner.w - used,
    m.small,
  );
  const texts = [text(inner.x, m.pad + m.f * 0.9, title, m.f, { bold: true })];
  if (textWidth(sub, m.small) <= inner.w - used)
    texts.push(text(inner.x + used, m.pad + m.f * 0.9, sub, m.small, { tone: 'muted' }));
  const cellsY = m.pad + m.line;
  const laid = layoutCells(
    input.spis,
    { id: 'distributor', label: 'Distributor SPIs' },
    { x: inner.x, y: cellsY, width: inner.w },
    m,
    input,
  );
  draw.cells.push(...laid.cells);
  if (laid.cells.length) draw.grids.push(laid.grid);
  let bottom = cellsY + laid.height;
  if (input.hiddenSpis > 0) {
    const note =
      inUse === 0
        ? [`all ${input.hiddenSpis} SPIs idle and disabled`, `${input.hiddenSpis} idle SPIs`]
        : [`+${input.hiddenSpis} idle SPIs not shown`, `+${input.hiddenSpis} idle`];
    if (inUse > 0 && textWidth(note[note.length - 1], m.small) <= laid.rest.width)
      texts.push(
        text(laid.rest.x, laid.rest.y, fit(note, laid.rest.width, m.small), m.small, {
          tone: 'muted',
        }),
      );
    else {
      bottom += m.line;
      texts.push(
        text(inner.x, bottom - m.line * 0.25, fit(note, inner.w, m.small), m.small, {
          tone: 'muted',
        }),
      );
    }
  }
  const height = Math.max(bottom + m.pad, minHeight);
  draw.blocks.push({
    id: 'distributor',
    kind: 'distributor',
    pe: null,
    x: 0,
    y: 0,
    w: width,
    h: height,
    label: 'Distributor',
    selected: false,
    texts,
  });
  draw.anchor('distributor', width / 2, 0, height);
  return height;
}

/** Where the top row's sources meet the bus, and the ITS's last translation label. */
export interface TopRow {
  /** the bottom of the top row (the bus runs under it) */
  readonly bottom: number;
  /** the Distributor's way down to the bus: from (x, top) */
  readonly distributorDrop: { readonly x: number; readonly top: number };
  /** the ITS's way down: from (x, top); null without an ITS */
  readonly itsDrop: { readonly x: number; readonly top: number } | null;
  readonly itsLabel: TextItem | null;
}

/**
 * The sources of interrupts on top: the Distributor (SPIs) and, when the GIC has one, the ITS
 * (MSIs → LPIs) beside it at the right, both as tall as the taller. Too narrow for both side by
 * side, the ITS goes under the Distributor, leaving a gutter at the left for the Distributor's
 * way down to the bus.
 */
export function topRow(draw: Draw, input: DiagramInput, m: Metrics, width: number): TopRow {
  const its = input.its;
  if (its === null) {
    const h = distributor(draw, input, m, width, 0);
    return { bottom: h, distributorDrop: { x: width / 2, top: h }, itsDrop: null, itsLabel: null };
  }
  const gap = Math.round(m.pad * 1.5);
  const itsW = Math.round(Math.min(30 * m.f, Math.max(18 * m.f, width * 0.4)));
  if (width - itsW - gap >= MIN_DISTRIBUTOR_EMS * m.f) {
    const x = width - itsW;
    const section = itsSection(its, x, itsW, m);
    const h = distributor(draw, input, m, x - gap, section.height);
    const itsLabel = section.place(draw, 0, h);
    return {
      bottom: h,
      distributorDrop: { x: (x - gap) / 2, top: h },
      itsDrop: { x: x + itsW / 2, top: h },
      itsLabel,
    };
  }
  const gutter = m.pad * 2;
  const dh = distributor(draw, input, m, width, 0);
  const y = dh + m.gap * 2;
  const section = itsSection(its, gutter, width - gutter, m);
  const itsLabel = section.place(draw, y, section.height);
  const bottom = y + section.height;
  return {
    bottom,
    distributorDrop: { x: gutter / 2, top: dh },
    itsDrop: { x: gutter + (width - gutter) / 2, top: bottom },
    itsLabel,
  };
}
