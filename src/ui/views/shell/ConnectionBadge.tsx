import { selectStatus } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';

const TEXT = {
  // no longer than the text that follows it: a longer one wrapped the header's first row at 1280 px
  connecting: 'Connecting…',
  ready: 'Simulation connected',
  incompatible: 'Simulation incompatible',
  failed: 'Simulation stopped',
} as const;

export function ConnectionBadge() {
  const status = useGic(selectStatus);
  return (
    <p className={`connection connection-${status}`} role="status" aria-label="Connection">
      <span aria-hidden="true" className="dot" />
      {TEXT[status]}
    </p>
  );
}
