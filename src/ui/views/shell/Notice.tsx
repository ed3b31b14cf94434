import { selectNotice } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';

/** The last rejected input (bad scenario, bad register value): said plainly, session kept. */
export function Notice() {
  const notice = useGic(selectNotice);
  const store = useGicStore();
  if (!notice) return null;
  return (
    <div className="notice" role="status" aria-label="Notice">
      <p>{notice}</p>
      <button type="button" onClick={() => store.getState().notify(null)}>
        Dismiss
      </button>
    </div>
  );
}
