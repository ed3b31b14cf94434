import { memo } from 'react';
import type { CpuView } from '../../../protocol/index.ts';
import { hex2 } from '../../format.ts';
import { selectSelectedPe } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';

function Line({ name, on }: { readonly name: string; readonly on: boolean }) {
  return (
    <span className={`line ${on ? 'on' : 'off'}`} aria-label={`${name} ${on ? 'asserted' : 'low'}`}>
      {name} {on ? '▲' : '–'}
    </span>
  );
}

function Mask({ name, set }: { readonly name: string; readonly set: boolean }) {
  return (
    <span
      className={`mask ${set ? 'set' : 'clear'}`}
      aria-label={`${name} ${set ? 'set' : 'clear'}`}
    >
      {name}={set ? 1 : 0}
    </span>
  );
}

export const CpuInterfaceCard = memo(function CpuInterfaceCard({ cpu }: { readonly cpu: CpuView }) {
  const store = useGicStore();
  const selected = useGic(selectSelectedPe) === cpu.pe;
  const top = cpu.handlers[cpu.handlers.length - 1];
  return (
    <section
      className={`block cpu-interface${selected ? ' selected' : ''}`}
      aria-label={`CPU interface ${cpu.pe}`}
      data-key={`cpu:${cpu.pe}`}
      onClick={() => store.getState().selectPe(cpu.pe)}
    >
      <h3>CPU interface {cpu.pe}</h3>
      <dl className="regs">
        <dt>PMR</dt>
        <dd aria-label={`PMR ${hex2(cpu.pmr)}`}>{hex2(cpu.pmr)}</dd>
        <dt>RPR</dt>
        <dd
          aria-label={`Running priority ${cpu.runningPriority === 0xff ? 'idle' : hex2(cpu.runningPriority)}`}
        >
          {cpu.runningPriority === 0xff ? 'idle' : hex2(cpu.runningPriority)}
          {cpu.runningNmi ? ' NMI' : ''}
        </dd>
        <dt>HPPI</dt>
        <dd aria-label={`HPPI ${cpu.hppi ? cpu.hppi.intid : 'none'}`}>
          {cpu.hppi
            ? `${cpu.hppi.intid} @ ${hex2(cpu.hppi.priority)}${cpu.hppi.nmi ? ' NMI' : ''}`
            : '—'}
        </dd>
      </dl>
      <div className="lines">
        <Line name="IRQ" on={cpu.lines.irq} />
        <Line name="FIQ" on={cpu.lines.fiq} />
        <Line name="NMI" on={cpu.lines.nmi} />
      </div>
      <div className="masks">
        <Mask name="I" set={cpu.masks.i} />
        <Mask name="F" set={cpu.masks.f} />
        <Mask name="ALLINT" set={cpu.masks.allint} />
      </div>
      <p className="activity" aria-label={`PE ${cpu.pe} activity`}>
        {top
          ? top.intid === null
            ? `in ${top.text}`
            : `in ${top.kind.toUpperCase()} handler: ${top.name}`
          : cpu.activity}
        {cpu.handlers.length > 1 ? ` (nested ×${cpu.handlers.length})` : ''}
      </p>
    </section>
  );
});
