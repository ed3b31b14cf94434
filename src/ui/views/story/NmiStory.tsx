import type { CpuView, InjectorView, NmiCandidateView } from '../../../protocol/index.ts';
import { hex2, nmiText } from '../../format.ts';
import { selectInjector, type GicState } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';
import { handlerName } from '../diagram/column.ts';
import { storyOf } from '../diagram/input.ts';
import { NmiMode } from '../injector/NmiMode.tsx';
import { AboutNmi } from './AboutNmi.tsx';

const MODE_TEXT = {
  'rfc-round-robin': 'RFC round-robin: the interrupts at the guest’s NMI priority',
  architected: 'GICv3.3: the interrupts with the non-maskable property',
} as const;

function Rotation({ injector }: { readonly injector: InjectorView }) {
  const { candidates, cursor, lastChosen } = injector;
  const isLast = (c: NmiCandidateView) =>
    injector.injections > 0 && lastChosen?.intid === c.intid && lastChosen.pe === c.pe;
  return (
    <ol className="rotation" aria-label="Candidates in rotation order">
      {candidates.map((c, index) => {
        const next = index === cursor;
        const last = isLast(c);
        return (
          <li
            key={`${c.intid}:${c.pe ?? ''}`}
            aria-current={next ? 'step' : undefined}
            className={`candidate${next ? ' is-next' : ''}${last ? ' is-last' : ''}`}
          >
            <span className="candidate-cursor" aria-hidden="true">
              {next ? '▶' : ''}
            </span>
            <span className="candidate-name">
              INTID {c.intid}
              {c.targetPe !== null ? ` → PE ${c.targetPe}` : ' → no PE'}
              {next && <span className="tag tag-next"> (next)</span>}
              {last && <span className="tag tag-last"> (last injected)</span>}
            </span>
            <span className={`candidate-kind kind-${c.kind}`}>{nmiText(c.kind, c.priority)}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The machine writes hex in lower case; the page shows 0xC0 everywhere. */
const upperHex = (text: string) =>
  text.replace(/0x[0-9a-f]+/gi, (h) => `0x${h.slice(2).toUpperCase()}`);

function peActivity(cpu: CpuView): string {
  const top = cpu.handlers[cpu.handlers.length - 1];
  const masks = `PSTATE I=${cpu.masks.i ? 1 : 0} F=${cpu.masks.f ? 1 : 0} ALLINT=${cpu.masks.allint ? 1 : 0}`;
  if (!top) return `${cpu.activity} · PMR ${hex2(cpu.pmr)} · ${masks}`;
  if (top.intid === null || top.intid < 0)
    return `taking the ${top.kind.toUpperCase()} exception, the INTID not read yet · ${masks}`;
  const what = `${top.kind.toUpperCase()} ${top.intid}${top.name ? ` ${handlerName(top.name)}` : ''}`;
  const below = cpu.handlers.length > 1 ? `, preempting ${cpu.handlers.length - 1} handler(s)` : '';
  return `in the ${top.kind.toUpperCase()} handler: ${what}${below} · ${masks}`;
}

/** Whether the last injection is still being handled (false with no machine). */
const selectStoryLive = (s: GicState) => (s.view ? storyOf(s.view).live : false);
/** The PE the last injection went to, as a CpuView: a new object only when that PE changed. */
const selectTarget = (s: GicState) => {
  const masking = s.view?.injector.masking;
  return masking ? s.view?.cpus[masking.pe] : undefined;
};

/**
 * The NMI story beside the diagram: the candidates in rotation order with the cursor, the verdict
 * at the target's gate, what that gate holds back, and what the target PE is doing.
 */
export function NmiStory() {
  // what it shows, not the whole view: the machine view is a new object at every frame
  const injector = useGic(selectInjector);
  const live = useGic(selectStoryLive);
  const target = useGic(selectTarget);
  if (!injector) return null;
  const next = injector.candidates[injector.cursor];
  const masking = injector.masking;
  return (
    <section id="story" className="panel story" aria-label="NMI story" tabIndex={-1}>
      <h2>The NMI button</h2>
      <NmiMode />
      <p className="mode-line">{MODE_TEXT[injector.mode]}</p>
      <section className="injector" aria-label="NMI candidates">
        <h3>Candidates</h3>
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
            <Rotation injector={injector} />
          </>
        )}
      </section>
      {masking && (
        <section className="masking" aria-label="Priority masking">
          <h3>
            At CPU interface {masking.pe}
            {live ? '' : <small> (last injection)</small>}
          </h3>
          <p className="verdict">{upperHex(masking.nmiVerdict)}</p>
          {masking.heldBack.length > 0 && (
            <ul className="held-back" aria-label="Held back">
              {masking.heldBack.map((held) => (
                <li key={held.intid}>
                  INTID {held.intid} @ {hex2(held.priority)}: {upperHex(held.reason)}
                </li>
              ))}
            </ul>
          )}
          {target && (
            <p className="pe-activity" aria-label={`PE ${target.pe} now`}>
              <strong>PE {target.pe} now:</strong> {peActivity(target)}
            </p>
          )}
        </section>
      )}
      <AboutNmi />
    </section>
  );
}
