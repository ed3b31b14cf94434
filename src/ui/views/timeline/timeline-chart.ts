import {
  curveStepAfter,
  drag,
  line,
  scaleLinear,
  select,
  zoom,
  zoomIdentity,
  type ScaleLinear,
  type ZoomTransform,
} from 'd3';
import { seqAt, type Step, type TimelineModel } from './model.ts';

export interface TimelineCallbacks {
  /** the cursor was dropped on event `seq` (or Home / End pressed on it) */
  onSeek(seq: number): void;
  /** ← / → on the cursor: one moment back or forward, as Step back / Step */
  onStep(direction: -1 | 1): void;
}

export interface TimelineChart {
  update(model: TimelineModel, currentSeq: number | null): void;
  destroy(): void;
}

const LANE = 64;
const LEFT = 48;
const RIGHT = 12;
const TOP = 18;
const DEPTH = 11;

/**
 * d3 owns the timeline SVG: one lane per PE with nested handler bars, PMR/RPR step lines and
 * instants; d3-zoom for zoom and pan; a draggable cursor (role slider) that seeks on release.
 */
export function createTimelineChart(
  svgElement: SVGSVGElement,
  callbacks: TimelineCallbacks,
): TimelineChart {
  const svg = select(svgElement);
  const clipId = `timeline-clip-${Math.random().toString(36).slice(2)}`;
  svg.append('clipPath').attr('id', clipId).append('rect');
  const plot = svg.append('g').attr('clip-path', `url(#${clipId})`);
  const future = plot.append('rect').attr('class', 'future');
  const lanes = svg.append('g').attr('class', 'lanes');
  const body = plot.append('g');
  const cursor = svg.append('g').attr('class', 'cursor');
  cursor.append('line').attr('y1', TOP - 6);
  const handle = cursor
    .append('rect')
    .attr('class', 'handle')
    .attr('x', -6)
    .attr('y', 0)
    .attr('width', 12)
    .attr('height', 14)
    .attr('tabindex', 0)
    .attr('role', 'slider')
    .attr('aria-label', 'Timeline cursor');

  let model: TimelineModel | null = null;
  let current: number | null = null;
  let transform: ZoomTransform = zoomIdentity;
  let dragging = false;
  let measuredWidth = svgElement.clientWidth || 800;
  const width = () => measuredWidth;
  const base = (): ScaleLinear<number, number> =>
    scaleLinear()
      .domain(model ? [model.start, model.end] : [0, 1])
      .range([LEFT, width() - RIGHT]);
  const x = () => transform.rescaleX(base());

  const zoomer = zoom<SVGSVGElement, unknown>()
    .scaleExtent([1, 10_000])
    .filter((event: Event) => !(event.target instanceof Element && event.target.closest('.cursor')))
    .on('zoom', (event: { transform: ZoomTransform }) => {
      transform = event.transform;
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
        placeCursor(Math.max(LEFT, Math.min(width() - RIGHT, event.x))),
      )
      .on('end', (event: { x: number }) => {
        dragging = false;
        if (!model) return;
        const seq = seqAt(model, x().invert(event.x));
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

  function draw(): void {
    if (!model) return;
    const m = model;
    // measure once, before any write, so the draw never forces a second layout
    measuredWidth = svgElement.clientWidth || 800;
    const sx = x();
    const height = TOP + m.peCount * LANE;
    svg.attr('height', height);
    svg
      .select(`#${clipId} rect`)
      .attr('x', LEFT)
      .attr('y', 0)
      .attr('width', width() - LEFT - RIGHT)
      .attr('height', height);
    cursor.select('line').attr('y2', height);
    const laneY = (pe: number) => TOP + pe * LANE;
    lanes
      .selectAll('text')
      .data(Array.from({ length: m.peCount }, (_v, pe) => pe))
      .join('text')
      .attr('x', 4)
      .attr('y', (pe) => laneY(pe) + 14)
      .text((pe) => `PE ${pe}`);
    const priorityY = (pe: number, value: number) => laneY(pe) + 6 + (value / 0xff) * (LANE - 12);
    body
      .selectAll('rect.span')
      .data(m.spans)
      .join('rect')
      .attr('class', (d) => `span depth-${d.depth}${d.open ? ' open' : ''}`)
      .attr('x', (d) => sx(d.start))
      .attr('width', (d) => Math.max(2, sx(d.end ?? m.end) - sx(d.start)))
      .attr('y', (d) => laneY(d.pe) + 18 + (d.depth - 1) * DEPTH)
      .attr('height', DEPTH - 2)
      .selectAll('title')
      .data((d) => [d])
      .join('title')
      .text((d) => `PE ${d.pe} ${d.label} (depth ${d.depth})`);
    body
      .selectAll('text.span-label')
      .data(m.spans.filter((d) => sx(d.end ?? m.end) - sx(d.start) > 40))
      .join('text')
      .attr('class', 'span-label')
      .attr('x', (d) => sx(d.start) + 2)
      .attr('y', (d) => laneY(d.pe) + 16 + d.depth * DEPTH - 2)
      .text((d) => d.label);
    const stepPath = (pe: number, steps: readonly Step[]) =>
      line<Step>()
        .x((d) => sx(d.time))
        .y((d) => priorityY(pe, d.value))
        .curve(curveStepAfter)([
        ...steps,
        ...(steps.length ? [{ time: m.end, value: steps[steps.length - 1].value }] : []),
      ]) ?? '';
    const series = [
      ...m.pmr.map((steps, pe) => ({ key: `pmr${pe}`, cls: 'pmr', d: stepPath(pe, steps) })),
      ...m.rpr.map((steps, pe) => ({ key: `rpr${pe}`, cls: 'rpr', d: stepPath(pe, steps) })),
    ];
    body
      .selectAll<SVGPathElement, (typeof series)[number]>('path.step')
      .data(series, (d) => d.key)
      .join('path')
      .attr('class', (d) => `step ${d.cls}`)
      .attr('d', (d) => d.d);
    body
      .selectAll('text.instant')
      .data(m.instants)
      .join('text')
      .attr('class', (d) => `instant ${d.label.toLowerCase()}`)
      .attr('x', (d) => sx(d.time))
      .attr('y', (d) => laneY(d.pe) + LANE - 4)
      .attr('text-anchor', 'middle')
      .text((d) => (d.label === 'inject' ? '▲inject' : d.label === 'NMI' ? '◆NMI' : '•SGI'));
    const now = m.cursorTime;
    future
      .attr('x', sx(now))
      .attr('y', 0)
      .attr('width', Math.max(0, width() - RIGHT - sx(now)))
      .attr('height', height);
    if (!dragging) placeCursor(sx(now));
    const first = m.marks[0]?.seq ?? 0;
    const last = m.marks[m.marks.length - 1]?.seq ?? 0;
    handle
      .attr('aria-valuemin', first)
      .attr('aria-valuemax', last)
      .attr('aria-valuenow', current ?? last)
      .attr('aria-valuetext', `event ${current ?? last}`);
  }

  return {
    update(next, seq) {
      model = next;
      current = seq;
      draw();
    },
    destroy() {
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
