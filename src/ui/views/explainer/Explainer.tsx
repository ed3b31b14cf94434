import '../inspect.css';
import type { GateStepView } from '../../../protocol/index.ts';
import { selectInspection, useCalm } from '../../store/index.ts';

const VERDICT: Record<GateStepView['verdict'], string> = {
  passed: '✓ passed',
  blocked: '✗ blocked',
  'not-applicable': '– n/a',
};

/** "Why isn't it delivered?": the gating chain for the selected INTID, first blocked step marked. */
export function Explainer() {
  const explanation = useCalm(selectInspection)?.explanation ?? null;
  const firstBlocked = explanation?.steps.findIndex((s) => s.verdict === 'blocked') ?? -1;
  return (
    <section className="panel explainer" aria-label="Why isn't it delivered?">
      <h2>Why isn't it delivered?</h2>
      {explanation ? (
        <>
          <p className="summary" aria-label="Answer">
            {explanation.summary}
          </p>
          <ol className="gates" aria-label="Gating chain">
            {explanation.steps.map((step, i) => (
              <li
                key={step.check}
                className={`gate ${step.verdict}${i === firstBlocked ? ' first-blocked' : ''}`}
                aria-current={i === firstBlocked ? 'step' : undefined}
              >
                <span className="verdict">
                  {VERDICT[step.verdict]}
                  {i === firstBlocked ? ' (first blocked)' : ''}
                </span>{' '}
                <strong>{step.check}</strong>
                <div className="detail">{step.detail}</div>
                {step.fix && <div className="fix">Fix: {step.fix}</div>}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="placeholder-text">Select an interrupt to see what gates it.</p>
      )}
    </section>
  );
}
