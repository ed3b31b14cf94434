import type { LadderMark } from '../../../protocol/index.ts';
import { PALETTE, TONE } from './palette.ts';
import type { BoxItem, CellItem, TextItem, WireItem } from './types.ts';

// How each item looks, as plain attribute values: Diagram.tsx and svg.ts both paint from here,
// so the export is the picture on the screen. Every state has a non-colour cue too: a border
// pattern and a glyph for cells, a symbol for chips, solid + arrow + "▲" for a live wire.

export interface Stroke {
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly dash: string | null;
}

export interface CellPaint extends Stroke {
  readonly fill: string;
  readonly opacity: number;
  /** a second, inner border (active and pending) */
  readonly inner: Stroke | null;
  readonly flag: 'filled' | 'hollow' | null;
}

export function cellPaint(cell: CellItem): CellPaint {
  const base = {
    fill: PALETTE.cellFill,
    stroke: PALETTE.cellBorder,
    strokeWidth: 1.5,
    dash: null as string | null,
    opacity: 1,
    inner: null as Stroke | null,
    flag:
      cell.nmiKind === 'architected'
        ? ('filled' as const)
        : cell.nmiKind === 'pseudo'
          ? ('hollow' as const)
          : null,
  };
  switch (cell.state) {
    case 'pending':
      return {
        ...base,
        fill: PALETTE.pendingFill,
        stroke: PALETTE.pending,
        strokeWidth: 2.5,
        dash: '5 3',
      };
    case 'active':
      return { ...base, fill: PALETTE.activeFill, stroke: PALETTE.active, strokeWidth: 3 };
    case 'active-pending':
      return {
        ...base,
        fill: PALETTE.pendingFill,
        stroke: PALETTE.active,
        strokeWidth: 2,
        inner: { stroke: PALETTE.active, strokeWidth: 2, dash: null },
      };
    case 'inactive':
      return cell.enabled ? base : { ...base, dash: '2 3', stroke: PALETTE.border };
  }
}

export function wirePaint(wire: WireItem): Stroke {
  if (wire.story) return { stroke: PALETTE.nmi, strokeWidth: 4, dash: null };
  if (wire.lit)
    return {
      stroke:
        wire.kind === 'spi' || wire.kind === 'msi'
          ? PALETTE.pending
          : wire.kind === 'nmi'
            ? PALETTE.nmi
            : wire.kind === 'forward'
              ? PALETTE.accent
              : PALETTE.pending,
      strokeWidth: 3,
      dash: null,
    };
  return {
    stroke: PALETTE.wire,
    strokeWidth: 1.5,
    dash: wire.kind === 'bus' || wire.kind === 'forward' ? null : '4 4',
  };
}

export function chipPaint(mark: LadderMark): { fill: string } & Stroke {
  switch (mark) {
    case 'masked-by-pmr':
      return { fill: PALETTE.pendingFill, stroke: PALETTE.pending, strokeWidth: 1.5, dash: '4 2' };
    case 'waits-for-running-priority':
    case 'behind-hppi':
      return { fill: PALETTE.cellFill, stroke: PALETTE.accent, strokeWidth: 1.5, dash: '2 2' };
    case 'blocked':
    case 'masked-by-pe':
      return { fill: PALETTE.cellFill, stroke: PALETTE.warn, strokeWidth: 1.5, dash: null };
    case 'can-preempt':
    case 'nmi':
      return { fill: PALETTE.cellFill, stroke: PALETTE.active, strokeWidth: 1.5, dash: null };
  }
}

export function boxPaint(box: BoxItem): { fill: string } & Stroke {
  switch (box.kind) {
    case 'nmi':
      return { fill: PALETTE.nmiFill, stroke: PALETTE.nmi, strokeWidth: 2, dash: null };
    case 'irq':
    case 'fiq':
      return { fill: PALETTE.activeFill, stroke: PALETTE.active, strokeWidth: 1.5, dash: null };
    case 'task':
      return { fill: PALETTE.cellFill, stroke: PALETTE.border, strokeWidth: 1, dash: null };
    case 'mask-set':
      return { fill: '#3a2313', stroke: PALETTE.warn, strokeWidth: 2, dash: null };
    case 'mask-clear':
      return { fill: PALETTE.block, stroke: PALETTE.border, strokeWidth: 1, dash: '3 2' };
    case 'verdict':
      return { fill: PALETTE.nmiFill, stroke: 'none', strokeWidth: 0, dash: null };
    case 'stop':
      return { fill: '#3a2313', stroke: PALETTE.warn, strokeWidth: 2, dash: null };
  }
}

export function textFill(item: TextItem): string {
  return TONE[item.tone];
}
