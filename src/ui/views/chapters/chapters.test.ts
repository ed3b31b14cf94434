import { describe, expect, it } from 'vitest';
import { chapterAt, chapterTarget } from './chapters.ts';

const chapters = [
  { at: 100, title: 'a', caption: '' },
  { at: 200, title: 'b', caption: '' },
  { at: 300, title: 'c', caption: '' },
];

describe('chapters', () => {
  it('the current chapter is the last one at or before the time', () => {
    expect(chapterAt(chapters, 0)).toBe(-1);
    expect(chapterAt(chapters, 100)).toBe(0);
    expect(chapterAt(chapters, 250)).toBe(1);
    expect(chapterAt(chapters, 900)).toBe(2);
  });

  it('next goes to the following chapter and stops after the last', () => {
    expect(chapterTarget(chapters, 0, 1)).toBe(0);
    expect(chapterTarget(chapters, 100, 1)).toBe(1);
    expect(chapterTarget(chapters, 300, 1)).toBeNull();
  });

  it('previous goes back to the current chapter when past its moment, else to the one before', () => {
    expect(chapterTarget(chapters, 200, -1)).toBe(0);
    expect(chapterTarget(chapters, 250, -1)).toBe(1);
    expect(chapterTarget(chapters, 100, -1)).toBeNull();
    expect(chapterTarget(chapters, 50, -1)).toBeNull();
  });
});
