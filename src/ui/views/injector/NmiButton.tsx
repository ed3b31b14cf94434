import { selectInjector } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';
import type { InjectorMode } from '../../../protocol/index.ts';

const MODES: readonly { readonly mode: InjectorMode; readonly label: string }[] = [
  { mode: 'rfc-round-robin', label: 'RFC round-robin (pseudo-NMI priority)' },
  { mode: 'architected', label: 'GICv3.3 architected (non-maskable property)' },
];

export function NmiButton({ disabled }: { readonly disabled: boolean }) {
  const client = useClient();
  const injector = useGic(selectInjector);
  return (
    <span className="nmi-control">
      <button
        type="button"
        className="nmi-button"
        onClick={() => void client.injectNmi()}
        disabled={disabled}
      >
        Inject NMI
      </button>
      <label>
        NMI mode
        <select
          value={injector?.mode ?? 'rfc-round-robin'}
          onChange={(event) => void client.setInjectorMode(event.target.value as InjectorMode)}
          disabled={disabled}
        >
          {MODES.map(({ mode, label }) => (
            <option key={mode} value={mode}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}
