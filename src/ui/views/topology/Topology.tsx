import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { InterruptView } from '../../../protocol/index.ts';
import { selectConfig, selectCpus, selectInterrupts } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';
import { CpuInterfaceCard } from './CpuInterfaceCard.tsx';
import { InterruptCell } from './InterruptCell.tsx';
import { TokenOverlay } from './TokenOverlay.tsx';

/** Banked interrupts grouped by PE, SGIs then PPIs; one pass over all interrupts. */
function bankedByPe(interrupts: Readonly<Record<string, InterruptView>>, peCount: number) {
  const byPe: InterruptView[][] = Array.from({ length: peCount }, () => []);
  for (const interrupt of Object.values(interrupts))
    if (interrupt.class !== 'spi' && interrupt.pe !== null) byPe[interrupt.pe]?.push(interrupt);
  for (const list of byPe) list.sort((a, b) => a.intid - b.intid);
  return byPe;
}

export function Topology() {
  const hostRef = useRef<HTMLElement>(null);
  const config = useGic(selectConfig);
  const cpus = useGic(selectCpus);
  const interrupts = useGic(selectInterrupts);
  const spis = useGic(
    useShallow((s) =>
      Object.values(s.view?.interrupts ?? {})
        .filter((i) => i.class === 'spi')
        .sort((a, b) => a.intid - b.intid),
    ),
  );
  if (!config || !cpus || !interrupts)
    return (
      <section className="topology" aria-label="Topology">
        <p className="placeholder-text">Load a scenario to see the GIC.</p>
      </section>
    );
  const compact = config.peCount > 8;
  const banked = bankedByPe(interrupts, cpus.length);
  return (
    <section ref={hostRef} className={`topology${compact ? ' compact' : ''}`} aria-label="Topology">
      <TokenOverlay host={hostRef} />
      <section className="block distributor" aria-label="Distributor" data-key="distributor">
        <h2>
          Distributor <small>{config.spiCount} SPIs</small>
        </h2>
        <div className="cells">
          {spis.map((spi) => (
            <InterruptCell key={spi.key} interrupt={spi} />
          ))}
        </div>
      </section>
      <div className="pes" style={{ '--pe-count': cpus.length } as React.CSSProperties}>
        {cpus.map((cpu) => (
          <div className="pe-column" key={cpu.pe}>
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
                {banked[cpu.pe]!.map((interrupt) => (
                  <InterruptCell key={interrupt.key} interrupt={interrupt} />
                ))}
              </div>
            </section>
            <CpuInterfaceCard cpu={cpu} />
          </div>
        ))}
      </div>
    </section>
  );
}
