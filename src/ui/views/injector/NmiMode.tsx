import type { InjectorMode } from '../../../protocol/index.ts';
import { selectInjector, selectScenario, selectStatus } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';

const MODES: readonly { readonly mode: InjectorMode; readonly label: string }[] = [
  { mode: 'rfc-round-robin', label: 'RFC round-robin (by priority)' },
  { mode: 'architected', label: 'GICv3.3 architected (by property)' },
];

/** Which interrupts Inject NMI chooses from. */
export function NmiMode() {
  const client = useClient();
  const injector = useGic(selectInjector);
  const status = useGic(selectStatus);
  const scenario = useGic(selectScenario);
  const ready = status === 'ready' && scenario !== null;
  return (
    <label className="nmi-mode">
      NMI mode
      <select
        value={injector?.mode ?? 'rfc-round-robin'}
        onChange={(event) => void client.setInjectorMode(event.target.value as InjectorMode)}
        disabled={!ready}
      >
        {MODES.map(({ mode, label }) => (
          <option key={mode} value={mode}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
