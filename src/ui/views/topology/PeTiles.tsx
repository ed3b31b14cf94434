import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { CpuView } from '../../../protocol/index.ts';
import { hex2 } from '../../format.ts';
import { selectCpus } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';
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

interface TileProps {
  readonly pe: number;
  readonly summary: ReturnType<typeof peSummary>;
  readonly pmr: number;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly onPress: (pe: number) => void;
  readonly onKey: (event: KeyboardEvent<HTMLButtonElement>, pe: number) => void;
}

/**
 * One PE's tile. Its props are what it shows, not the PE's CpuView: a storm changes most CpuViews
 * every frame (running priority, handler stack) while a tile's word and PMR change far less often,
 * and a tile whose props are equal is not rendered again.
 */
const PeTile = memo(function PeTile({
  pe,
  summary,
  pmr,
  selected,
  tabbable,
  onPress,
  onKey,
}: TileProps) {
  return (
    <button
      type="button"
      className={`tile tile-${summary}${selected ? ' selected' : ''}`}
      aria-label={`PE ${pe}: ${LONG[summary]}, PMR ${hex2(pmr)}`}
      aria-pressed={selected}
      tabIndex={tabbable ? 0 : -1}
      data-key={`cpu:${pe}`}
      onClick={() => onPress(pe)}
      onKeyDown={(event) => onKey(event, pe)}
    >
      <span className="intid" aria-hidden="true">
        {pe}
      </span>
      <span className="glyph" aria-hidden="true">
        {WORD[summary]}
      </span>
    </button>
  );
});

const NONE: readonly CpuView[] = [];

/** The aggregate drawing: one tile per PE, one tab stop, arrows inside; a tile draws that PE. */
export function PeTiles({ selected }: { readonly selected: number }) {
  const store = useGicStore();
  const cpus = useGic(selectCpus) ?? NONE;
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const current = active ?? selected;
  const count = cpus.length;
  const onPress = useCallback(
    (pe: number) => {
      setActive(pe);
      store.getState().selectPe(pe);
    },
    [store],
  );
  const onKey = useCallback(
    (event: KeyboardEvent<HTMLButtonElement>, pe: number) => {
      const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      const row = perRow(buttons);
      const moves: Record<string, number> = {
        ArrowRight: pe + 1,
        ArrowLeft: pe - 1,
        ArrowDown: pe + row,
        ArrowUp: pe - row,
        Home: 0,
        End: count - 1,
      };
      const next = moves[event.key];
      if (next === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      const to = Math.max(0, Math.min(count - 1, next));
      setActive(to);
      buttons[to]?.focus();
    },
    [count],
  );
  return (
    <section className="pe-tiles" aria-label="PEs">
      <h3>
        {count} PEs <small>press one to draw its Redistributor, CPU interface and PE</small>
      </h3>
      <div className="tiles" ref={ref} role="group" aria-label="PE tiles">
        {cpus.map((cpu) => (
          <PeTile
            key={cpu.pe}
            pe={cpu.pe}
            summary={peSummary(cpu)}
            pmr={cpu.pmr}
            selected={cpu.pe === selected}
            tabbable={cpu.pe === current}
            onPress={onPress}
            onKey={onKey}
          />
        ))}
      </div>
    </section>
  );
}
