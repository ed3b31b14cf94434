import { selectInjector } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';
import { hex2 } from '../../format.ts';

/** The NMI candidates with the round-robin cursor, the last choice, or why there is none. */
export function InjectorPanel() {
  const injector = useGic(selectInjector);
  if (!injector) return null;
  const next = injector.candidates[injector.cursor];
  return (
    <section className="panel injector" aria-label="NMI candidates">
      <h2>NMI candidates</h2>
      {injector.problem ? (
        <p className="problem">{injector.problem}</p>
      ) : (
        <>
          <p className="next">
            {next
              ? `next: INTID ${next.intid}${next.targetPe !== null ? ` → PE ${next.targetPe}` : ''}`
              : ''}
            {injector.injections > 0 && ` · ${injector.injections} injected`}
          </p>
          <ol className="candidates">
            {injector.candidates.map((candidate, index) => {
              const isNext = index === injector.cursor;
              const isLast =
                injector.lastChosen?.intid === candidate.intid &&
                injector.lastChosen.pe === candidate.pe;
              return (
                <li
                  key={`${candidate.intid}:${candidate.pe ?? ''}`}
                  aria-current={isNext ? 'step' : undefined}
                  className={[isNext ? 'is-next' : '', isLast ? 'is-last' : ''].join(' ')}
                >
                  INTID {candidate.intid}
                  {candidate.targetPe !== null ? ` → PE ${candidate.targetPe}` : ''} @{' '}
                  {hex2(candidate.priority)}
                  {isNext ? ' (next)' : ''}
                  {isLast ? ' (last injected)' : ''}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {injector.masking && (
        <section className="masking" aria-label="Priority masking">
          <h3>At CPU interface {injector.masking.pe}</h3>
          <p className="verdict">{injector.masking.nmiVerdict}</p>
          {injector.masking.heldBack.length > 0 && (
            <ul className="held-back" aria-label="Held back">
              {injector.masking.heldBack.map((held) => (
                <li key={held.intid}>
                  INTID {held.intid} @ {hex2(held.priority)}: {held.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
