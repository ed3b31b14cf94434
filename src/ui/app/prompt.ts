import type { ChapterView, MachineView } from '../../protocol/index.ts';
import { chapterAt } from '../views/chapters/chapters.ts';
import { storyOf } from '../views/diagram/input.ts';

/** The one line that says what to press next, for the moment shown. */
export function promptText(
  view: MachineView | null,
  chapters: readonly ChapterView[],
  playing: boolean,
  ready: boolean,
): string {
  if (!view) return 'Loading the simulation…';
  // the opening shipped with the page is drawn before the worker has started (or while it restarts)
  if (!ready) return 'Starting the simulation — the controls wake in a moment.';
  if (playing) return 'Playing — Space pauses; ← steps back one event.';
  const { injector } = view;
  const next = injector.candidates[injector.cursor];
  const story = storyOf(view);
  const chapter = chapterAt(chapters, view.time);
  const more = chapter + 1 < chapters.length ? ' · PageDown: next chapter' : '';
  if (view.time >= view.config.endTime)
    return `The story has run to its end — Reset, or choose another scenario${more}.`;
  if (next) {
    const to = next.targetPe !== null ? ` → PE ${next.targetPe}` : '';
    const lead =
      story.live && story.targetPe !== null ? `PE ${story.targetPe} is taking the NMI. ` : '';
    return `${lead}Press Inject NMI (N) to raise INTID ${next.intid}${to}, or Space to play${more}.`;
  }
  return `Press Space to play, → to step one event${more}.`;
}
