import { formatCount } from '../../format.ts';
import type { GicState } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';

const selectTrace = (s: GicState) => s.view?.trace;

/**
 * What replaying a QEMU trace found: how many values were compared and agreed, every
 * disagreement at its line (press it to go there), and what the model does not cover.
 */
export function TracePanel() {
  const trace = useGic(selectTrace);
  const client = useClient();
  if (!trace) return null;
  const disagree = trace.mismatchCount;
  const checks = Object.entries(trace.comparedBy).sort((a, b) => b[1] - a[1]);
  return (
    <section className="panel trace-panel" aria-labelledby="trace-title">
      <h2 id="trace-title">QEMU trace replay</h2>
      <p className="trace-name">
        {trace.name}: {formatCount(trace.records)} gicv3 records in {formatCount(trace.lines)}{' '}
        lines, replayed through the model (qemu profile)
      </p>
      <p
        className={disagree === 0 ? 'verdict agree' : 'verdict disagree'}
        role="status"
        aria-label="Agreement"
      >
        {disagree === 0
          ? `All ${formatCount(trace.compared)} compared values agree`
          : `${formatCount(disagree)} of ${formatCount(trace.compared)} compared values disagree`}
      </p>
      {disagree > 0 && (
        <>
          <h3 id="trace-mismatches">Disagreements</h3>
          <ul className="mismatches" aria-labelledby="trace-mismatches">
            {trace.mismatches.map((m) => (
              <li key={`${m.eventSeq}`}>
                <button type="button" onClick={() => void client.seek(m.eventSeq)}>
                  line {m.line}: {m.check}
                  {m.pe === null ? '' : ` on PE ${m.pe}`} — QEMU {m.qemu}, model {m.model}
                </button>
              </li>
            ))}
          </ul>
          {disagree > trace.mismatches.length && (
            <p>
              The first {trace.mismatches.length} are listed; <code>gicscope replay</code> prints
              all {disagree}.
            </p>
          )}
        </>
      )}
      {trace.notModelled.length > 0 && (
        <>
          <h3 id="trace-not-modelled">Not modelled</h3>
          <table aria-labelledby="trace-not-modelled" className="not-modelled">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Part</th>
                <th scope="col">Records</th>
                <th scope="col">First line</th>
              </tr>
            </thead>
            <tbody>
              {trace.notModelled.map((n) => (
                <tr key={n.event}>
                  <th scope="row">{n.event}</th>
                  <td>{n.area}</td>
                  <td>{formatCount(n.count)}</td>
                  <td>{n.firstLine}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {trace.problems.length > 0 && (
        <>
          <h3>Not replayed</h3>
          <ul>
            {trace.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Compared values and the configuration</summary>
        <p>{checks.map(([check, n]) => `${check} ${formatCount(n)}`).join(', ')}</p>
        <ul>
          {trace.evidence.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
