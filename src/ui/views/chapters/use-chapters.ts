import { useCallback } from 'react';
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

export interface Chapters {
  readonly chapters: readonly ChapterView[];
  /** the chapter shown now (-1: before the first) */
  readonly index: number;
  readonly go: (index: number) => Promise<unknown>;
  /** next (1) or previous (-1) chapter; false when there is none that way */
  readonly step: (direction: 1 | -1) => boolean;
}

export function useChapters(): Chapters {
  const client = useClient();
  const store = useGicStore();
  const chapters = useGic(selectScenario)?.chapters ?? NONE;
  const time = useGic(selectTime);
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
  return { chapters, index: chapterAt(chapters, time), go, step };
}
