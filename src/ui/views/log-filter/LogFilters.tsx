import type { LogFilter } from './filter.ts';

/** Filter controls for the event log: PE, INTID, kind. */
export function LogFilters({
  filter,
  peCount,
  kinds,
  onChange,
}: {
  readonly filter: LogFilter;
  readonly peCount: number;
  readonly kinds: readonly string[];
  readonly onChange: (filter: LogFilter) => void;
}) {
  return (
    <div className="log-filters" role="group" aria-label="Log filters">
      <label>
        PE{' '}
        <select
          aria-label="Filter by PE"
          value={filter.pe === null ? 'all' : String(filter.pe)}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...filter, pe: v === 'all' ? null : v === 'gic' ? 'gic' : Number(v) });
          }}
        >
          <option value="all">all</option>
          <option value="gic">GIC</option>
          {Array.from({ length: peCount }, (_v, pe) => (
            <option key={pe} value={pe}>
              PE{pe}
            </option>
          ))}
        </select>
      </label>
      <label>
        INTID{' '}
        <input
          aria-label="Filter by INTID"
          inputMode="numeric"
          size={5}
          value={filter.intid ?? ''}
          onChange={(e) => {
            const v = e.target.value.trim();
            onChange({ ...filter, intid: /^\d+$/.test(v) ? Number(v) : null });
          }}
        />
      </label>
      <label>
        Kind{' '}
        <select
          aria-label="Filter by kind"
          value={filter.kind ?? 'all'}
          onChange={(e) =>
            onChange({ ...filter, kind: e.target.value === 'all' ? null : e.target.value })
          }
        >
          <option value="all">all</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
