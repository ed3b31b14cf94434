import '../inspect.css';
import { useEffect, useRef } from 'react';
import {
  selectCpus,
  selectEventsVersion,
  selectPlaying,
  selectScenario,
  selectTime,
} from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { EventBuffer } from './event-buffer.ts';
import { timelineModel } from './model.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';

const CAPACITY = 4000;
/** During playback the chart follows the clock a few times a second, less when drawing is slow. */
const REDRAW_FAST_MS = 250;
const REDRAW_SLOW_MS = 1000;
const SLOW_DRAW_MS = 6;

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

/** One lane per PE over virtual time, with an axis and a legend; drag the cursor to seek. */
export function Timeline() {
  const store = useGicStore();
  const client = useClient();
  const version = useGic(selectEventsVersion);
  const scenario = useGic(selectScenario);
  const time = useGic(selectTime);
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
  const costRef = useRef(0);

  useEffect(() => {
    const redraw = () => {
      redrawRef.current = null;
      const started = performance.now();
      const state = store.getState();
      // a frame carries at most 500 events, so the newest 600 always include the new ones
      const latest = state.events.latest(600);
      bufferRef.current.merge(latest);
      const current = latest.length ? latest[latest.length - 1].seq : null;
      chartRef.current?.update(
        timelineModel(bufferRef.current.all(), peCount),
        current,
        state.view?.time ?? 0,
      );
      costRef.current = performance.now() - started;
    };
    if (!playing) {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
      redraw();
    } else if (redrawRef.current === null) {
      const delay = costRef.current > SLOW_DRAW_MS ? REDRAW_SLOW_MS : REDRAW_FAST_MS;
      redrawRef.current = window.setTimeout(redraw, delay);
    }
  }, [store, version, peCount, playing, time]);

  useEffect(
    () => () => {
      if (redrawRef.current !== null) window.clearTimeout(redrawRef.current);
    },
    [],
  );

  return (
    <section id="timeline" className="panel timeline" aria-label="Timeline" tabIndex={-1}>
      <div className="timeline-bar">
        <h2>
          Timeline <small>wheel zooms, drag pans, drag the cursor (or ←/→ on it) to seek</small>
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
