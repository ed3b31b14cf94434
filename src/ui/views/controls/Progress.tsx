import { useEffect } from 'react';
import { selectPlaying, selectProgress } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';
import { formatCount, formatTime } from '../../format.ts';

/**
 * A long operation in the worker (run until, run to end, step to the next interrupt, a far seek,
 * max-speed play): how far it got and how fast. Pause — or Escape anywhere — stops it.
 */
export function Progress() {
  const progress = useGic(selectProgress);
  const playing = useGic(selectPlaying);
  const client = useClient();
  const busy = progress !== null || playing;

  useEffect(() => {
    if (!busy) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      void client.pause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, client]);

  if (!progress) return null;
  const rate = progress.eventsPerSecond
    ? `, ${formatCount(progress.eventsPerSecond)} events/s`
    : '';
  return (
    <p className="progress" role="status" aria-label="Progress">
      {progress.label}: at {formatTime(progress.time)}
      {progress.target !== null ? ` of ${formatTime(progress.target)}` : ''}
      {rate} — Pause or Esc stops it
    </p>
  );
}
