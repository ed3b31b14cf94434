import type { ChapterView } from '../../../protocol/index.ts';

/** The chapter being shown at `time`: the last one at or before it (-1: before the first). */
export function chapterAt(chapters: readonly ChapterView[], time: number): number {
  let index = -1;
  for (let i = 0; i < chapters.length; i++) if (chapters[i].at <= time) index = i;
  return index;
}

/**
 * Where the clicker goes: the next chapter after the current one, or the previous one. From a
 * moment past a chapter's own time, "previous" goes back to that chapter first.
 */
export function chapterTarget(
  chapters: readonly ChapterView[],
  time: number,
  direction: 1 | -1,
): number | null {
  const current = chapterAt(chapters, time);
  if (direction === 1) return current + 1 < chapters.length ? current + 1 : null;
  if (current >= 0 && chapters[current].at < time) return current;
  return current - 1 >= 0 ? current - 1 : null;
}
