import '../inspect.css';
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { hex2 } from '../../format.ts';
import { selectInspection, selectSelectedKey, useCalm } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';
import { keyOf, parseKey } from '../selection/keys.ts';
import { ladderGeometry, MARK_TEXT, rungNmi } from './geometry.ts';
import { createLadderChart, type LadderChart } from './ladder-chart.ts';

/** The selected PE's priorities on one 0x00–0xFF scale, and the same facts as a list. */
export function PriorityLadder() {
  const ladder = useCalm(selectInspection)?.ladder ?? null;
  const selected = parseKey(useGic(selectSelectedKey));
  const store = useGicStore();
  const hostRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<LadderChart | null>(null);
  const [width, setWidth] = useState(420);
  const hasLadder = ladder !== null;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // the width comes with the observer's first callback, after the page's own layout and
    // before its paint (flushSync draws at once): reading clientWidth at mount forced a layout of
    // the whole page inside the task that mounted the panel (a third of the trace import's
    // longest task in a CPU profile)
    const observer = new ResizeObserver(() =>
      flushSync(() => setWidth(Math.max(280, Math.floor(host.clientWidth)))),
    );
    observer.observe(host);
    return () => observer.disconnect();
  }, [hasLadder]);

  useEffect(() => {
    if (!svgRef.current) return;
    const chart = createLadderChart(svgRef.current, {
      onSelect: (intid) => {
        const pe = store.getState().inspection?.ladder.pe ?? store.getState().selectedPe;
        store.getState().selectInterrupt(keyOf(intid, pe));
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [store, hasLadder]);

  const selectedIntid = selected?.intid ?? null;
  useEffect(() => {
    if (ladder) chartRef.current?.update(ladderGeometry(ladder, width), selectedIntid);
  }, [ladder, selectedIntid, width]);

  return (
    <section className="panel ladder" aria-label="Priority ladder">
      <h2>Priority ladder {ladder && <small>PE {ladder.pe}</small>}</h2>
      {ladder ? (
        <>
          <div ref={hostRef} className="ladder-host">
            <svg
              ref={svgRef}
              width="100%"
              role="group"
              aria-label={`Priorities of PE ${ladder.pe}: PMR ${hex2(ladder.pmr)}, running priority ${hex2(ladder.runningPriority)}`}
            />
          </div>
          <p className="ladder-facts">
            PMR {hex2(ladder.pmr)} · running priority {hex2(ladder.runningPriority)}
            {ladder.runningNmi ? ' (NMI)' : ''} · group priority mask {hex2(ladder.groupMask)} ·
            active {ladder.activeLevels.length ? ladder.activeLevels.map(hex2).join(', ') : 'none'}
            {ladder.nmiActive ? ' + NMI' : ''}
          </p>
          <ul className="rungs" aria-label={`Pending at PE ${ladder.pe}`}>
            {ladder.pending.length === 0 && <li>nothing pending</li>}
            {ladder.pending.map((p) => (
              <li key={p.intid} className={p.mark}>
                <button
                  type="button"
                  aria-pressed={p.intid === selectedIntid}
                  onClick={() => store.getState().selectInterrupt(keyOf(p.intid, ladder.pe))}
                >
                  INTID {p.intid} {hex2(p.priority)}: {MARK_TEXT[p.mark]}
                </button>{' '}
                <span className="reason">
                  {rungNmi(p) && `${rungNmi(p)} · `}
                  {p.reason}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="placeholder-text">Load a scenario to see the priorities.</p>
      )}
    </section>
  );
}
