import type { CpuView } from '../../../protocol/index.ts';
import { hex2 } from '../../format.ts';
import { useGicStore } from '../../store/instance.ts';
import { peSummary } from './layout.ts';

const WORD = { nmi: 'NMI', irq: 'IRQ', pending: 'line', idle: '' } as const;
const LONG = {
  nmi: 'in NMI handler',
  irq: 'in IRQ handler',
  pending: 'interrupt signalled',
  idle: 'idle',
} as const;

/** The aggregate drawing: one tile per PE; pressing a tile shows that PE in full below. */
export function PeTiles({
  cpus,
  selected,
}: {
  readonly cpus: readonly CpuView[];
  readonly selected: number;
}) {
  const store = useGicStore();
  return (
    <section className="block pe-tiles" aria-label="PEs">
      <h2>
        {cpus.length} PEs <small>press one to see its Redistributor and CPU interface</small>
      </h2>
      <div className="tiles">
        {cpus.map((cpu) => {
          const summary = peSummary(cpu);
          return (
            <button
              key={cpu.pe}
              type="button"
              className={`tile tile-${summary}${cpu.pe === selected ? ' selected' : ''}`}
              aria-label={`PE ${cpu.pe}: ${LONG[summary]}, PMR ${hex2(cpu.pmr)}`}
              aria-pressed={cpu.pe === selected}
              data-key={`cpu:${cpu.pe}`}
              onClick={() => store.getState().selectPe(cpu.pe)}
            >
              <span className="intid">{cpu.pe}</span>
              <span className="glyph">{WORD[summary]}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
