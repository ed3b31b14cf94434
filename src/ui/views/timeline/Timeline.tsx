import '../inspect.css';
import { useEffect, useRef } from 'react';
import {
  selectCpus,
  selectEventsVersion,
  selectPlaying,
  selectTimelineVersion,
} from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { newestOnly, timelineModel } from './model.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';

// during playback the chart redraws once a second, with the newest bars only (newestOnly)
const REDRAW_WHILE_PLAYING_MS = 1000;

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

  const playing = useGic(selectPlaying);
  const redrawRef = useRef<number | null>(null);

  useEffect(() => {
    const redraw = () => {
      redrawRef.current = null;
      const { events, timeline, cursor, playing: busy } = store.getState();
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
    };
    if (!playing) {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
      redraw();
    } else if (redrawRef.current === null) {
      // during playback the chart redraws a few times a second, not at every frame
      redrawRef.current = window.setTimeout(redraw, REDRAW_WHILE_PLAYING_MS);
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
