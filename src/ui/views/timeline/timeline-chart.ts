import {
  drag,
  scaleLinear,
  select,
  zoom,
  zoomIdentity,
  type Selection,
  type ZoomTransform,
} from 'd3';
import { beginDeferredDrawing } from '../../deferred-drawing.ts';
import { DIAGRAM_FONT, PALETTE } from '../diagram/palette.ts';
import { LaneVisibility } from './lane-visibility.ts';
import {
  laneContent,
  timelineFrame,
  type Bar,
  type ChartText,
  type InstantMark,
  type LaneBand,
  type LaneContent,
  type TimelineFrame,
} from './layout.ts';
import { seqAt, type TimelineModel } from './model.ts';

export interface TimelineCallbacks {
  /** the cursor was dropped on event `seq` (or Home / End pressed on it) */
  onSeek(seq: number): void;
  /** ← / → on the cursor: one moment back or forward, as Step back / Step */
  onStep(direction: -1 | 1): void;
  /** during playback a lane whose contents were not drawn came into view: draw a fresh model */
  onReveal(): void;
}

export interface TimelineChart {
  /**
   * The model at the cursor (`seq`: its event; the time shown is `model.cursorTime`); `playing`:
   * the clock runs, and the window follows it (unless the user moved it away).
   */
  update(model: TimelineModel, seq: number | null, playing: boolean): void;
  /**
   * Some lane is on screen or near it. During playback only those lanes are drawn: a 64-PE
   * storm's chart is ~6,600 px tall, and redrawing lanes no one sees cost more than a frame.
   */
  onScreen(): boolean;
  /**
   * The drawing is out of date (an update was skipped off screen): a lane coming into view asks
   * for a fresh one.
   */
  markStale(): void;
  /** back to the whole run, following the clock again */
  fit(): void;
  destroy(): void;
}

const BAR_FILL = { irq: '#1f5fa8', fiq: '#1c6b36', nmi: '#b3173f' } as const;

/**
 * d3 owns the timeline SVG and draws a pure layout (layout.ts): axis, lanes, bars, steps,
 * instants, labels that never overlap. Wheel zooms, drag pans, the cursor (role slider) seeks on
 * release; ←/→ on it step. While the clock runs the window follows it unless the user moved it
 * away; at a pause it only slides to keep the cursor in view.
 */
export function createTimelineChart(
  svgElement: SVGSVGElement,
  callbacks: TimelineCallbacks,
): TimelineChart {
  const svg = select(svgElement).attr('font-family', DIAGRAM_FONT);
  const future = svg.append('rect').attr('class', 'future').attr('fill', '#ffffff0d');
  const grid = svg.append('g').attr('class', 'grid');
  const lanes = svg.append('g').attr('class', 'lanes');
  // one band per lane, watched for visibility (transparent, under everything)
  const bands = svg.append('g').attr('class', 'lane-bands').attr('aria-hidden', 'true');
  const bars = svg.append('g').attr('class', 'bars');
  const steps = svg.append('g').attr('class', 'steps');
  const instants = svg.append('g').attr('class', 'instants');
  const texts = svg.append('g').attr('class', 'labels');
  // the axis's texts and the lanes' names, over the lanes' own labels
  const axisTexts = svg.append('g').attr('class', 'axis-labels');
  const cursor = svg.append('g').attr('class', 'cursor');
  cursor.append('line').attr('stroke', '#ff8c42').attr('stroke-width', 2);
  const handle = cursor
    .append('rect')
    .attr('class', 'handle')
    .attr('x', -7)
    .attr('y', 0)
    .attr('width', 14)
    .attr('height', 16)
    .attr('rx', 3)
    .attr('fill', '#ff8c42')
    .attr('tabindex', 0)
    .attr('role', 'slider')
    .attr('aria-label', 'Timeline cursor');

  let model: TimelineModel | null = null;
  let current: number | null = null;
  let now = 0;
  let playing = false;
  let transform: ZoomTransform = zoomIdentity;
  let following = true;
  let dragging = false;
  let width = svgElement.clientWidth || 800;
  /** the chart around the lanes, as last drawn */
  let frame: TimelineFrame | null = null;
  /** bumps at every draw: a lane is up to date when it was drawn in the current generation */
  let generation = 0;
  /** the generation each lane's contents were drawn in (-1: empty) */
  let laneDrawn: number[] = [];
  /** an update was skipped while off screen: the model itself is out of date */
  let stale = false;
  /** lanes left to draw in idle time (paused: off-screen lanes), nearest to the viewport first */
  let queue: number[] = [];
  let idleHandle: number | null = null;
  let endDeferred: (() => void) | null = null;
  const visibility = new LaneVisibility((came) => {
    const missing = came.filter((pe) => laneDrawn[pe] !== generation);
    if (missing.length === 0) return;
    // while playing, or when the model is out of date, a fresh model is needed; at a pause the
    // lanes are drawn at once from the frame already laid out
    if (playing || stale) callbacks.onReveal();
    else for (const pe of missing) drawLane(pe);
  });
  const plot = () => ({ x0: 56, x1: Math.max(96, width - 12) });
  const base = () =>
    scaleLinear()
      .domain(model ? [model.start, Math.max(model.end, now, model.start + 1)] : [0, 1])
      .range([plot().x0, plot().x1]);
  const windowOf = (t: ZoomTransform) => t.rescaleX(base()).domain() as [number, number];

  const zoomer = zoom<SVGSVGElement, unknown>()
    .scaleExtent([1, 100_000])
    .filter((event: Event) => !(event.target instanceof Element && event.target.closest('.cursor')))
    .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      transform = event.transform;
      // a user who moves the window away from the present stops following the clock
      if (event.sourceEvent) following = windowOf(transform)[1] >= now;
      draw();
    });
  svg.call(zoomer);

  const placeCursor = (px: number) => cursor.attr('transform', `translate(${px},0)`);
  handle.call(
    drag<SVGRectElement, unknown>()
      .container(svgElement)
      .on('start', () => {
        dragging = true;
      })
      .on('drag', (event: { x: number }) =>
        placeCursor(Math.max(plot().x0, Math.min(plot().x1, event.x))),
      )
      .on('end', (event: { x: number }) => {
        dragging = false;
        if (!model) return;
        const seq = seqAt(model, transform.rescaleX(base()).invert(event.x));
        if (seq !== null) callbacks.onSeek(seq);
      }),
  );
  handle.on('keydown', (event: KeyboardEvent) => {
    if (!model) return;
    const action = cursorKey(event.key, model);
    if (!action) return;
    // the page's own ←/→ (step back / step) must not act a second time
    event.preventDefault();
    event.stopPropagation();
    if (action.kind === 'step') callbacks.onStep(action.direction);
    else callbacks.onSeek(action.seq);
  });

  /** Slides the window if it should; true when it did (and so drew). */
  function follow(): boolean {
    if (!model || !following || transform.k === 1) return false;
    const b = base();
    const [t0, t1] = windowOf(transform);
    // at a pause (a step, a seek) the window moves only to keep the cursor in it
    if (!playing && now >= t0 && now <= t1) return false;
    // keep the zoom, slide the window so that its right edge (its left one, for a cursor moved
    // back out of it) is the cursor
    const edge = !playing && now < t0 ? plot().x0 : plot().x1;
    const x = edge - transform.k * b(now);
    if (Math.abs(x - transform.x) < 0.5) return false;
    transform = zoomIdentity.translate(x, 0).scale(transform.k);
    // the zoom event this dispatches draws
    zoomer.transform(svg, transform);
    return true;
  }

  /** One layer's group per lane (the layers keep their order: bars under steps under labels). */
  type LaneGroups = Selection<SVGGElement, LaneBand, SVGGElement, unknown>;
  const laneGroups = (layer: typeof bars): LaneGroups =>
    layer
      .selectAll<SVGGElement, LaneBand>(':scope > g')
      .data(frame?.lanes ?? [], (d) => d.pe)
      .join('g')
      .attr('data-pe', (d) => d.pe);
  let groups: {
    bars: SVGGElement[];
    steps: SVGGElement[];
    instants: SVGGElement[];
    texts: SVGGElement[];
  } = { bars: [], steps: [], instants: [], texts: [] };

  function drawLaneContent(pe: number, content: LaneContent): void {
    select(groups.bars[pe])
      .selectAll<SVGRectElement, Bar>('rect')
      .data(content.bars, (d) => d.key)
      .join((enter) => {
        const r = enter.append('rect');
        r.append('title');
        return r;
      })
      .attr('class', (d) => `bar bar-${d.kind}${d.open ? ' open' : ''}`)
      .attr('x', (d) => d.x)
      .attr('y', (d) => d.y)
      .attr('width', (d) => d.w)
      .attr('height', (d) => d.h)
      .attr('rx', 2)
      .attr('fill', (d) => BAR_FILL[d.kind])
      .attr('stroke', (d) => (d.kind === 'nmi' ? PALETTE.nmi : '#6fa8e8'))
      .attr('stroke-dasharray', (d) => (d.open ? '4 2' : null))
      .select('title')
      .text((d) => d.title);
    select(groups.steps[pe])
      .selectAll<SVGPathElement, LaneContent['steps'][number]>('path')
      .data(content.steps, (d) => d.key)
      .join('path')
      .attr('class', (d) => `step ${d.series}`)
      .attr('d', (d) => d.d)
      .attr('fill', 'none')
      .attr('stroke', (d) => (d.series === 'pmr' ? PALETTE.pending : PALETTE.accent))
      .attr('stroke-width', (d) => (d.series === 'pmr' ? 2.5 : 1.5))
      .attr('stroke-dasharray', (d) => (d.series === 'pmr' ? '6 3' : null));
    select(groups.instants[pe])
      .selectAll<SVGPathElement, InstantMark>('path')
      .data(content.instants, (d) => d.key)
      .join('path')
      .attr('class', (d) => `instant ${d.kind.toLowerCase()}`)
      .attr('d', (d) =>
        d.kind === 'inject'
          ? `M${d.x} ${d.y - 6}L${d.x + 5} ${d.y + 4}L${d.x - 5} ${d.y + 4}z`
          : d.kind === 'NMI'
            ? `M${d.x} ${d.y - 6}L${d.x + 5} ${d.y}L${d.x} ${d.y + 6}L${d.x - 5} ${d.y}z`
            : `M${d.x - 3} ${d.y}a3 3 0 1 0 6 0a3 3 0 1 0 -6 0`,
      )
      .attr('fill', (d) => (d.kind === 'SGI' ? PALETTE.text : PALETTE.nmi));
    drawTexts(select(groups.texts[pe]), content.texts);
  }

  function drawTexts(
    group: Selection<SVGGElement, unknown, null, undefined>,
    data: readonly ChartText[],
  ): void {
    group
      .selectAll<SVGTextElement, ChartText>('text')
      .data(data)
      .join('text')
      .attr('class', (d) => d.cls)
      .attr('x', (d) => d.x)
      .attr('y', (d) => d.y)
      .attr('font-size', (d) => d.size)
      .attr('text-anchor', (d) => d.anchor)
      .attr('fill', (d) => labelFill(d.cls))
      // a halo in the panel's colour: a label stays readable where a line runs under it
      .attr('stroke', (d) => (d.cls.startsWith('bar-label') ? 'none' : PALETTE.block))
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .text((d) => d.text);
  }

  /** Draws lane `pe` of the current frame (nothing when it already shows it). */
  function drawLane(pe: number): void {
    if (!frame || pe >= frame.lanes.length || laneDrawn[pe] === generation) return;
    drawLaneContent(pe, laneContent(frame, pe));
    laneDrawn[pe] = generation;
  }

  function clearLane(pe: number): void {
    if (laneDrawn[pe] === -1) return;
    // at once, not through the joins: the first redraw after Play empties every lane off screen
    for (const lane of [groups.bars, groups.steps, groups.instants, groups.texts])
      lane[pe]?.replaceChildren();
    laneDrawn[pe] = -1;
  }

  /**
   * Lanes off screen at a pause are drawn in idle time, a few milliseconds at a time: a 64-PE
   * storm's full chart took 50–90 ms in one task, a long frame at every pause. The browser then
   * styles what a slice added, which cost 2–3 times the slice itself (trace, 64-PE storm).
   */
  const SLICE_MS = 3;
  const idle =
    globalThis.requestIdleCallback?.bind(globalThis) ??
    ((callback: () => void) => window.setTimeout(callback, 1));
  const cancelIdle =
    globalThis.cancelIdleCallback?.bind(globalThis) ??
    ((handle: number) => window.clearTimeout(handle));

  function drawQueued(): void {
    idleHandle = null;
    const started = performance.now();
    while (queue.length && performance.now() - started < SLICE_MS) drawLane(queue.shift()!);
    if (queue.length) idleHandle = idle(drawQueued, { timeout: 500 });
    else settleQueue();
  }

  function settleQueue(): void {
    if (idleHandle !== null) cancelIdle(idleHandle);
    idleHandle = null;
    queue = [];
    endDeferred?.();
    endDeferred = null;
  }

  function draw(): void {
    if (!model) return;
    width = svgElement.clientWidth || width;
    const g = timelineFrame(model, width, windowOf(transform), now);
    frame = g;
    generation += 1;
    stale = false;
    if (laneDrawn.length !== g.lanes.length) laneDrawn = g.lanes.map(() => -1);
    svg.attr('height', g.height).attr('viewBox', `0 0 ${g.width} ${g.height}`);
    future
      .attr('x', g.nowX)
      .attr('y', g.axisY)
      .attr('width', Math.max(0, g.plot.x1 - g.nowX))
      .attr('height', g.height - g.axisY);
    grid
      .selectAll('line')
      .data(g.ticks)
      .join('line')
      .attr('x1', (d) => d.x)
      .attr('x2', (d) => d.x)
      .attr('y1', g.axisY)
      .attr('y2', g.height)
      .attr('stroke', '#ffffff14');
    lanes
      .selectAll('line')
      .data(g.lanes)
      .join('line')
      .attr('x1', 0)
      .attr('x2', g.width)
      .attr('y1', (d) => d.y)
      .attr('y2', (d) => d.y)
      .attr('stroke', PALETTE.border);
    bands
      .selectAll<SVGRectElement, (typeof g.lanes)[number]>('rect')
      .data(g.lanes, (d) => d.pe)
      .join(
        (enter) =>
          enter
            .append('rect')
            .attr('fill', 'none')
            .attr('pointer-events', 'none')
            .each(function (d) {
              visibility.observe(this, d.pe);
            }),
        (update) => update,
        (exit) =>
          exit
            .each(function () {
              visibility.unobserve(this);
            })
            .remove(),
      )
      .attr('x', 0)
      .attr('y', (d) => d.y)
      .attr('width', g.width)
      .attr('height', (d) => d.h);
    groups = {
      bars: laneGroups(bars).nodes(),
      steps: laneGroups(steps).nodes(),
      instants: laneGroups(instants).nodes(),
      texts: laneGroups(texts).nodes(),
    };
    drawTexts(axisTexts, g.texts);
    // the lanes on screen (or near it) now; at a pause the others in idle time, while the clock
    // runs not at all (they are emptied, and drawn when they come into view)
    const later: number[] = [];
    let near = 0;
    for (const lane of g.lanes)
      if (visibility.has(lane.pe)) {
        drawLane(lane.pe);
        near = lane.pe;
      } else if (playing) clearLane(lane.pe);
      else later.push(lane.pe);
    // the lanes next to the ones on screen first: a scroll is most likely to reach them
    queue = later.sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
    if (later.length === 0) settleQueue();
    else {
      endDeferred ??= beginDeferredDrawing();
      if (idleHandle === null) idleHandle = idle(drawQueued, { timeout: 500 });
    }
    cursor.select('line').attr('y1', g.axisY).attr('y2', g.height);
    if (!dragging) placeCursor(g.nowX);
    const first = model.marks[0]?.seq ?? 0;
    const last = model.marks[model.marks.length - 1]?.seq ?? 0;
    handle
      .attr('y', g.axisY - 14)
      .attr('aria-valuemin', first)
      .attr('aria-valuemax', last)
      .attr('aria-valuenow', current ?? last)
      .attr('aria-valuetext', `event ${current ?? last}, ${(now / 1000).toFixed(3)} µs`);
  }

  return {
    onScreen() {
      // before its first draw the chart has no bands to watch
      return model === null || visibility.any();
    },
    markStale() {
      stale = true;
      generation += 1;
      settleQueue();
    },
    update(next, seq, busy) {
      model = next;
      current = seq;
      now = next.cursorTime;
      playing = busy;
      if (!follow()) draw();
    },
    fit() {
      following = true;
      transform = zoomIdentity;
      zoomer.transform(svg, zoomIdentity);
      draw();
    },
    destroy() {
      settleQueue();
      visibility.disconnect();
      svg.on('.zoom', null);
      svg.selectAll('*').remove();
    },
  };
}

/** What a key pressed on the cursor does: ←/→ one moment, Home / End the first / newest event. */
export function cursorKey(
  key: string,
  model: TimelineModel,
): { kind: 'step'; direction: -1 | 1 } | { kind: 'seek'; seq: number } | null {
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'step', direction: -1 };
    case 'ArrowRight':
      return { kind: 'step', direction: 1 };
    case 'Home':
      return model.marks.length ? { kind: 'seek', seq: model.marks[0].seq } : null;
    case 'End':
      return model.marks.length
        ? { kind: 'seek', seq: model.marks[model.marks.length - 1].seq }
        : null;
    default:
      return null;
  }
}

function labelFill(cls: string): string {
  if (cls.includes('bar-label')) return '#ffffff';
  if (cls.includes('pmr')) return PALETTE.pending;
  if (cls.includes('rpr')) return PALETTE.accent;
  if (cls.includes('inject') || cls.includes('nmi')) return PALETTE.nmi;
  return cls.includes('lane') ? PALETTE.text : PALETTE.muted;
}
