import '../inspect.css';
import { useEffect, useRef } from 'react';
import { selectPeCount, type GicState } from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { beginDeferredDrawing } from '../../deferred-drawing.ts';
import { newestOnly, timelineModel } from './model.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';

/**
 * During playback the chart follows the clock a few times a second, with the newest bars only
 * (newestOnly); when a redraw takes long, once a second or less often (a 100 ms redraw comes
 * every 5 s).
 */
const REDRAW_FAST_MS = 250;
const REDRAW_SLOW_MS = 1000;
const SLOW_DRAW_MS = 6;
const REDRAW_COST_FACTOR = 50;

function TimelineLegend() {
  return (
    <ul className="timeline-legend" aria-label="Timeline legend">
      <li>
        <span className="key bar-irq" aria-hidden="true" /> IRQ handler
      </li>
      <li>
        <span className="key bar-nmi" aria-hidden="true" /> NMI handler (pseudo or GICv3.3)
      </li>
      <li>
        <span className="key bar-open" aria-hidden="true" /> still running (dashed)
      </li>
      <li>
        <span className="key line-pmr" aria-hidden="true" /> PMR (dashed): the priority mask
      </li>
      <li>
        <span className="key line-rpr" aria-hidden="true" /> RPR: the running priority
      </li>
      <li>
        <span aria-hidden="true" className="glyph-nmi">
          ▲
        </span>{' '}
        inject ·{' '}
        <span aria-hidden="true" className="glyph-nmi">
          ◆
        </span>{' '}
        NMI acknowledged · <span aria-hidden="true">●</span> SGI
      </li>
    </ul>
  );
}

/**
 * One lane per PE over virtual time at the shared cursor, with an axis and a legend; drag the
 * cursor (or ←/→ on it) to move.
 */
export function Timeline() {
  const store = useGicStore();
  const client = useClient();
  // the chart follows the store by subscription: the component itself renders only when the
  // machine's PE count changes, not at every frame
  const peCount = useGic(selectPeCount);
  const svgRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<TimelineChart | null>(null);
  const hasMachine = peCount > 0;
  /** the latest redraw, for the chart to ask for when lanes come into view */
  const redrawNowRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!svgRef.current) return;
    const chart = createTimelineChart(svgRef.current, {
      onSeek: (seq) => void client.seek(seq),
      onStep: (direction) => void (direction < 0 ? client.stepBack() : client.step()),
      onReveal: () => redrawNowRef.current?.(),
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [client, hasMachine]);

  const redrawRef = useRef<number | null>(null);
  const frameRef = useRef<{ handle: number; done: () => void } | null>(null);
  const costRef = useRef(0);

  useEffect(() => {
    const redraw = () => {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
      redrawRef.current = null;
      const started = performance.now();
      const state = store.getState();
      const { events, timeline, cursor } = state;
      const busy = state.playing || state.progress !== null;
      const chart = chartRef.current;
      // while busy, a chart scrolled out of view is not drawn at all; it asks when it shows again
      if (busy && chart && !chart.onScreen()) {
        chart.markStale();
        return;
      }
      const input = {
        spans: timeline.spans(),
        steps: timeline.steps(),
        instants: timeline.instants(),
        events: events.latest(events.capacity),
        peCount,
        cursor,
      };
      const model = timelineModel(busy ? newestOnly(input) : input);
      chart?.update(model, cursor.seq, busy);
      costRef.current = performance.now() - started;
    };
    redrawNowRef.current = redraw;
    const schedule = (state: GicState) => {
      if (!(state.playing || state.progress !== null)) {
        // at a pause, once per animation frame: a load, its first frame and the effect that
        // follows a new PE count each asked for a full redraw in the same task
        if (frameRef.current === null) {
          const done = beginDeferredDrawing();
          frameRef.current = {
            handle: requestAnimationFrame(() => {
              frameRef.current = null;
              // the newest redraw: the effect may have run again (a new PE count) since
              redrawNowRef.current?.();
              done();
            }),
            done,
          };
        }
      } else if (redrawRef.current === null) {
        // during playback the chart redraws a few times a second, not at every frame
        const cost = costRef.current;
        const delay =
          cost > SLOW_DRAW_MS
            ? Math.max(REDRAW_SLOW_MS, cost * REDRAW_COST_FACTOR)
            : REDRAW_FAST_MS;
        redrawRef.current = window.setTimeout(redraw, delay);
      }
    };
    schedule(store.getState());
    return store.subscribe((state, previous) => {
      const busy = state.playing || state.progress !== null;
      if (
        state.eventsVersion === previous.eventsVersion &&
        state.timelineVersion === previous.timelineVersion &&
        state.cursor === previous.cursor &&
        busy === (previous.playing || previous.progress !== null)
      )
        return;
      schedule(state);
    });
  }, [store, peCount]);

  useEffect(
    () => () => {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
      if (frameRef.current !== null) {
        cancelAnimationFrame(frameRef.current.handle);
        frameRef.current.done();
      }
    },
    [],
  );

  return (
    <section id="timeline" className="panel timeline" aria-label="Timeline" tabIndex={-1}>
      <div className="timeline-bar">
        <h2>
          Timeline <small>wheel zooms, drag pans, drag the cursor to seek (←/→ on it step)</small>
        </h2>
        <button type="button" onClick={() => chartRef.current?.fit()} disabled={!hasMachine}>
          Zoom to fit
        </button>
      </div>
      {hasMachine ? (
        <>
          <svg
            ref={svgRef}
            className="timeline-svg"
            width="100%"
            role="group"
            aria-label="Handlers and priorities per PE over time"
          />
          <TimelineLegend />
        </>
      ) : (
        <p className="placeholder-text">Load a scenario to see the timeline.</p>
      )}
    </section>
  );
}
