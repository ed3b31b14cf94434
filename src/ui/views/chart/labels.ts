// Label placement for the charts: a label is drawn only where it overlaps no label already
// placed, so no two texts of a chart ever sit on each other. Widths are estimated for the
// charts' monospace font (see diagram/text.ts), so placement needs no DOM.
import { textWidth } from '../diagram/text.ts';

export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The box of a text at (x, baseline y), anchored start/middle/end. */
export function textBox(
  text: string,
  x: number,
  y: number,
  size: number,
  anchor: 'start' | 'middle' | 'end' = 'start',
): LabelBox {
  const w = textWidth(text, size);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return { x: left, y: y - size * 0.8, w, h: size };
}

export class LabelPlacer {
  readonly #placed: LabelBox[] = [];

  constructor(private readonly margin = 2) {}

  /** Reserves the box if it is free; false when it would overlap a placed label. */
  place(box: LabelBox): boolean {
    const m = this.margin;
    const padded = { x: box.x - m, y: box.y - m, w: box.w + 2 * m, h: box.h + 2 * m };
    if (this.#placed.some((p) => overlaps(p, padded))) return false;
    this.#placed.push(box);
    return true;
  }

  /** The first of the candidate boxes that is free (reserved), or null. */
  placeFirst(candidates: readonly LabelBox[]): LabelBox | null {
    for (const box of candidates) if (this.place(box)) return box;
    return null;
  }
}

/**
 * Vertical positions for labels wanted at `ys` (in order), at least `gap` apart, kept inside
 * [min, max]: each keeps its wanted place when it can and is pushed down (then up) when not.
 */
export function spreadVertically(
  ys: readonly number[],
  gap: number,
  min: number,
  max: number,
): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = new Array<number>(ys.length);
  let last = -Infinity;
  for (const { y, i } of order) {
    const placed = Math.max(y, last + gap, min);
    out[i] = placed;
    last = placed;
  }
  // pushed past the bottom: shift the tail up, keeping the gaps
  let limit = max;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k].i;
    if (out[i] > limit) out[i] = limit;
    limit = out[i] - gap;
  }
  return out;
}
