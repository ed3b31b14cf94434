import { selectEventsVersion } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';
import { formatTime } from '../../format.ts';

const SHOWN = 200;

/** The newest events, with the values as they were when each happened. */
export function EventLog() {
  useGic(selectEventsVersion);
  const ring = useGicStore().getState().events;
  const rows = ring.latest(SHOWN);
  return (
    <section className="panel log" aria-label="Event log">
      <h2>Event log</h2>
      {ring.dropped > 0 && (
        <p className="dropped">
          {ring.dropped} older events dropped (the log keeps the newest {ring.capacity})
        </p>
      )}
      <ol className="events" aria-label="Events">
        {rows.map((event) => (
          <li key={event.seq} className={event.warning ? 'warning' : undefined}>
            <span className="t">{formatTime(event.time)}</span>
            <span className="pe">{event.pe !== null ? `PE${event.pe}` : 'GIC'}</span>
            <span className="text">{event.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
