import type { ChapterView } from '../../protocol/index.ts';
import type { GicState } from '../store/index.ts';
import { useGic } from '../store/instance.ts';
import { promptText } from './prompt.ts';

const NONE: readonly ChapterView[] = [];
/** The line itself: a string, so the prompt renders only when its words change, not per frame. */
const selectPrompt = (s: GicState) =>
  promptText(s.view, s.scenario?.chapters ?? NONE, s.playing, s.status === 'ready');

/** One line: what to press next. */
export function Prompt() {
  const text = useGic(selectPrompt);
  return (
    <p className="prompt" role="status" aria-label="What to do next">
      {text}
    </p>
  );
}
