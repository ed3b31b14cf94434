import { selectPlaying, selectScenario, selectView } from '../store/index.ts';
import { useGic } from '../store/instance.ts';
import { promptText } from './prompt.ts';

/** One line: what to press next. */
export function Prompt() {
  const view = useGic(selectView);
  const playing = useGic(selectPlaying);
  const chapters = useGic(selectScenario)?.chapters ?? [];
  return (
    <p className="prompt" role="status" aria-label="What to do next">
      {promptText(view, chapters, playing)}
    </p>
  );
}
