import { useState } from 'react';
import {
  selectBusy,
  selectEventsVersion,
  selectPeCount,
  useCalm,
  visibleLog,
} from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { formatTime } from '../../format.ts';
import { filterEvents, kindsOf, NO_FILTER, type LogFilter } from '../log-filter/filter.ts';
import { LogFilters } from '../log-filter/LogFilters.tsx';
import { keyOf } from '../selection/keys.ts';

const SHOWN = 100;
/** while playing, rows scroll by faster than anyone reads: fewer rows to rebuild each redraw */
const SHOWN_WHILE_PLAYING = 30;

/** The newest events, with the values as they were when each happened. */
export function EventLog() {
  useCalm(selectEventsVersion);
  const store = useGicStore();
  const client = useClient();
  const peCount = useGic(selectPeCount);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  // rows up to the cursor: after a step back the recorded future stays hidden until replayed
  const { rows: all, future, dropped } = visibleLog(store.getState());
  // newest first: the row that just happened is the one on top
  const rows = [
    ...filterEvents(all, filter, selectBusy(store.getState()) ? SHOWN_WHILE_PLAYING : SHOWN),
  ].reverse();
  return (
    <section className="panel log" aria-label="Event log">
      <h2>Event log</h2>
      <LogFilters filter={filter} peCount={peCount} kinds={kindsOf(all)} onChange={setFilter} />
      {dropped > 0 && (
        <p className="dropped">
          {dropped} events not listed (the log keeps the newest {store.getState().events.capacity},
          and a frame at most 250)
        </p>
      )}
      {future > 0 && (
        <p className="future">
          {future} later events hidden: they follow the cursor (Step replays them)
        </p>
      )}
      <ol className="events" aria-label="Events">
        {rows.map((event) => (
          <li
            key={event.seq}
            className={event.warning ? 'warning' : undefined}
            aria-current={event.seq === selectedSeq ? 'true' : undefined}
          >
            <button
              type="button"
              className="row"
              title="Seek the machine (and the timeline) to just after this event"
              onClick={() => {
                setSelectedSeq(event.seq);
                if (event.intid !== null && event.intid < 1020)
                  store.getState().selectInterrupt(keyOf(event.intid, event.pe ?? 0));
                if (event.pe !== null) store.getState().selectPe(event.pe);
                void client.seek(event.seq);
              }}
            >
              <span className="t">{formatTime(event.time)}</span>
              <span className="pe">{event.pe !== null ? `PE${event.pe}` : 'GIC'}</span>
              <span className="text">{event.text}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
