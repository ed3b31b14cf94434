// The diagram's colours, shared by the page and the standalone SVG export so that an exported
// picture looks like the screen. Text tones keep >= 4.5:1 against the block fill (WCAG AA).

export const PALETTE = {
  background: '#0f1419',
  block: '#171e26',
  blockSelected: '#1c2733',
  border: '#3a4856',
  borderSelected: '#4aa3ff',
  text: '#e6edf3',
  muted: '#9aa7b4',
  accent: '#4aa3ff',
  pending: '#f5a524',
  pendingFill: '#3d2c0b',
  active: '#3fb950',
  activeFill: '#12361d',
  nmi: '#ff5c7a',
  nmiFill: '#45111d',
  warn: '#f0883e',
  wire: '#4b5866',
  cellFill: '#1e2731',
  cellBorder: '#5a6876',
} as const;

export type Tone = 'text' | 'muted' | 'accent' | 'pending' | 'active' | 'nmi' | 'warn';

export const TONE: Readonly<Record<Tone, string>> = {
  text: PALETTE.text,
  muted: PALETTE.muted,
  accent: PALETTE.accent,
  pending: PALETTE.pending,
  active: PALETTE.active,
  nmi: PALETTE.nmi,
  warn: PALETTE.warn,
};

/** One font for every label of the diagram: monospace, so widths are known without a DOM. */
export const DIAGRAM_FONT = "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace";

/** Body text of the diagram in px: 14 on a desk, 28 in presenter mode (its smallest text 24). */
export const DIAGRAM_FONT_SIZE = { normal: 14, presenter: 28 } as const;
