import { boxPaint, cellPaint, chipPaint, textFill, wirePaint, type Stroke } from './paint.ts';
import { DIAGRAM_FONT, PALETTE } from './palette.ts';
import type { DiagramLayout, Point, TextItem } from './types.ts';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const n = (v: number) => String(Math.round(v * 10) / 10);

function strokeAttrs(s: Stroke): string {
  return `stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}`;
}

function textSvg(t: TextItem): string {
  return `<text x="${n(t.x)}" y="${n(t.y)}" font-size="${n(t.size)}"${t.bold ? ' font-weight="700"' : ''}${t.anchor !== 'start' ? ` text-anchor="${t.anchor}"` : ''} fill="${textFill(t)}">${escape(t.text)}</text>`;
}

/** A wire with some length (a label-only wire has two equal points). */
export function isPath(points: readonly Point[]): boolean {
  return (
    points.length > 2 ||
    (points.length === 2 && (points[0].x !== points[1].x || points[0].y !== points[1].y))
  );
}

export function polyline(points: readonly Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join(' ');
}

/**
 * The diagram as a standalone SVG document (no stylesheet, no script): every colour and font is
 * an attribute, so it opens the same in a browser, Inkscape or a slide. `title` becomes its
 * <title> (e.g. the scenario and the moment).
 */
export function diagramSvg(layout: DiagramLayout, title = 'gicscope: GICv3 block diagram'): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${escape(DIAGRAM_FONT)}">`,
    `<title>${escape(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="context-stroke"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${PALETTE.background}"/>`,
  ];
  // wires first: the blocks hide the parts that run inside them (a wire under a component)
  for (const w of layout.wires)
    if (isPath(w.points))
      out.push(
        `<path d="${polyline(w.points)}" fill="none" ${strokeAttrs(wirePaint(w))}${w.arrow ? ' marker-end="url(#arrow)"' : ''}/>`,
      );
  for (const b of layout.blocks)
    out.push(
      `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="6" fill="${b.selected ? PALETTE.blockSelected : PALETTE.block}" stroke="${b.selected ? PALETTE.borderSelected : PALETTE.border}" stroke-width="${b.selected ? 2 : 1}"/>`,
      ...b.texts.map(textSvg),
    );
  for (const w of layout.wires) if (w.label) out.push(textSvg(w.label));
  for (const bar of layout.bars) {
    const s = `stroke="${bar.kind === 'pmr' ? PALETTE.pending : PALETTE.accent}" stroke-width="${bar.kind === 'pmr' ? 4 : 2}"`;
    if (bar.open) {
      const half = 9;
      out.push(
        `<path d="M${n(bar.x1)} ${n(bar.y)} L${n(bar.gapX - half)} ${n(bar.y)} M${n(bar.gapX + half)} ${n(bar.y)} L${n(bar.x2)} ${n(bar.y)}" ${s}/>`,
      );
    } else out.push(`<path d="M${n(bar.x1)} ${n(bar.y)} L${n(bar.x2)} ${n(bar.y)}" ${s}/>`);
    out.push(textSvg(bar.label));
  }
  for (const c of layout.cells) {
    const p = cellPaint(c);
    out.push(
      `<g opacity="${p.opacity}"><rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.w)}" height="${n(c.h)}" rx="4" fill="${p.fill}" ${strokeAttrs(p)}/>`,
    );
    if (p.inner)
      out.push(
        `<rect x="${n(c.x + 4)}" y="${n(c.y + 4)}" width="${n(c.w - 8)}" height="${n(c.h - 8)}" rx="2" fill="none" ${strokeAttrs(p.inner)}/>`,
      );
    if (p.flag) {
      const s = Math.round(c.h * 0.32);
      out.push(
        `<path d="M${n(c.x + c.w - s - 2)} ${n(c.y + 2)} L${n(c.x + c.w - 2)} ${n(c.y + 2)} L${n(c.x + c.w - 2)} ${n(c.y + s + 2)} z" fill="${p.flag === 'filled' ? PALETTE.nmi : 'none'}" stroke="${PALETTE.nmi}" stroke-width="1.5"/>`,
      );
    }
    if (c.story)
      out.push(
        `<rect x="${n(c.x - 4)}" y="${n(c.y - 4)}" width="${n(c.w + 8)}" height="${n(c.h + 8)}" rx="6" fill="none" stroke="${PALETTE.nmi}" stroke-width="2.5"${c.story === 'next' ? ' stroke-dasharray="4 3"' : ''}/>`,
      );
    if (c.selected)
      out.push(
        `<rect x="${n(c.x - 2)}" y="${n(c.y - 2)}" width="${n(c.w + 4)}" height="${n(c.h + 4)}" rx="5" fill="none" stroke="${PALETTE.accent}" stroke-width="2"/>`,
      );
    out.push(textSvg(c.number));
    if (c.glyph) out.push(textSvg(c.glyph));
    out.push('</g>');
  }
  for (const chip of layout.chips) {
    const p = chipPaint(chip.mark);
    out.push(
      `<rect x="${n(chip.x)}" y="${n(chip.y)}" width="${n(chip.w)}" height="${n(chip.h)}" rx="3" fill="${p.fill}" ${strokeAttrs(p)}/>`,
      textSvg(chip.text),
    );
  }
  for (const box of layout.boxes) {
    const p = boxPaint(box);
    out.push(
      `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="3" fill="${p.fill}" ${p.stroke === 'none' ? '' : strokeAttrs(p)}/>`,
      textSvg(box.text),
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
