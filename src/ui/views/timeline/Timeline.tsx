import '../inspect.css';
import { useEffect, useRef } from 'react';
import {
  selectCpus,
  selectEventsVersion,
  selectPlaying,
  selectScenario,
} from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { EventBuffer } from './event-buffer.ts';
import { timelineModel } from './model.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';

const CAPACITY = 4000;
// the chart holds thousands of marks: during playback it redraws once a second (13–30 ms each in a storm)
const REDRAW_WHILE_PLAYING_MS = 1000;

/** One lane per PE over virtual time; drag the cursor (or ←/→ on it) to seek. */
export function Timeline() {
  const store = useGicStore();
  const client = useClient();
  const version = useGic(selectEventsVersion);
  const scenario = useGic(selectScenario);
  const peCount = useGic(selectCpus)?.length ?? 0;
  const svgRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<TimelineChart | null>(null);
  const bufferRef = useRef(new EventBuffer(CAPACITY));
  const hasMachine = peCount > 0;

  useEffect(() => {
    bufferRef.current.clear();
  }, [scenario]);

  useEffect(() => {
    if (!svgRef.current) return;
    const chart = createTimelineChart(svgRef.current, {
      onSeek: (seq) => void client.seek(seq),
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
      const ring = store.getState().events;
      // a frame carries at most 500 events, so the newest 600 always include the new ones
      const latest = ring.latest(600);
      bufferRef.current.merge(latest);
      const current = latest.length ? latest[latest.length - 1].seq : null;
      chartRef.current?.update(timelineModel(bufferRef.current.all(), peCount), current);
    };
    if (!playing) {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
      redraw();
    } else if (redrawRef.current === null) {
      // during playback the chart redraws a few times a second, not at every frame
      redrawRef.current = window.setTimeout(redraw, REDRAW_WHILE_PLAYING_MS);
    }
  }, [store, version, peCount, playing]);

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
