import { selectConfig, selectPeCount, selectSelectedPe } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';
import { selectShowAll } from '../../app/ui-store.ts';
import { useUi, useUiStore } from '../../app/ui-instance.ts';
import { Diagram } from '../diagram/Diagram.tsx';
import { Legend } from '../diagram/Legend.tsx';
import { topologyMode } from './layout.ts';
import { PeTiles } from './PeTiles.tsx';

/** The GIC drawn: the block diagram (every PE up to 8; beyond, tiles plus the chosen PE). */
export function Topology() {
  const config = useGic(selectConfig);
  // the selected PE's number, not the PEs: Topology renders when the selection moves, not at
  // every frame (the tiles and the diagram subscribe to what they draw)
  const selectedPe = useGic(selectSelectedPe);
  const peCount = useGic(selectPeCount);
  const showAll = useUi(selectShowAll);
  const ui = useUiStore();
  if (!config || peCount === 0)
    return (
      <section id="diagram" className="topology panel" aria-label="Topology" tabIndex={-1}>
        <p className="placeholder-text">Load a scenario to see the GIC.</p>
      </section>
    );
  const mode = topologyMode(config.peCount);
  const selected = selectedPe < peCount ? selectedPe : 0;
  return (
    <section
      id="diagram"
      className={`topology panel mode-${mode}`}
      aria-label="Topology"
      tabIndex={-1}
    >
      {mode !== 'full' && <PeTiles selected={selected} />}
      <Diagram />
      <div className="topology-bar">
        <h2>
          GIC <small>{describe(config.peCount, mode)}</small>
        </h2>
        <label className="show-all">
          <input
            type="checkbox"
            checked={showAll}
            onChange={(event) => ui.getState().setShowAll(event.target.checked)}
          />
          Show idle interrupts
        </label>
        <Legend />
      </div>
    </section>
  );
}

function describe(peCount: number, mode: ReturnType<typeof topologyMode>): string {
  return mode === 'full'
    ? `${peCount} PE${peCount === 1 ? '' : 's'}: Distributor → Redistributor → CPU interface → PE`
    : `${peCount} PEs: press a tile to draw that PE in full`;
}
