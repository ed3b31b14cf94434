import { useRef, useState } from 'react';
import type { CpuView, InterruptView } from '../../../protocol/index.ts';
import {
  selectConfig,
  selectCpus,
  selectInterruptGroups,
  selectSelectedPe,
} from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';
import { CpuInterfaceCard } from './CpuInterfaceCard.tsx';
import { InterruptCell } from './InterruptCell.tsx';
import { DENSE_FROM_PES, isInteresting, topologyMode } from './layout.ts';
import { PeTiles } from './PeTiles.tsx';
import { TokenOverlay } from './TokenOverlay.tsx';

function PeColumn({
  cpu,
  banked,
}: {
  readonly cpu: CpuView;
  readonly banked: readonly InterruptView[];
}) {
  return (
    <div className="pe-column">
      <section
        className="block redistributor"
        aria-label={`Redistributor ${cpu.pe}`}
        data-key={`redistributor:${cpu.pe}`}
      >
        <h3>
          Redistributor {cpu.pe}{' '}
          <small className={cpu.awake ? 'awake' : 'asleep'}>
            {cpu.awake ? 'awake' : 'asleep (WAKER.ProcessorSleep=1)'}
          </small>
        </h3>
        <div className="cells">
          {banked.map((interrupt) => (
            <InterruptCell key={interrupt.key} interrupt={interrupt} />
          ))}
        </div>
      </section>
      <CpuInterfaceCard cpu={cpu} />
    </div>
  );
}

export function Topology() {
  const hostRef = useRef<HTMLElement>(null);
  const [showAll, setShowAll] = useState(false);
  const config = useGic(selectConfig);
  const cpus = useGic(selectCpus);
  const selectedPe = useGic(selectSelectedPe);
  // grouped by the store as frames arrive: only the lists that changed are new
  const grouped = useGic(selectInterruptGroups);
  if (!config || !cpus || !grouped)
    return (
      <section className="topology" aria-label="Topology">
        <p className="placeholder-text">Load a scenario to see the GIC.</p>
      </section>
    );
  const mode = topologyMode(config.peCount);
  const { spis, banked } = grouped;
  const dense = mode === 'full' && cpus.length >= DENSE_FROM_PES;
  const shown = (list: readonly InterruptView[]) =>
    dense && !showAll ? list.filter(isInteresting) : list;
  const selected = cpus[selectedPe] ?? cpus[0];
  return (
    <section
      ref={hostRef}
      className={`topology mode-${mode}${dense ? ' dense' : ''}`}
      aria-label="Topology"
    >
      <TokenOverlay host={hostRef} />
      <section className="block distributor" aria-label="Distributor" data-key="distributor">
        <h2>
          Distributor <small>{config.spiCount} SPIs</small>
          {dense && (
            <label className="show-all">
              <input
                type="checkbox"
                checked={showAll}
                onChange={(event) => setShowAll(event.target.checked)}
              />
              Show every SGI and PPI
            </label>
          )}
        </h2>
        <div className="cells">
          {spis.map((spi) => (
            <InterruptCell key={spi.key} interrupt={spi} />
          ))}
        </div>
      </section>
      {mode !== 'full' ? (
        <>
          <PeTiles cpus={cpus} selected={selected.pe} />
          <div className="pes" style={{ '--pe-count': 1 } as React.CSSProperties}>
            <PeColumn cpu={selected} banked={banked[selected.pe]} />
          </div>
        </>
      ) : (
        <div className="pes" style={{ '--pe-count': cpus.length } as React.CSSProperties}>
          {cpus.map((cpu) => (
            <PeColumn key={cpu.pe} cpu={cpu} banked={shown(banked[cpu.pe])} />
          ))}
        </div>
      )}
    </section>
  );
}
