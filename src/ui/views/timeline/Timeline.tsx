import '../inspect.css';
import { useEffect, useRef } from 'react';
import { selectCpus, selectEventsVersion, selectScenario } from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { EventBuffer } from './event-buffer.ts';
import { timelineModel } from './model.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';

const CAPACITY = 4000;

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

  useEffect(() => {
    const ring = store.getState().events;
    const latest = ring.latest(ring.capacity);
    bufferRef.current.merge(latest);
    const current = latest.length ? latest[latest.length - 1].seq : null;
    chartRef.current?.update(timelineModel(bufferRef.current.all(), peCount), current);
  }, [store, version, peCount]);

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
