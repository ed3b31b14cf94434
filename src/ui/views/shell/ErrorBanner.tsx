import { selectFailure } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';

export function ErrorBanner() {
  const failure = useGic(selectFailure);
  const client = useClient();
  if (!failure) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{failure}</p>
      <button type="button" onClick={() => void client.restart()}>
        Restart
      </button>
    </div>
  );
}
