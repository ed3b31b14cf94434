import '../inspect.css';
import { useMemo, useState } from 'react';
import type { RegisterValueView } from '../../../protocol/index.ts';
import { selectInspection, useCalm } from '../../store/index.ts';
import { useClient } from '../../store/instance.ts';
import { useDeferredShown } from '../../deferred-drawing.ts';
import { RegisterRow, type RegisterActions } from './RegisterRow.tsx';

function RegisterTable({
  caption,
  registers,
  pe,
  actions,
}: {
  readonly caption: string;
  readonly registers: readonly RegisterValueView[];
  readonly pe: number;
  readonly actions: RegisterActions;
}) {
  return (
    <table className="registers" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Register</th>
          <th scope="col">Value</th>
          <th scope="col">Fields</th>
          <th scope="col">Write</th>
        </tr>
      </thead>
      <tbody>
        {registers.map((register) => (
          <RegisterRow key={register.name} register={register} pe={pe} actions={actions} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * GICD, the inspected PE's GICR and its ICC registers, from the worker's inspection. A write goes
 * through the model (W1S, RO, RAZ/WI behave as on hardware); the reply says what it did.
 */
export function RegistersPanel() {
  // a PE's registers are ~900 elements: a new machine's first inspection (a trace just opened)
  // built them inside one 40 ms task; deferred, React builds them in slices of a few ms
  const inspection = useDeferredShown(useCalm(selectInspection));
  const client = useClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const actions = useMemo<RegisterActions>(
    () => ({
      write: (target, name, value) => {
        void client
          .writeRegister(target, value)
          // the reply names the register, the value written and the value now held
          .then((r) => setOutcome(r.ok ? r.detail : `${name} ← ${value}: ${r.detail}`));
      },
      acknowledge: (target, name) => {
        void client.readRegister(target).then((r) => setOutcome(`${name}: ${r.detail}`));
      },
    }),
    [client],
  );
  return (
    <section className="panel registers-panel" aria-label="Registers">
      <h2>Registers</h2>
      <p role="status" aria-label="Last register access" className="outcome">
        {outcome ?? 'Type a value and press Enter to write it through the model.'}
      </p>
      {inspection ? (
        <div className="table-scroll">
          <RegisterTable
            caption="GICD"
            registers={inspection.distributor}
            pe={inspection.pe}
            actions={actions}
          />
          <RegisterTable
            caption={`GICR (PE ${inspection.pe})`}
            registers={inspection.redistributor}
            pe={inspection.pe}
            actions={actions}
          />
          <RegisterTable
            caption={`ICC (PE ${inspection.pe})`}
            registers={inspection.cpuInterface}
            pe={inspection.pe}
            actions={actions}
          />
        </div>
      ) : (
        <p className="placeholder-text">Load a scenario to see its registers.</p>
      )}
    </section>
  );
}
