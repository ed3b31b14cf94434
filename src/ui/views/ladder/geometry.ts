import type { LadderMark, LadderView } from '../../../protocol/index.ts';

export const MARK_TEXT: Readonly<Record<LadderMark, string>> = {
  'can-preempt': 'can be taken',
  'masked-by-pmr': 'masked by PMR',
  'waits-for-running-priority': 'waits for running priority',
  nmi: 'NMI',
  blocked: 'blocked',
  'masked-by-pe': 'masked at the PE',
  'behind-hppi': 'behind a higher priority',
};

export interface LadderBox {
  readonly width: number;
  readonly height: number;
  /** left edge of the scale */
  readonly scaleX: number;
  readonly margin: number;
}

export interface Rung {
  readonly intid: number;
  readonly x: number;
  readonly y: number;
  readonly mark: LadderMark;
  readonly label: string;
  readonly reason: string;
}

export interface LadderGeometry {
  readonly ticks: readonly { readonly value: number; readonly y: number; readonly label: string }[];
  /** alternating group-priority bands (binary point split) */
  readonly bands: readonly { readonly y: number; readonly height: number }[];
  readonly pmr: { readonly y: number; readonly label: string };
  readonly running: { readonly y: number; readonly label: string };
  readonly active: readonly { readonly y: number; readonly label: string }[];
  readonly rungs: readonly Rung[];
}

const hex2 = (v: number) => `0x${v.toString(16).toUpperCase().padStart(2, '0')}`;
const RUNG_SPACING = 14;

/** A vertical 0x00 (top, highest priority) … 0xFF (bottom) scale with everything placed on it. */
export function ladderGeometry(view: LadderView, box: LadderBox): LadderGeometry {
  const span = box.height - 2 * box.margin;
  const y = (priority: number) => box.margin + (priority / 0xff) * span;
  const ticks = [0x00, 0x20, 0x40, 0x60, 0x80, 0xa0, 0xc0, 0xe0, 0xff].map((value) => ({
    value,
    y: y(value),
    label: hex2(value),
  }));
  const step = (~view.groupMask & 0xff) + 1;
  const bands: { y: number; height: number }[] = [];
  for (let p = 0; p < 0x100; p += 2 * step)
    bands.push({ y: y(p), height: (Math.min(step, 0x100 - p) / 0xff) * span });
  const active = view.activeLevels.map((level) => ({
    y: y(level),
    label: `active ${hex2(level)}`,
  }));
  if (view.nmiActive) active.unshift({ y: y(0), label: 'NMI active (AP1R0.NMI)' });
  const seen = new Map<number, number>();
  const rungs = view.pending.map((p) => {
    const slot = seen.get(p.priority) ?? 0;
    seen.set(p.priority, slot + 1);
    return {
      intid: p.intid,
      x: box.scaleX + 24,
      y: y(p.priority) + slot * RUNG_SPACING,
      mark: p.mark,
      label: `INTID ${p.intid} ${hex2(p.priority)}: ${MARK_TEXT[p.mark]}`,
      reason: p.reason,
    };
  });
  return {
    ticks,
    bands,
    pmr: { y: y(view.pmr), label: `PMR ${hex2(view.pmr)}` },
    running: {
      y: y(view.runningPriority),
      label:
        view.runningPriority === 0xff
          ? 'running priority 0xFF (idle)'
          : `running priority ${hex2(view.runningPriority)}${view.runningNmi ? ' (NMI)' : ''}`,
    },
    active,
    rungs,
  };
}
