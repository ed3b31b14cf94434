import { formatCount } from '../../format.ts';
import type { Opening } from './use-open-file.ts';

const PHASES: Readonly<Record<string, string>> = {
  fetching: 'Fetching',
  unpacking: 'Unpacking',
  'reading lines': 'Reading lines',
  replaying: 'Replaying through the model',
};

/** How far opening a trace has come, with a way to stop it. */
export function TraceProgress({ opening }: { readonly opening: Opening }) {
  const progress = opening.progress;
  const known = progress !== null && progress.total > 0;
  const percent = known ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : null;
  const phase = progress ? (PHASES[progress.phase] ?? progress.phase) : 'Starting';
  const what = known
    ? `${phase}: ${formatCount(progress.done)} of ${formatCount(progress.total)}`
    : progress && progress.done > 0
      ? `${phase}: ${formatCount(progress.done)} bytes`
      : phase;
  return (
    <div className="trace-progress">
      <span>
        Opening {opening.name} — {what}
      </span>
      <div
        role="progressbar"
        aria-label={`Opening ${opening.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={what}
        className="bar"
      >
        <div className="fill" style={{ width: `${percent ?? 5}%` }} />
      </div>
      <button type="button" onClick={opening.cancel}>
        Cancel
      </button>
    </div>
  );
}
