import { useRef, useState, type KeyboardEvent } from 'react';
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

/** Tiles per row, from where they wrapped (for ↑/↓). */
function perRow(buttons: readonly HTMLElement[]): number {
  const top = buttons[0]?.offsetTop;
  const n = buttons.findIndex((b) => b.offsetTop !== top);
  return n <= 0 ? buttons.length || 1 : n;
}

/** The aggregate drawing: one tile per PE, one tab stop, arrows inside; a tile draws that PE. */
export function PeTiles({
  cpus,
  selected,
}: {
  readonly cpus: readonly CpuView[];
  readonly selected: number;
}) {
  const store = useGicStore();
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const current = active ?? selected;
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, pe: number) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const row = perRow(buttons);
    const moves: Record<string, number> = {
      ArrowRight: pe + 1,
      ArrowLeft: pe - 1,
      ArrowDown: pe + row,
      ArrowUp: pe - row,
      Home: 0,
      End: cpus.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const to = Math.max(0, Math.min(cpus.length - 1, next));
    setActive(to);
    buttons[to]?.focus();
  };
  return (
    <section className="pe-tiles" aria-label="PEs">
      <h3>
        {cpus.length} PEs <small>press one to draw its Redistributor, CPU interface and PE</small>
      </h3>
      <div className="tiles" ref={ref} role="group" aria-label="PE tiles">
        {cpus.map((cpu) => {
          const summary = peSummary(cpu);
          return (
            <button
              key={cpu.pe}
              type="button"
              className={`tile tile-${summary}${cpu.pe === selected ? ' selected' : ''}`}
              aria-label={`PE ${cpu.pe}: ${LONG[summary]}, PMR ${hex2(cpu.pmr)}`}
              aria-pressed={cpu.pe === selected}
              tabIndex={cpu.pe === current ? 0 : -1}
              data-key={`cpu:${cpu.pe}`}
              onClick={() => {
                setActive(cpu.pe);
                store.getState().selectPe(cpu.pe);
              }}
              onKeyDown={(event) => onKey(event, cpu.pe)}
            >
              <span className="intid" aria-hidden="true">
                {cpu.pe}
              </span>
              <span className="glyph" aria-hidden="true">
                {WORD[summary]}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
