import {
  selectChecks,
  selectEndTime,
  selectScenario,
  selectStatus,
  type GicState,
} from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';
import { formatTime } from '../../format.ts';

/** Whether the run has not reached its end: a boolean, so the panel does not render per frame. */
const selectBeforeEnd = (s: GicState) => s.view !== null && s.cursor.time < s.view.config.endTime;

const MARK = { true: '✓ passed', false: '✗ failed', null: '… not yet' } as const;

/** What the scenario is meant to show, and its checks as they come due. */
export function ScenarioPanel() {
  const scenario = useGic(selectScenario);
  const checks = useGic(selectChecks);
  const endTime = useGic(selectEndTime);
  const beforeEnd = useGic(selectBeforeEnd);
  // the page may show the opening shipped with it before the worker can run anything
  const ready = useGic(selectStatus) === 'ready';
  const client = useClient();
  if (!scenario) return null;
  return (
    <section className="panel scenario" aria-label="Scenario">
      <h2>{scenario.title}</h2>
      <p className="summary">{scenario.summary}</p>
      {endTime !== undefined && beforeEnd && (
        <button type="button" onClick={() => void client.runUntil(endTime)} disabled={!ready}>
          Run to end ({formatTime(endTime)})
        </button>
      )}
      {checks && checks.length > 0 && (
        <ul className="checks" aria-label="Scenario checks">
          {checks.map((check, index) => (
            <li key={index} className={`check check-${String(check.passed)}`}>
              <span className="mark">{MARK[String(check.passed) as keyof typeof MARK]}</span>{' '}
              {check.description}
              {check.passed === false && check.actual ? ` (got ${check.actual})` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
