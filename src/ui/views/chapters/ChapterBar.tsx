import { selectTime } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';
import { chapterTarget } from './chapters.ts';
import { useChapters } from './use-chapters.ts';

/** The current chapter's title and caption, with the clicker's next/previous as buttons. */
export function ChapterBar() {
  const { chapters, index, step } = useChapters();
  const time = useGic(selectTime);
  if (chapters.length === 0) return null;
  const chapter = chapters[index];
  return (
    <section className="chapter-bar" aria-label="Chapter">
      <p className="chapter-text" aria-live="polite">
        <span className="chapter-count">
          {chapter ? `Chapter ${index + 1} of ${chapters.length}` : `${chapters.length} chapters`}
        </span>{' '}
        {chapter ? (
          <>
            <strong className="chapter-title">{chapter.title}</strong>
            {time === chapter.at ? (
              chapter.caption && <span className="chapter-caption"> — {chapter.caption}</span>
            ) : (
              <span className="chapter-moved"> — moved on since (Previous chapter goes back)</span>
            )}
          </>
        ) : (
          <span className="chapter-caption">
            — press Next chapter (PageDown) for “{chapters[0].title}”
          </span>
        )}
      </p>
      <span className="chapter-nav">
        <button
          type="button"
          onClick={() => step(-1)}
          disabled={chapterTarget(chapters, time, -1) === null}
        >
          ◀ Previous chapter
        </button>
        <button
          type="button"
          onClick={() => step(1)}
          disabled={chapterTarget(chapters, time, 1) === null}
        >
          Next chapter ▶
        </button>
      </span>
    </section>
  );
}
