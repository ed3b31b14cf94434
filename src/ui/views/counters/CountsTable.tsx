import { selectCounters, selectPeCount, useCalm } from '../../store/index.ts';
import { useGic } from '../../store/instance.ts';

/** The guest's /proc/interrupts, live. */
export function CountsTable() {
  const counters = useCalm(selectCounters);
  const peCount = useGic(selectPeCount);
  if (!counters || peCount === 0) return null;
  return (
    <section className="panel counts" aria-labelledby="counts-title">
      <h2 id="counts-title">/proc/interrupts</h2>
      <div
        className="table-scroll"
        tabIndex={0}
        role="group"
        aria-label="Interrupt counts, scrollable"
      >
        <table aria-label="Interrupt counts">
          <thead>
            <tr>
              <th scope="col">IRQ</th>
              {Array.from({ length: peCount }, (_, pe) => (
                <th scope="col" key={pe}>
                  CPU{pe}
                </th>
              ))}
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            {counters.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}:</th>
                {row.perPe.map((count, pe) => (
                  <td key={pe}>{count}</td>
                ))}
                <td className="name">{row.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
