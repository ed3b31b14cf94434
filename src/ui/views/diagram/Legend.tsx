import { MARK_SYMBOL } from './column.ts';
import { cellPaint } from './paint.ts';
import { PALETTE } from './palette.ts';
import type { CellItem } from './types.ts';

const sample = (over: Partial<CellItem>): CellItem => ({
  key: 'legend',
  intid: 0,
  pe: null,
  x: 0,
  y: 0,
  w: 0,
  h: 0,
  state: 'inactive',
  enabled: true,
  group: 'g1ns',
  nmiKind: null,
  selected: false,
  story: null,
  number: { x: 0, y: 0, text: '', size: 14, bold: false, anchor: 'start', tone: 'text' },
  glyph: null,
  label: '',
  title: '',
  grid: '',
  row: 0,
  col: 0,
  ...over,
});

function Swatch({ cell, glyph }: { readonly cell: CellItem; readonly glyph: string }) {
  const p = cellPaint(cell);
  return (
    <svg width="34" height="26" viewBox="0 0 34 26" aria-hidden="true" className="swatch">
      <rect
        x="2"
        y="2"
        width="30"
        height="22"
        rx="3"
        fill={p.fill}
        stroke={p.stroke}
        strokeWidth={p.strokeWidth}
        strokeDasharray={p.dash ?? undefined}
      />
      {p.inner && (
        <rect
          x="6"
          y="6"
          width="22"
          height="14"
          rx="2"
          fill="none"
          stroke={p.inner.stroke}
          strokeWidth={p.inner.strokeWidth}
        />
      )}
      {p.flag && (
        <path
          d="M22 3 L31 3 L31 12 z"
          fill={p.flag === 'filled' ? PALETTE.nmi : 'none'}
          stroke={PALETTE.nmi}
          strokeWidth="1.5"
        />
      )}
      {cell.story && (
        <rect
          x="0.5"
          y="0.5"
          width="33"
          height="25"
          rx="4"
          fill="none"
          stroke={PALETTE.nmi}
          strokeWidth="2"
          strokeDasharray={cell.story === 'next' ? '4 3' : undefined}
        />
      )}
      <text x="17" y="18" textAnchor="middle" fontSize="12" fontWeight="700" fill={PALETTE.text}>
        {glyph}
      </text>
    </svg>
  );
}

const CELLS: readonly [Partial<CellItem>, string, string][] = [
  [{ state: 'pending' }, 'P', 'pending (dashed)'],
  [{ state: 'active' }, 'A', 'active (solid)'],
  [{ state: 'active-pending' }, 'A+P', 'active and pending (double)'],
  [{ enabled: false }, 'off', 'disabled (dotted)'],
  [{ nmiKind: 'pseudo' }, '', 'pseudo-NMI: an NMI by priority (Linux), hollow corner'],
  [{ nmiKind: 'architected' }, '', 'NMI by property (GICv3.3 non-maskable), filled corner'],
  [{ story: 'chosen' }, '', 'the NMI just injected (solid ring)'],
  [{ story: 'next' }, '', 'the next NMI candidate (dashed ring)'],
];

const CHIPS: readonly [keyof typeof MARK_SYMBOL, string][] = [
  ['masked-by-pmr', 'held back by PMR (priority ≥ PMR)'],
  ['waits-for-running-priority', 'waits for the running priority to drop'],
  ['behind-hppi', 'behind a higher-priority pending interrupt'],
  ['blocked', 'blocked: a group disabled, or the Redistributor asleep'],
  ['masked-by-pe', 'masked at the PE by PSTATE.I/F/ALLINT'],
];

/** What every mark of the diagram means (state never by colour alone). */
export function Legend() {
  return (
    <details className="legend">
      <summary>Legend</summary>
      <ul className="legend-list" aria-label="Legend">
        {CELLS.map(([over, glyph, text]) => (
          <li key={text}>
            <Swatch cell={sample(over)} glyph={glyph} /> {text}
          </li>
        ))}
        {CHIPS.map(([mark, text]) => (
          <li key={mark}>
            <span className={`chip-sample mark-${mark}`} aria-hidden="true">
              {MARK_SYMBOL[mark]}
            </span>{' '}
            {text}
          </li>
        ))}
        <li>
          <span className="wire-sample lit" aria-hidden="true" /> a wire that carries something; IRQ
          ▲ = the line is asserted
        </li>
        <li>
          <span className="wire-sample story" aria-hidden="true" /> the NMI&apos;s way to its PE
        </li>
        <li>
          <span className="gate-sample" aria-hidden="true" /> PMR: the CPU interface&apos;s gate;
          running priority below it
        </li>
      </ul>
    </details>
  );
}
