import { useCallback, useMemo } from 'react';
import type { ChapterView } from '../../../protocol/index.ts';
import type { GicClient } from '../../client/index.ts';
import { selectScenario, selectTime } from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { chapterAt, chapterTarget } from './chapters.ts';

const NONE: readonly ChapterView[] = [];

/** Runs the machine to `target` ns: forward from here, or from a reset when it lies behind. */
export async function goToTime(client: GicClient, now: number, target: number) {
  if (target < now) {
    const reset = await client.reset();
    if (!reset.ok) return reset;
  }
  return target > 0 ? client.runUntil(target) : { ok: true, detail: 'at the start' };
}

export interface ChapterSteps {
  readonly chapters: readonly ChapterView[];
  readonly go: (index: number) => Promise<unknown>;
  /** next (1) or previous (-1) chapter; false when there is none that way */
  readonly step: (direction: 1 | -1) => boolean;
}

export interface Chapters extends ChapterSteps {
  /** the chapter shown now (-1: before the first) */
  readonly index: number;
}

/**
 * The scenario's chapters and how to move between them, read at the moment of the move: no
 * subscription to the clock, so a caller near the root (the page's shortcuts, in App) does not
 * re-render the whole page at every frame.
 */
export function useChapterSteps(): ChapterSteps {
  const client = useClient();
  const store = useGicStore();
  const chapters = useGic(selectScenario)?.chapters ?? NONE;
  const go = useCallback(
    (index: number) => {
      const chapter = chapters[index];
      if (!chapter) return Promise.resolve();
      return goToTime(client, store.getState().view?.time ?? 0, chapter.at);
    },
    [chapters, client, store],
  );
  const step = useCallback(
    (direction: 1 | -1) => {
      const now = store.getState().view?.time ?? 0;
      const target = chapterTarget(chapters, now, direction);
      if (target === null) return false;
      void go(target);
      return true;
    },
    [chapters, go, store],
  );
  return useMemo(() => ({ chapters, go, step }), [chapters, go, step]);
}

/** The chapters with the one shown now: re-renders as the clock moves. */
export function useChapters(): Chapters {
  const steps = useChapterSteps();
  const time = useGic(selectTime);
  return { ...steps, index: chapterAt(steps.chapters, time) };
}
