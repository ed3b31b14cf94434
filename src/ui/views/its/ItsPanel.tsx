import './its.css';
import { selectCounters, selectInspection, selectSelectedKey, useCalm } from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';
import { queueRing } from './queue-ring.ts';

const hex = (n: number) => `0x${n.toString(16).toUpperCase()}`;

/**
 * The ITS block: the command queue as a ring (CREADR, CWRITER, each command decoded), the device
 * and collection tables, the selected LPI's way from the device to the CPU interface with its
 * configuration byte and pending bit, and the selected PE's Redistributor LPI state.
 */
export function ItsPanel() {
  const inspection = useCalm(selectInspection);
  const counters = useCalm(selectCounters);
  const selectedKey = useGic(selectSelectedKey);
  const store = useGicStore();
  const its = inspection?.its ?? null;
  if (its === null) return null;
  const lpis = (counters ?? []).filter((r) => r.intid !== null && r.intid >= 8192);
  const ring = queueRing(its.slots, its.creadr, its.cwriter, its.processed);
  const lpi = its.lpi;
  return (
    <section className="panel its" aria-label="ITS">
      <h2>ITS and LPIs</h2>
      <div className="its-lpis" role="group" aria-label="LPIs">
        {lpis.map((row) => {
          const key = `lpi:${row.intid ?? 0}`;
          const selected = selectedKey === key;
          return (
            <button
              key={key}
              type="button"
              aria-pressed={selected}
              className={selected ? 'selected' : ''}
              onClick={() => store.getState().selectInterrupt(selected ? null : key)}
            >
              LPI {row.intid} <span className="count">{row.perPe.reduce((a, b) => a + b, 0)}×</span>{' '}
              <span className="name">{row.description.replace(/^ITS-MSI \d+ Edge\s+/, '')}</span>
            </button>
          );
        })}
      </div>
      <div className="its-body">
        <figure className="its-queue" aria-label="Command queue">
          <svg
            viewBox="0 0 120 120"
            width="120"
            height="120"
            role="img"
            aria-label={`Command queue: ${its.slots} slots, CREADR ${its.creadr}, CWRITER ${its.cwriter}${its.stalled ? ', stalled' : ''}`}
          >
            {ring.segments.map((s) => (
              <path key={s.index} d={s.d} className={`slot ${s.state}`} />
            ))}
            <circle cx={ring.creadr.x} cy={ring.creadr.y} r="4" className="creadr" />
            <circle cx={ring.cwriter.x} cy={ring.cwriter.y} r="2.5" className="cwriter" />
            <text x="60" y="56" textAnchor="middle" className="ring-label">
              {its.processed}
            </text>
            <text x="60" y="70" textAnchor="middle" className="ring-label small">
              commands
            </text>
          </svg>
          <figcaption>
            GITS_CREADR {its.creadr} · GITS_CWRITER {its.cwriter}
            {its.stalled ? ' · Stalled' : ''} {its.enabled ? '' : ' · ITS disabled'}
          </figcaption>
        </figure>
        <div className="its-commands">
          <h3>Commands</h3>
          {/* it scrolls: keyboard users reach it too (axe scrollable-region-focusable) */}
          <ol aria-label="ITS commands" className="commands" tabIndex={0}>
            {its.recent.map((c) => (
              <li key={`done-${c.slot}`} className="done">
                <span className="slot">#{c.slot}</span> {c.text}
              </li>
            ))}
            {its.queued.map((c) => (
              <li key={`queued-${c.slot}`} className="queued">
                <span className="slot">#{c.slot}</span> {c.text} (queued)
              </li>
            ))}
          </ol>
        </div>
      </div>
      {lpi && (
        <div className="lpi-detail" aria-label={`LPI ${lpi.intid}`}>
          <h3>LPI {lpi.intid}</h3>
          <ol className="lpi-path" aria-label="Translation path">
            {lpi.path.map((step) => (
              <li key={step.stage} className={step.ok ? 'ok' : 'blocked'}>
                <span className="mark">{step.ok ? '✓' : '✗'}</span> {step.text}
              </li>
            ))}
          </ol>
          <p className="lpi-bytes">
            Configuration byte in memory <code>{hex(lpi.configByte)}</code>
            {lpi.visibleConfigByte !== null && lpi.visibleConfigByte !== lpi.configByte ? (
              <>
                {' '}
                — the Redistributor still uses <code>{hex(lpi.visibleConfigByte)}</code> (no INV
                yet)
              </>
            ) : null}
            {' · '}priority {hex(lpi.priority)} · {lpi.enabled ? 'enabled' : 'disabled'} · pending
            bit {lpi.pending ? 1 : 0}
          </p>
        </div>
      )}
      <p className="rd-lpis" aria-label="Redistributor LPIs">
        Redistributor {its.redistributor.pe}: EnableLPIs {its.redistributor.enableLpis ? 1 : 0} ·
        PROPBASER {its.redistributor.propbaser} · PENDBASER {its.redistributor.pendbaser} · pending{' '}
        {its.redistributor.pending.length === 0 ? 'none' : its.redistributor.pending.join(', ')} ·
        configuration{' '}
        {its.redistributor.cacheMode === 'rescan'
          ? 're-read on rescan (QEMU)'
          : 'cached until INV/INVALL'}
      </p>
      <p className="its-tables">
        Devices:{' '}
        {its.devices.length === 0
          ? 'none mapped'
          : its.devices
              .map((d) => `${hex(d.deviceId)} (${d.mappings.length}/${d.events} events)`)
              .join(', ')}
        {' · '}Collections:{' '}
        {its.collections.length === 0
          ? 'none'
          : its.collections.map((c) => `${c.icid}→PE ${c.pe ?? '?'}`).join(', ')}
      </p>
    </section>
  );
}
