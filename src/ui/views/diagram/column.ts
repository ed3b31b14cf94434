import type { GateEntryView, LadderMark } from '../../../protocol/index.ts';
import { hex2, nmiText } from '../../format.ts';
import { layoutCells, type Metrics } from './cells.ts';
import { Draw, text } from './draw.ts';
import { fit, textWidth } from './text.ts';
import type { BoxItem, ChipItem, DiagramInput, DiagramPe, TextItem } from './types.ts';

/** One part of a PE's column: its height is known first, then it is placed at `y`. */
export interface Section {
  readonly height: number;
  place(draw: Draw, y: number): void;
}

export interface ColumnBox {
  readonly x: number;
  readonly w: number;
}

const KIND_WORD = { irq: 'IRQ', fiq: 'FIQ', nmi: 'NMI' } as const;

/** Where a pending interrupt stops, by the explainer's verdict (LadderMark). */
type Stage = 'blocked' | 'pmr' | 'rpr' | 'hppi' | 'pe' | 'through';

const STAGE: Readonly<Record<LadderMark, Stage>> = {
  blocked: 'blocked',
  'masked-by-pmr': 'pmr',
  'waits-for-running-priority': 'rpr',
  'behind-hppi': 'hppi',
  'masked-by-pe': 'pe',
  'can-preempt': 'through',
  nmi: 'through',
};

/** What a chip says after its number, so a mark never depends on colour (legend in Legend.tsx). */
export const MARK_SYMBOL: Readonly<Record<LadderMark, string>> = {
  blocked: '✕',
  'masked-by-pmr': '≥',
  'waits-for-running-priority': '‖',
  'behind-hppi': '…',
  'masked-by-pe': '⊘',
  'can-preempt': '→',
  nmi: '→',
};

const MARK_WORDS: Readonly<Record<LadderMark, string>> = {
  blocked: 'blocked',
  'masked-by-pmr': 'held back by PMR',
  'waits-for-running-priority': 'waits for the running priority',
  'behind-hppi': 'behind a higher priority',
  'masked-by-pe': 'masked at the PE',
  'can-preempt': 'passes',
  nmi: 'passes (superpriority)',
};

/** The chip's words when there is room: "27 0xC0 ≥ PMR". */
const MARK_TAIL: Readonly<Record<LadderMark, string>> = {
  blocked: '✕ off',
  'masked-by-pmr': '≥ PMR',
  'waits-for-running-priority': '‖ RPR',
  'behind-hppi': '… next',
  'masked-by-pe': '⊘ PSTATE',
  'can-preempt': '→',
  nmi: '→',
};

/** Chips in rows inside `box`, starting at y; returns the height used. */
function chipRows(
  draw: Draw | null,
  entries: readonly GateEntryView[],
  pe: number,
  box: ColumnBox,
  y: number,
  m: Metrics,
): number {
  if (entries.length === 0) return 0;
  const h = Math.ceil(m.small * 1.6);
  let x = box.x;
  let row = 0;
  for (const e of entries) {
    const long = `${e.intid} ${hex2(e.priority)} ${MARK_TAIL[e.mark]}`;
    const label =
      textWidth(long, m.small) + 10 <= box.w
        ? long
        : `${e.intid} ${hex2(e.priority)} ${MARK_SYMBOL[e.mark]}`;
    const w = Math.ceil(textWidth(label, m.small) + 10);
    if (x > box.x && x + w > box.x + box.w) {
      row += 1;
      x = box.x;
    }
    const top = y + row * (h + m.gap);
    const nmi = e.nmiKind ? `, ${nmiText(e.nmiKind, e.priority)}` : '';
    const chip: ChipItem = {
      key: e.key,
      pe,
      block: STAGE[e.mark] === 'pe' ? `pe:${pe}` : `cpu:${pe}`,
      x,
      y: top,
      w: Math.min(w, box.w),
      h,
      mark: e.mark,
      nmiKind: e.nmiKind,
      text: text(x + 5, top + h / 2 + m.small * 0.36, label, m.small, {
        tone: e.nmiKind ? 'nmi' : e.mark === 'masked-by-pmr' ? 'pending' : 'text',
      }),
      label: `INTID ${e.intid} priority ${hex2(e.priority)}${nmi}: ${MARK_WORDS[e.mark]} — ${e.reason}`,
    };
    draw?.chips.push(chip);
    x += w + m.gap;
  }
  return (row + 1) * h + row * m.gap;
}

function byStage(entries: readonly GateEntryView[], stage: Stage): GateEntryView[] {
  return entries.filter((e) => STAGE[e.mark] === stage);
}

export function redistributorSection(
  pe: DiagramPe,
  col: ColumnBox,
  m: Metrics,
  input: DiagramInput,
): Section {
  const inner = { x: col.x + m.pad, w: col.w - 2 * m.pad };
  const titleH = m.line;
  const cpu = pe.cpu;
  const context = {
    pseudoNmiPriority: input.pseudoNmiPriority,
    selectedKey: input.selectedKey,
    story: input.story,
  };
  const grid = { id: `redistributor:${cpu.pe}`, label: `Redistributor ${cpu.pe} SGIs and PPIs` };
  const measured = layoutCells(pe.banked, grid, { x: inner.x, y: 0, width: inner.w }, m, context);
  const note =
    pe.banked.length === 0
      ? [`${pe.hiddenBanked} SGIs/PPIs, all idle`, `${pe.hiddenBanked} idle`]
      : [`+${pe.hiddenBanked} idle SGIs/PPIs`, `+${pe.hiddenBanked} idle`];
  const inline =
    pe.banked.length > 0 && textWidth(note[note.length - 1], m.small) <= measured.rest.width;
  const extraH = pe.banked.length === 0 || (pe.hiddenBanked > 0 && !inline) ? m.line : 0;
  const lpis = lpiRow(pe, inner, m, context);
  const height = m.pad + titleH + measured.height + extraH + lpis.height + m.pad;
  return {
    height,
    place(draw, y) {
      const id = `redistributor:${cpu.pe}`;
      // the title with its WAKER state; "asleep" is never left out, "awake" may be
      const state = cpu.awake ? 'awake' : 'asleep';
      const names = [`Redistributor ${cpu.pe}`, `Redist. ${cpu.pe}`, `GICR ${cpu.pe}`];
      const room = (name: string) => inner.w - textWidth(`${name} `, m.f);
      const title =
        names.find((name) => textWidth(state, m.small) <= room(name)) ??
        (cpu.awake ? fit(names, inner.w, m.f) : names[names.length - 1]);
      const texts = [text(inner.x, y + m.pad + m.f * 0.9, title, m.f, { bold: true })];
      if (textWidth(state, m.small) <= room(title) || !cpu.awake)
        texts.push(
          text(inner.x + inner.w - room(title), y + m.pad + m.f * 0.9, state, m.small, {
            tone: cpu.awake ? 'active' : 'warn',
            bold: !cpu.awake,
          }),
        );
      const cellsY = y + m.pad + titleH;
      const laid = layoutCells(
        pe.banked,
        grid,
        { x: inner.x, y: cellsY, width: inner.w },
        m,
        context,
      );
      draw.cells.push(...laid.cells);
      if (laid.cells.length) draw.grids.push(laid.grid);
      if (pe.hiddenBanked > 0 && inline)
        texts.push(
          text(laid.rest.x, laid.rest.y, fit(note, laid.rest.width, m.small), m.small, {
            tone: 'muted',
          }),
        );
      else if (extraH)
        texts.push(
          text(inner.x, cellsY + laid.height + m.line * 0.8, fit(note, inner.w, m.small), m.small, {
            tone: 'muted',
          }),
        );
      lpis.place(draw, texts, cellsY + laid.height + extraH);
      draw.blocks.push({
        id,
        kind: 'redistributor',
        pe: cpu.pe,
        x: col.x,
        y,
        w: col.w,
        h: height,
        label: `Redistributor ${cpu.pe}`,
        selected: false,
        texts,
      });
      draw.anchor(id, col.x + col.w / 2, y, y + height);
    },
  };
}

/**
 * A Redistributor's LPIs (with an ITS only): a second grid under its SGIs/PPIs, the idle ones
 * counted in a note; EnableLPIs=0 is said in words, never left out.
 */
function lpiRow(
  pe: DiagramPe,
  inner: ColumnBox,
  m: Metrics,
  context: Parameters<typeof layoutCells>[4],
): { height: number; place(draw: Draw, texts: TextItem[], y: number): void } {
  const lpis = pe.lpis;
  if (lpis === null) return { height: 0, place: () => {} };
  const n = pe.cpu.pe;
  const grid = { id: `redistributor:${n}:lpi`, label: `Redistributor ${n} LPIs` };
  const measured = layoutCells(lpis, grid, { x: inner.x, y: 0, width: inner.w }, m, context);
  const hidden = pe.hiddenLpis;
  const note: string[] = !pe.enableLpis
    ? ['LPIs off: EnableLPIs=0', 'EnableLPIs=0', 'LPIs off']
    : lpis.length === 0
      ? hidden > 1
        ? [`${hidden} LPIs, all idle`, `${hidden} idle LPIs`, `${hidden} LPIs`]
        : hidden === 1
          ? ['1 LPI, idle', '1 idle LPI', '1 LPI']
          : ['no LPIs mapped', 'no LPIs']
      : hidden > 0
        ? [`+${hidden} idle LPI${hidden === 1 ? '' : 's'}`, `+${hidden} idle`]
        : [];
  const inline =
    lpis.length > 0 &&
    note.length > 0 &&
    textWidth(note[note.length - 1], m.small) <= measured.rest.width;
  const cellsH = lpis.length ? m.gap + measured.height : 0;
  const noteH = note.length && !inline ? m.line : 0;
  const tone = pe.enableLpis ? 'muted' : 'warn';
  return {
    height: cellsH + noteH,
    place(draw, texts, y) {
      const laid = layoutCells(
        lpis,
        grid,
        { x: inner.x, y: y + (lpis.length ? m.gap : 0), width: inner.w },
        m,
        context,
      );
      draw.cells.push(...laid.cells);
      if (laid.cells.length) draw.grids.push(laid.grid);
      if (!note.length) return;
      if (inline)
        texts.push(
          text(laid.rest.x, laid.rest.y, fit(note, laid.rest.width, m.small), m.small, {
            tone,
            bold: !pe.enableLpis,
          }),
        );
      else
        texts.push(
          text(inner.x, y + cellsH + m.line * 0.8, fit(note, inner.w, m.small), m.small, {
            tone,
            bold: !pe.enableLpis,
          }),
        );
    },
  };
}

export function cpuSection(
  pe: DiagramPe,
  col: ColumnBox,
  m: Metrics,
  input: DiagramInput,
): Section {
  const cpu = pe.cpu;
  const inner = { x: col.x + m.pad, w: col.w - 2 * m.pad };
  const entries = pe.gate?.entries ?? [];
  const story = input.story;
  const verdict = story.live && story.targetPe === cpu.pe ? story.verdict : null;
  const barH = Math.ceil(m.small * 1.7);
  const rows = {
    blocked: chipRows(null, byStage(entries, 'blocked'), cpu.pe, inner, 0, m),
    pmr: chipRows(null, byStage(entries, 'pmr'), cpu.pe, inner, 0, m),
    rpr: chipRows(null, byStage(entries, 'rpr'), cpu.pe, inner, 0, m),
    hppi: chipRows(null, byStage(entries, 'hppi'), cpu.pe, inner, 0, m),
  };
  const oneLine = verdict?.find((v) => textWidth(v, m.small) <= inner.w - 8);
  const verdictLines = oneLine ? [oneLine] : verdict ? wrap(verdict[0], inner.w - 8, m.small) : [];
  const verdictH = verdictLines.length ? verdictLines.length * m.small * 1.3 + 8 : 0;
  const gap = (h: number) => (h ? h + m.gap : 0);
  const titleText = fit(
    [`CPU interface ${cpu.pe}`, `CPU if ${cpu.pe}`, `ICC ${cpu.pe}`],
    inner.w,
    m.f,
  );
  const hppiText = cpu.hppi ? `HPPI ${cpu.hppi.intid}${cpu.hppi.nmi ? ' NMI' : ''}` : 'HPPI none';
  const hppiInline =
    textWidth(titleText, m.f) + textWidth(` ${hppiText}`, m.small) + m.gap * 2 <= inner.w;
  const hppiLong = cpu.hppi
    ? `HPPI ${cpu.hppi.intid} @ ${hex2(cpu.hppi.priority)}${cpu.hppi.nmi ? ' NMI' : ''}`
    : 'HPPI none';
  const height =
    m.pad +
    m.line +
    gap(rows.blocked) +
    gap(rows.pmr) +
    barH +
    gap(verdictH) +
    gap(rows.rpr) +
    barH +
    gap(rows.hppi) +
    (hppiInline ? 0 : m.line) +
    m.pad;
  return {
    height,
    place(draw, y) {
      const id = `cpu:${cpu.pe}`;
      const texts = [text(inner.x, y + m.pad + m.f * 0.9, titleText, m.f, { bold: true })];
      if (hppiInline)
        texts.push(
          text(inner.x + inner.w, y + m.pad + m.f * 0.9, hppiText, m.small, {
            anchor: 'end',
            tone: cpu.hppi ? 'text' : 'muted',
          }),
        );
      let cursor = y + m.pad + m.line;
      const chips = (stage: Stage, h: number) => {
        if (!h) return;
        chipRows(draw, byStage(entries, stage), cpu.pe, inner, cursor, m);
        cursor += h + m.gap;
      };
      const passes = (stage: 'pmr' | 'rpr') =>
        entries.some((e) => {
          const s = STAGE[e.mark];
          return stage === 'pmr'
            ? s !== 'blocked' && s !== 'pmr'
            : s === 'hppi' || s === 'pe' || s === 'through';
        });
      const bar = (kind: 'pmr' | 'rpr', label: string) => {
        const labelW = textWidth(label, m.small) + 8;
        const barY = cursor + barH / 2;
        draw.bars.push({
          id: `${kind}:${cpu.pe}`,
          kind,
          pe: cpu.pe,
          x1: inner.x + labelW,
          x2: inner.x + inner.w,
          y: barY,
          open: passes(kind),
          gapX: inner.x + labelW + (inner.w - labelW) / 2,
          label: text(inner.x, barY + m.small * 0.36, label, m.small, {
            bold: true,
            tone: kind === 'pmr' ? 'pending' : 'accent',
          }),
        });
        cursor += barH;
      };
      chips('blocked', rows.blocked);
      chips('pmr', rows.pmr);
      bar('pmr', `PMR ${hex2(cpu.pmr)}`);
      if (verdictH) {
        const top = cursor + m.gap / 2;
        verdictLines.forEach((line, i) =>
          draw.boxes.push({
            id: `verdict:${cpu.pe}:${i}`,
            kind: 'verdict',
            block: `cpu:${cpu.pe}`,
            x: inner.x,
            y: top + i * m.small * 1.3,
            w: inner.w,
            h: m.small * 1.3 + (i === verdictLines.length - 1 ? 8 : 0),
            text: text(inner.x + 4, top + 4 + (i + 0.8) * m.small * 1.3 - 2, line, m.small, {
              tone: 'nmi',
              bold: true,
            }),
          }),
        );
        cursor += verdictH + m.gap;
      }
      chips('rpr', rows.rpr);
      const running =
        cpu.runningPriority === 0xff
          ? 'running idle'
          : `running ${hex2(cpu.runningPriority)}${cpu.runningNmi ? ' NMI' : ''}`;
      bar('rpr', fit([running, running.replace('running ', 'RPR ')], inner.w * 0.6, m.small));
      chips('hppi', rows.hppi);
      if (!hppiInline)
        texts.push(
          text(
            inner.x,
            cursor + m.line * 0.75,
            fit([hppiLong, hppiText], inner.w, m.small),
            m.small,
            {
              tone: cpu.hppi ? 'text' : 'muted',
            },
          ),
        );
      draw.blocks.push({
        id,
        kind: 'cpu',
        pe: cpu.pe,
        x: col.x,
        y,
        w: col.w,
        h: height,
        label: `CPU interface ${cpu.pe}`,
        selected: input.selectedPe === cpu.pe,
        texts,
      });
      draw.anchor(id, col.x + col.w / 2, y, y + height);
    },
  };
}

export function peSection(pe: DiagramPe, col: ColumnBox, m: Metrics, input: DiagramInput): Section {
  const cpu = pe.cpu;
  const inner = { x: col.x + m.pad, w: col.w - 2 * m.pad };
  const masked = byStage(pe.gate?.entries ?? [], 'pe');
  const maskedH = chipRows(null, masked, cpu.pe, inner, 0, m);
  const frameH = Math.ceil(m.small * 1.7);
  const shown = cpu.handlers.slice(-3);
  const hidden = cpu.handlers.length - shown.length;
  const stackH = (shown.length + 1 + (hidden ? 1 : 0)) * (frameH + 2);
  const activityInline =
    textWidth(`PE ${cpu.pe}`, m.f) + textWidth(` ${cpu.activity}`, m.small) + m.gap * 2 <= inner.w;
  const flagRows = Math.max(...flagPlaces(inner, m).map((p) => p.row)) + 1;
  const height =
    m.pad +
    m.line +
    (activityInline ? 0 : m.line * 0.9) +
    (maskedH ? maskedH + m.gap : 0) +
    flagRows * (frameH + m.gap) +
    stackH +
    m.pad;
  return {
    height,
    place(draw, y) {
      const id = `pe:${cpu.pe}`;
      const texts = [
        text(inner.x, y + m.pad + m.f * 0.9, fit([`PE ${cpu.pe}`], inner.w, m.f), m.f, {
          bold: true,
        }),
        activityInline
          ? text(inner.x + inner.w, y + m.pad + m.f * 0.9, cpu.activity, m.small, {
              anchor: 'end',
              tone: 'muted',
            })
          : text(
              inner.x,
              y + m.pad + m.line + m.small * 0.8,
              fit([cpu.activity], inner.w, m.small),
              m.small,
              { tone: 'muted' },
            ),
      ];
      let cursor = y + m.pad + m.line + (activityInline ? 0 : m.line * 0.9);
      if (maskedH) {
        chipRows(draw, masked, cpu.pe, inner, cursor, m);
        cursor += maskedH + m.gap;
      }
      // PSTATE: three masks as boxes, the value written in each (never colour alone)
      const flags: readonly [string, boolean][] = [
        ['I', cpu.masks.i],
        ['F', cpu.masks.f],
        ['ALLINT', cpu.masks.allint],
      ];
      flagPlaces(inner, m).forEach(({ dx, row }, i) => {
        const [name, set] = flags[i];
        const label = `${name}=${set ? 1 : 0}`;
        const x = inner.x + dx;
        const top = cursor + row * (frameH + m.gap);
        draw.boxes.push({
          id: `pstate:${cpu.pe}:${name}`,
          block: `pe:${cpu.pe}`,
          kind: set ? 'mask-set' : 'mask-clear',
          x,
          y: top,
          w: Math.ceil(textWidth(label, m.small) + 10),
          h: frameH,
          text: text(x + 5, top + frameH / 2 + m.small * 0.36, label, m.small, {
            bold: set,
            tone: set ? 'warn' : 'muted',
          }),
        });
      });
      cursor += flagRows * (frameH + m.gap);
      // the handler stack, newest on top: an NMI sits above the IRQ it preempted
      const frames: BoxItem[] = [];
      // a label's variants, longest first: the first that fits is drawn (the last, cut, if none)
      const push = (kind: BoxItem['kind'], label: string | readonly string[], index: number) =>
        frames.push({
          id: `frame:${cpu.pe}:${index}`,
          kind,
          block: `pe:${cpu.pe}`,
          x: inner.x,
          y: 0,
          w: inner.w,
          h: frameH,
          text: text(
            inner.x + 6,
            0,
            fit(typeof label === 'string' ? [label] : label, inner.w - 12, m.small),
            m.small,
            {
              bold: kind !== 'task',
              tone: kind === 'nmi' ? 'nmi' : kind === 'task' ? 'muted' : 'text',
            },
          ),
        });
      [...shown].reverse().forEach((h, i) =>
        push(
          h.kind,
          h.intid === null || h.intid < 0
            ? // a narrow column still says the INTID is unknown, not "INTID not rea…"
              [
                `${KIND_WORD[h.kind]} entry, INTID not read yet`,
                `${KIND_WORD[h.kind]}, INTID not read yet`,
                `${KIND_WORD[h.kind]}, INTID not read`,
                `${KIND_WORD[h.kind]}, INTID ?`,
              ]
            : `${KIND_WORD[h.kind]} ${h.intid}${h.name ? ` ${handlerName(h.name)}` : ''}`,
          i,
        ),
      );
      if (hidden) push('task', `… ${hidden} more below`, -1);
      push('task', cpu.handlers.length ? 'interrupted code' : cpu.activity, -2);
      frames.forEach((f, i) => {
        const top = cursor + i * (frameH + 2);
        draw.boxes.push({
          ...f,
          y: top,
          text: { ...f.text, y: top + frameH / 2 + m.small * 0.36 },
        });
      });
      draw.blocks.push({
        id,
        kind: 'pe',
        pe: cpu.pe,
        x: col.x,
        y,
        w: col.w,
        h: height,
        label: `PE ${cpu.pe}`,
        selected: input.selectedPe === cpu.pe,
        texts,
      });
      draw.anchor(id, col.x + col.w / 2, y, y + height);
    },
  };
}

/** Where the PSTATE boxes I, F, ALLINT go: in a row, wrapping when the column is narrow. */
function flagPlaces(inner: ColumnBox, m: Metrics): { dx: number; row: number }[] {
  let dx = 0;
  let row = 0;
  return ['I=0', 'F=0', 'ALLINT=0'].map((label) => {
    const w = Math.ceil(textWidth(label, m.small) + 10);
    if (dx > 0 && dx + w > inner.w) {
      row += 1;
      dx = 0;
    }
    const place = { dx, row };
    dx += w + m.gap;
    return place;
  });
}

/** The guest's label without the INTID it repeats: "uart-pl011 (INTID 33, NMI)" → "uart-pl011". */
export function handlerName(name: string): string {
  return name.replace(/\s*\(INTID[^)]*\)$/, '');
}

/** Words in lines no wider than `width`. */
export function wrap(value: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((l) => fit([l], width, size));
}
