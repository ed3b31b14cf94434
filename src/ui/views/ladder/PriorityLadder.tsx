import '../inspect.css';
import { useEffect, useRef } from 'react';
import { selectInspection, selectSelectedKey, useCalm } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';
import { keyOf, parseKey } from '../selection/keys.ts';
import { ladderGeometry, MARK_TEXT } from './geometry.ts';
import { createLadderChart, type LadderChart } from './ladder-chart.ts';

const BOX = { width: 420, height: 300, scaleX: 56, margin: 8 };
const hex2 = (v: number) => `0x${v.toString(16).toUpperCase().padStart(2, '0')}`;

/** The selected PE's priorities on one 0x00–0xFF scale, and the same facts as a list. */
export function PriorityLadder() {
  const ladder = useCalm(selectInspection)?.ladder ?? null;
  const selected = parseKey(useGic(selectSelectedKey));
  const store = useGicStore();
  const svgRef = useRef<SVGSVGElement>(null);
  const chartRef = useRef<LadderChart | null>(null);
  const hasLadder = ladder !== null;

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
    if (ladder) chartRef.current?.update(ladderGeometry(ladder, BOX), selectedIntid);
  }, [ladder, selectedIntid]);

  return (
    <section className="panel ladder" aria-label="Priority ladder">
      <h2>Priority ladder {ladder && <small>PE {ladder.pe}</small>}</h2>
      {ladder ? (
        <>
          <svg
            ref={svgRef}
            viewBox={`0 0 ${BOX.width} ${BOX.height}`}
            width={BOX.width}
            height={BOX.height}
            role="img"
            aria-label={`Priorities of PE ${ladder.pe}: PMR ${hex2(ladder.pmr)}, running priority ${hex2(ladder.runningPriority)}`}
          />
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
                <span className="reason">{p.reason}</span>
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
