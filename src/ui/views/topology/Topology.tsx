import { selectConfig, selectCpus, selectSelectedPe } from '../../store/index.ts';
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
  const cpus = useGic(selectCpus);
  const selectedPe = useGic(selectSelectedPe);
  const showAll = useUi(selectShowAll);
  const ui = useUiStore();
  if (!config || !cpus)
    return (
      <section id="diagram" className="topology panel" aria-label="Topology" tabIndex={-1}>
        <p className="placeholder-text">Load a scenario to see the GIC.</p>
      </section>
    );
  const mode = topologyMode(config.peCount);
  const selected = cpus[selectedPe] ?? cpus[0];
  return (
    <section
      id="diagram"
      className={`topology panel mode-${mode}`}
      aria-label="Topology"
      tabIndex={-1}
    >
      {mode !== 'full' && <PeTiles cpus={cpus} selected={selected.pe} />}
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
