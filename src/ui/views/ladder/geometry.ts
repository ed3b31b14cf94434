import type { LadderMark, LadderView } from '../../../protocol/index.ts';
import { hex2, nmiText } from '../../format.ts';
import { spreadVertically } from '../chart/labels.ts';
import { fit, textWidth } from '../diagram/text.ts';

export const MARK_TEXT: Readonly<Record<LadderMark, string>> = {
  'can-preempt': 'can be taken',
  'masked-by-pmr': 'masked by PMR',
  'waits-for-running-priority': 'waits for the running priority',
  nmi: 'NMI: superpriority',
  blocked: 'blocked',
  'masked-by-pe': 'masked at the PE (PSTATE)',
  'behind-hppi': 'behind a higher priority',
};

/** The verdict in the chart's few words (the list under it says it in full). */
export const MARK_SHORT: Readonly<Record<LadderMark, string>> = {
  'can-preempt': 'can be taken',
  'masked-by-pmr': 'masked by PMR',
  'waits-for-running-priority': 'waits for RPR',
  nmi: 'NMI, superpriority',
  blocked: 'blocked',
  'masked-by-pe': 'masked by PSTATE',
  'behind-hppi': 'behind the HPPI',
};

/** Ladder text size (px, monospace). */
export const LADDER_TEXT = 13;
const GAP = LADDER_TEXT + 5;

export interface LadderLabel {
  readonly key: string;
  /** where on the scale it belongs */
  readonly at: number;
  /** where its text sits (baseline), after spreading */
  readonly y: number;
  readonly x: number;
  readonly text: string;
  readonly cls: string;
}

export interface LadderGeometry {
  readonly width: number;
  readonly height: number;
  readonly scaleX: number;
  readonly scaleTop: number;
  readonly scaleBottom: number;
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  /** alternating group-priority bands (the binary point split) */
  readonly bands: readonly { readonly y: number; readonly height: number }[];
  /** PMR, running priority and active levels: a line on the scale and a label beside it */
  readonly marks: readonly (LadderLabel & { readonly kind: 'pmr' | 'running' | 'active' })[];
  /** pending interrupts at their priority, with the explainer's verdict */
  readonly rungs: readonly (LadderLabel & { readonly intid: number; readonly mark: LadderMark })[];
}

/**
 * The priority ladder of one CPU interface: a vertical 0x00 (top, highest) … 0xFF scale, the
 * PMR, running priority and active levels in one column beside it, the pending interrupts in
 * the next, each label spread so that none overlaps another and joined to its place by a leader.
 */
export function ladderGeometry(view: LadderView, width: number): LadderGeometry {
  const scaleX = Math.ceil(textWidth('0xFF', LADDER_TEXT)) + 10;
  const markX = scaleX + 40;
  const markTexts = [
    `PMR ${hex2(view.pmr)}`,
    view.runningPriority === 0xff
      ? 'running idle (0xFF)'
      : `running ${hex2(view.runningPriority)}${view.runningNmi ? ' NMI' : ''}`,
  ];
  const markW = Math.max(
    ...markTexts.map((t) => textWidth(t, LADDER_TEXT)),
    textWidth('active 0x00', LADDER_TEXT),
  );
  const rungX = markX + markW + 28;
  const rows = Math.max(view.pending.length, 4 + view.activeLevels.length);
  const top = 12;
  const span = Math.max(256, rows * GAP);
  const bottom = top + span;
  const y = (p: number) => top + (p / 0xff) * span;

  const ticks = [0x00, 0x20, 0x40, 0x60, 0x80, 0xa0, 0xc0, 0xe0, 0xff].map((v) => ({
    y: y(v) + LADDER_TEXT * 0.35,
    label: hex2(v),
  }));
  const step = (~view.groupMask & 0xff) + 1;
  const bands: { y: number; height: number }[] = [];
  for (let p = 0; p < 0x100; p += 2 * step)
    bands.push({ y: y(p), height: (Math.min(step, 0x100 - p) / 0xff) * span });

  // the running priority and an active level at the same value are one fact: one label
  const active = view.activeLevels.filter((l) => l !== view.runningPriority);
  const wanted: { key: string; at: number; text: string; kind: 'pmr' | 'running' | 'active' }[] = [
    { key: 'pmr', at: view.pmr, text: markTexts[0], kind: 'pmr' },
    {
      key: 'running',
      at: view.runningPriority,
      text: view.activeLevels.includes(view.runningPriority)
        ? `${markTexts[1]} (active)`
        : markTexts[1],
      kind: 'running',
    },
    ...(view.nmiActive
      ? [{ key: 'nmi', at: 0, text: 'NMI active (AP1R0.NMI)', kind: 'active' as const }]
      : []),
    ...active.map((l) => ({
      key: `active${l}`,
      at: l,
      text: `active ${hex2(l)}`,
      kind: 'active' as const,
    })),
  ];
  const markYs = spreadVertically(
    wanted.map((w) => y(w.at) + LADDER_TEXT * 0.35),
    GAP,
    top + LADDER_TEXT,
    bottom + LADDER_TEXT * 0.35,
  );
  const marks = wanted.map((w, i) => ({ ...w, y: markYs[i], x: markX, cls: `mark ${w.kind}` }));

  const rungYs = spreadVertically(
    view.pending.map((p) => y(p.priority) + LADDER_TEXT * 0.35),
    GAP,
    top + LADDER_TEXT,
    bottom + LADDER_TEXT * 0.35,
  );
  const rungs = view.pending.map((p, i) => ({
    key: `rung${p.intid}`,
    intid: p.intid,
    mark: p.mark,
    at: p.priority,
    y: rungYs[i],
    x: rungX,
    text: fit(
      [
        `INTID ${p.intid} ${hex2(p.priority)}${p.nmiKind ? ` (${p.nmiKind === 'pseudo' ? 'pseudo-NMI' : 'NMI'})` : ''}: ${MARK_SHORT[p.mark]}`,
        `${p.intid} ${hex2(p.priority)}: ${MARK_SHORT[p.mark]}`,
      ],
      width - rungX - 4,
      LADDER_TEXT,
    ),
    cls: `rung ${p.mark}`,
  }));
  return {
    width,
    height: bottom + 16,
    scaleX,
    scaleTop: top,
    scaleBottom: bottom,
    ticks,
    bands,
    marks,
    rungs,
  };
}

/** "INTID 33 0x80 (pseudo-NMI, priority 0x80)" for the list under the chart. */
export function rungNmi(p: LadderView['pending'][number]): string {
  return p.nmiKind ? nmiText(p.nmiKind, p.priority) : '';
}
