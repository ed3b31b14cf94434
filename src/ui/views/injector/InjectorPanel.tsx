import { selectInjector } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';

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
            {next ? `next: INTID ${next.intid}${next.pe !== null ? ` on PE ${next.pe}` : ''}` : ''}
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
                  {candidate.pe !== null ? ` → PE ${candidate.pe}` : ''}
                  {isNext ? ' (next)' : ''}
                  {isLast ? ' (last injected)' : ''}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
