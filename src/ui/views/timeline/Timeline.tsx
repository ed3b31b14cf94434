import '../inspect.css';
import { useEffect, useRef } from 'react';
import {
  selectCpus,
  selectEventsVersion,
  selectBusy,
  selectTimelineVersion,
} from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { newestOnly, timelineModel } from './model.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';

// during playback the chart redraws once a second, with the newest bars only (newestOnly), or
// less often when a redraw takes long (a 100 ms redraw comes every 5 s)
const REDRAW_WHILE_PLAYING_MS = 1000;
const REDRAW_COST_FACTOR = 50;

/** One lane per PE over virtual time, at the shared cursor; drag the cursor (or ←/→ on it) to move. */
export function Timeline() {
  const store = useGicStore();
  const client = useClient();
  const eventsVersion = useGic(selectEventsVersion);
  const timelineVersion = useGic(selectTimelineVersion);
  const peCount = useGic(selectCpus)?.length ?? 0;
  const svgRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<TimelineChart | null>(null);
  const hasMachine = peCount > 0;

  useEffect(() => {
    if (!svgRef.current) return;
    const chart = createTimelineChart(svgRef.current, {
      onSeek: (seq) => void client.seek(seq),
      onStep: (direction) => void (direction < 0 ? client.stepBack() : client.step()),
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [client, hasMachine]);

  const playing = useGic(selectBusy);
  const redrawRef = useRef<number | null>(null);
  const costRef = useRef(0);

  useEffect(() => {
    const redraw = () => {
      redrawRef.current = null;
      const started = performance.now();
      const state = store.getState();
      const { events, timeline, cursor } = state;
      const busy = state.playing || state.progress !== null;
      const input = {
        spans: timeline.spans(),
        steps: timeline.steps(),
        instants: timeline.instants(),
        events: events.latest(events.capacity),
        peCount,
        cursor,
      };
      const model = timelineModel(busy ? newestOnly(input) : input);
      chartRef.current?.update(model, cursor.seq);
      costRef.current = performance.now() - started;
    };
    if (!playing) {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
      redraw();
    } else if (redrawRef.current === null) {
      // during playback the chart redraws a few times a second, not at every frame
      redrawRef.current = window.setTimeout(
        redraw,
        Math.max(REDRAW_WHILE_PLAYING_MS, costRef.current * REDRAW_COST_FACTOR),
      );
    }
  }, [store, eventsVersion, timelineVersion, peCount, playing]);
  useEffect(
    () => () => {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
    },
    [],
  );

  return (
    <section className="panel timeline" aria-label="Timeline">
      <h2>
        Timeline <small>wheel to zoom, drag to pan, drag the cursor to seek</small>
      </h2>
      {hasMachine ? (
        <svg ref={svgRef} className="timeline-svg" width="100%" />
      ) : (
        <p className="placeholder-text">Load a scenario to see the timeline.</p>
      )}
    </section>
  );
}
