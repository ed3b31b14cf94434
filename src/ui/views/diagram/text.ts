// Text measurement for the diagram without a DOM: every label is monospace (palette.ts), whose
// advance is 0.60 em in DejaVu Sans Mono, Liberation Mono and Menlo (0.55 in Consolas); 0.61
// keeps estimates on the safe side so that placed labels never overlap.

export const ADVANCE = 0.61;

export function textWidth(text: string, size: number): number {
  return [...text].length * size * ADVANCE;
}

/** The first variant that fits in `width`, else the last one cut with an ellipsis. */
export function fit(variants: readonly string[], width: number, size: number): string {
  for (const v of variants) if (textWidth(v, size) <= width) return v;
  const last = variants[variants.length - 1] ?? '';
  const chars = Math.max(1, Math.floor(width / (size * ADVANCE)) - 1);
  return [...last].length > chars ? `${[...last].slice(0, chars).join('')}…` : last;
}
