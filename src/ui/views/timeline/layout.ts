import { scaleLinear } from 'd3';
import { hex2 } from '../../format.ts';
import { LabelPlacer, textBox } from '../chart/labels.ts';
import { textWidth } from '../diagram/text.ts';
import type { Instant, Span, SpanKind, Step, TimelineModel } from './model.ts';

/** Text in the timeline: 13 px labels, 14 px lane names (monospace, see diagram/text.ts). */
export const LABEL = 13;
export const LANE_LABEL = 14;

const LEFT = 56;
const RIGHT = 12;
const AXIS = 30;
const BAR = 18;
const PRIORITY = 34;
const INSTANTS = 18;

export interface ChartText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly cls: string;
}

export interface Bar {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly kind: SpanKind;
  readonly open: boolean;
  readonly title: string;
}

export interface InstantMark {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly kind: Instant['label'];
}

export interface TimelineGeometry {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly x0: number; readonly x1: number };
  readonly axisY: number;
  readonly ticks: readonly { readonly x: number }[];
  readonly lanes: readonly { readonly pe: number; readonly y: number; readonly h: number }[];
  readonly bars: readonly Bar[];
  readonly steps: readonly {
    readonly key: string;
    readonly series: 'pmr' | 'rpr';
    readonly d: string;
  }[];
  readonly instants: readonly InstantMark[];
  /** every text, placed so that no two overlap */
  readonly texts: readonly ChartText[];
  /** x of the moment shown (the cursor); the rest of the plot is the future */
  readonly nowX: number;
}

/** The unit a time span reads best in. */
export function timeUnit(span: number): { readonly ns: number; readonly name: string } {
  if (span < 10_000) return { ns: 1, name: 'ns' };
  if (span < 10_000_000) return { ns: 1_000, name: 'µs' };
  if (span < 10_000_000_000) return { ns: 1_000_000, name: 'ms' };
  return { ns: 1_000_000_000, name: 's' };
}

const KIND_WORD: Readonly<Record<SpanKind, string>> = { irq: 'IRQ', fiq: 'FIQ', nmi: 'NMI' };

function stepPath(
  steps: readonly Step[],
  x: (t: number) => number,
  y: (v: number) => number,
  x0: number,
  x1: number,
  now: number,
): string {
  if (steps.length === 0) return '';
  const clamp = (v: number) => Math.max(x0, Math.min(x1, v));
  let d = '';
  steps.forEach((s, i) => {
    const from = clamp(x(s.time));
    const until = clamp(x(i + 1 < steps.length ? steps[i + 1].time : now));
    if (until < x0 || from > x1) return;
    d += `M${from.toFixed(1)} ${y(s.value).toFixed(1)}H${until.toFixed(1)}`;
    if (i + 1 < steps.length && x(steps[i + 1].time) <= x1)
      d += `V${y(steps[i + 1].value).toFixed(1)}`;
  });
  return d;
}

/** A lane's own place: its PE, top and height. */
export interface LaneBand {
  readonly pe: number;
  readonly y: number;
  readonly h: number;
}

/** What a lane shows: its bars, steps, instants and their labels (not its name). */
export interface LaneContent {
  readonly bars: readonly Bar[];
  readonly steps: TimelineGeometry['steps'];
  readonly instants: readonly InstantMark[];
  readonly texts: readonly ChartText[];
}

/**
 * The chart around the lanes for a window [t0, t1] of virtual time: axis, ticks, every lane's
 * place and name, the cursor. The lanes' contents come from `laneContent`, one lane at a time.
 */
export interface TimelineFrame {
  readonly model: TimelineModel;
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly x0: number; readonly x1: number };
  readonly axisY: number;
  readonly ticks: readonly { readonly x: number }[];
  readonly lanes: readonly LaneBand[];
  /** the axis's texts and the lanes' names */
  readonly texts: readonly ChartText[];
  readonly nowX: number;
  readonly window: readonly [number, number];
  /** the cursor's time, or the window's start when the cursor lies before it */
  readonly end: number;
  /** the newest moment recorded: a bar that starts after the cursor and has not returned runs to it */
  readonly frontier: number;
  /** handler bars a lane has room for */
  readonly depth: number;
}

/** A model's spans and instants by lane (built once per model). */
const byLane = new WeakMap<
  TimelineModel,
  { readonly spans: readonly Span[][]; readonly instants: readonly Instant[][] }
>();

function lanesOf(model: TimelineModel) {
  let index = byLane.get(model);
  if (!index) {
    const spans: Span[][] = Array.from({ length: model.peCount }, () => []);
    const instants: Instant[][] = Array.from({ length: model.peCount }, () => []);
    for (const s of model.spans) spans[s.pe]?.push(s);
    for (const i of model.instants) instants[i.pe]?.push(i);
    index = { spans, instants };
    byLane.set(model, index);
  }
  return index;
}

/** Places texts that overlap no text placed before, and only inside the chart's width. */
function textPut(width: number, placer: LabelPlacer, texts: ChartText[]) {
  return (
    text: string,
    tx: number,
    ty: number,
    size: number,
    cls: string,
    anchor: ChartText['anchor'] = 'start',
  ) => {
    const box = textBox(text, tx, ty, size, anchor);
    if (box.x < 0 || box.x + box.w > width) return false;
    if (!placer.place(box)) return false;
    texts.push({ x: tx, y: ty, text, size, anchor, cls });
    return true;
  };
}

const laneName = (lane: LaneBand) =>
  ({
    x: 4,
    y: lane.y + 18,
    text: `PE ${lane.pe}`,
    size: LANE_LABEL,
    anchor: 'start',
    cls: 'lane',
  }) as const;

/** The chart around the lanes (see TimelineFrame). Pure. */
export function timelineFrame(
  model: TimelineModel,
  width: number,
  window: readonly [number, number],
  now: number,
): TimelineFrame {
  const depth = Math.max(2, ...model.spans.map((s) => s.depth));
  const laneH = 6 + depth * (BAR + 2) + 4 + PRIORITY + INSTANTS;
  const plot = { x0: LEFT, x1: Math.max(LEFT + 40, width - RIGHT) };
  const x = scaleLinear().domain(window).range([plot.x0, plot.x1]);
  const placer = new LabelPlacer(2);
  const texts: ChartText[] = [];
  const put = textPut(width, placer, texts);

  // the cursor's handle sits on the axis: no tick label under it
  const nowX = Math.max(plot.x0, Math.min(plot.x1, x(now)));
  placer.place({ x: nowX - 9, y: AXIS - 24, w: 18, h: 22 });

  // axis: ticks far enough apart for their labels, the unit at the left
  const span = window[1] - window[0];
  const unit = timeUnit(span);
  const axisY = AXIS - 8;
  put(`time (${unit.name})`, 2, axisY, LABEL, 'axis-unit');
  const ticks = x
    .ticks(Math.max(2, Math.floor((plot.x1 - plot.x0) / 110)))
    .filter((t) => x(t) >= plot.x0 && x(t) <= plot.x1);
  const digits = Math.max(
    0,
    Math.ceil(-Math.log10((ticks[1] ?? 1) - (ticks[0] ?? 0)) + Math.log10(unit.ns)),
  );
  const shown: { x: number }[] = [];
  for (const t of ticks) {
    const label = `${(t / unit.ns).toFixed(Math.min(3, digits))}`;
    if (put(label, x(t), axisY, LABEL, 'tick', 'middle')) shown.push({ x: x(t) });
  }

  const lanes = Array.from({ length: model.peCount }, (_v, pe) => ({
    pe,
    y: AXIS + pe * laneH,
    h: laneH,
  }));
  for (const lane of lanes) texts.push(laneName(lane));
  const end = Math.max(now, window[0]);
  return {
    model,
    width,
    height: AXIS + lanes.length * laneH + 4,
    plot,
    axisY: AXIS - 2,
    ticks: shown,
    lanes,
    texts,
    nowX,
    window,
    end,
    frontier: Math.max(end, model.end),
    depth,
  };
}

/**
 * What lane `pe` shows in `frame`: handler bars nested by depth (labelled inside when the label
 * fits), PMR and running priority as labelled steps, instants. Every text of a lane lies inside
 * the lane's band, so lanes place their labels apart from one another and give the same texts
 * as one placement over the whole chart. Pure.
 */
export function laneContent(frame: TimelineFrame, pe: number): LaneContent {
  const { model, width, plot, window, end, frontier, depth } = frame;
  const lane = frame.lanes[pe];
  const x = scaleLinear().domain(window).range([plot.x0, plot.x1]);
  const placer = new LabelPlacer(2);
  const name = laneName(lane);
  placer.place(textBox(name.text, name.x, name.y, name.size, name.anchor));
  const texts: ChartText[] = [];
  const put = textPut(width, placer, texts);
  const index = lanesOf(model);

  const bars: Bar[] = [];
  for (const s of index.spans[pe] ?? []) {
    const stop = s.end ?? frontier;
    if (stop < window[0] || s.start > window[1]) continue;
    const bx = Math.max(plot.x0, x(s.start));
    const bw = Math.max(2, Math.min(plot.x1, x(stop)) - bx);
    const by = lane.y + 6 + (s.depth - 1) * (BAR + 2);
    bars.push({
      key: `${s.id}`,
      x: bx,
      y: by,
      w: bw,
      h: BAR,
      kind: s.kind,
      open: s.open,
      title: `PE ${s.pe}: ${s.label}, ${s.open || s.end === null ? 'still running' : `${((stop - s.start) / 1000).toFixed(2)} µs`} (depth ${s.depth})`,
    });
    const short = s.intid === null ? KIND_WORD[s.kind] : `${KIND_WORD[s.kind]} ${s.intid}`;
    const label = [s.label, short].find((l) => textWidth(l, LABEL) + 8 <= bw);
    if (label) put(label, bx + 4, by + BAR - 5, LABEL, `bar-label bar-${s.kind}`);
  }

  // PMR and running priority: 0x00 at the top of the strip, 0xFF at the bottom
  const steps: { key: string; series: 'pmr' | 'rpr'; d: string }[] = [];
  const top = lane.y + 6 + depth * (BAR + 2) + 4;
  const y = (v: number) => top + 4 + (v / 0xff) * (PRIORITY - 8);
  for (const series of ['pmr', 'rpr'] as const) {
    const list = (series === 'pmr' ? model.pmr : model.rpr)[pe] ?? [];
    const d = stepPath(list, x, y, plot.x0, plot.x1, frontier);
    if (d) steps.push({ key: `${series}${pe}`, series, d });
    const label = series === 'pmr' ? 'PMR' : 'RPR';
    // the value in force at the window's left edge, then each change inside the window
    const before = list.filter((s) => s.time <= window[0]).at(-1);
    const marks = [
      ...(before ? [{ time: window[0], value: before.value }] : []),
      ...list.filter((s) => s.time > window[0] && s.time <= Math.min(window[1], end)),
    ];
    let said: number | null = null;
    for (const mark of marks) {
      // a write of the value already in force changes nothing worth a label
      if (mark.value === said) continue;
      said = mark.value;
      const ly = series === 'pmr' ? y(mark.value) - 5 : y(mark.value) + LABEL + 1;
      put(
        `${label} ${mark.value === 0xff && series === 'rpr' ? 'idle' : hex2(mark.value)}`,
        Math.max(plot.x0, x(mark.time)) + 3,
        ly,
        LABEL,
        `step-label ${series}`,
      );
    }
  }

  // instants: a shape always, a word when there is room
  const instants: InstantMark[] = [];
  const WORD = { inject: 'inject', NMI: 'NMI', SGI: 'SGI' } as const;
  for (const i of index.instants[pe] ?? []) {
    if (i.time < window[0] || i.time > window[1]) continue;
    const iy = lane.y + lane.h - 9;
    instants.push({ key: `${i.seq}`, x: x(i.time), y: iy, kind: i.label });
    put(WORD[i.label], x(i.time) + 7, iy + 5, LABEL, `instant-label ${i.label.toLowerCase()}`);
  }
  return { bars, steps, instants, texts };
}

/**
 * Where everything of the timeline goes for a window [t0, t1] of virtual time: an axis with
 * units, one lane per PE (handler bars nested by depth, PMR and running priority as labelled
 * steps, instants), the cursor at `now`. What lies after the cursor is the recorded future (after
 * a step back): bars and steps run on into it, labelled steps stop at the cursor. Pure; labels
 * that would overlap are left out. `drawLane`: the lanes whose contents are drawn (every lane
 * keeps its place and name; by default all).
 */
export function timelineLayout(
  model: TimelineModel,
  width: number,
  window: readonly [number, number],
  now: number,
  drawLane: (pe: number) => boolean = () => true,
): TimelineGeometry {
  const frame = timelineFrame(model, width, window, now);
  const contents = frame.lanes.filter((l) => drawLane(l.pe)).map((l) => laneContent(frame, l.pe));
  return {
    width,
    height: frame.height,
    plot: frame.plot,
    axisY: frame.axisY,
    ticks: frame.ticks,
    lanes: frame.lanes,
    bars: contents.flatMap((c) => c.bars),
    steps: contents.flatMap((c) => c.steps),
    instants: contents.flatMap((c) => c.instants),
    texts: [...frame.texts, ...contents.flatMap((c) => c.texts)],
    nowX: frame.nowX,
  };
}
