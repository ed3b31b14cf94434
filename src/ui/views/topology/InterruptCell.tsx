import { memo } from 'react';
import type { InterruptView } from '../../../protocol/index.ts';
import { cellLabel, hex2, STATE_GLYPH } from '../../format.ts';
import { selectSelectedKey } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';

/** One INTID: state by colour and by glyph/border, enabled and group as text. */
export const InterruptCell = memo(function InterruptCell({
  interrupt,
}: {
  readonly interrupt: InterruptView;
}) {
  const store = useGicStore();
  const selected = useGic(selectSelectedKey) === interrupt.key;
  const classes = [
    'cell',
    `state-${interrupt.state}`,
    interrupt.enabled ? 'enabled' : 'disabled',
    `group-${interrupt.group}`,
    interrupt.nmi ? 'nmi' : '',
    selected ? 'selected' : '',
  ];
  return (
    <button
      type="button"
      className={classes.join(' ')}
      aria-label={cellLabel(interrupt)}
      aria-pressed={selected}
      title={`${cellLabel(interrupt)} · priority ${hex2(interrupt.priority)} · ${interrupt.group.toUpperCase()} · ${interrupt.trigger}${interrupt.name ? ` · ${interrupt.name}` : ''}`}
      data-key={interrupt.key}
      onClick={() => {
        store.getState().selectInterrupt(selected ? null : interrupt.key);
        if (interrupt.pe !== null) store.getState().selectPe(interrupt.pe);
      }}
    >
      <span className="intid">{interrupt.intid}</span>
      <span className="glyph">{STATE_GLYPH[interrupt.state]}</span>
    </button>
  );
});
