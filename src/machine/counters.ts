import type { IrqDesc } from './state.ts';

export interface CounterRow {
  /** "27", "IPI0" or "Err", as the first column of /proc/interrupts. */
  readonly label: string;
  readonly intid: number | null;
  readonly counts: readonly number[];
  readonly total: number;
  /** "GICv3  27 Level     arch_timer" or "Rescheduling interrupts". */
  readonly description: string;
  readonly nmi: boolean;
}

export interface CountersTable {
  readonly pes: number;
  readonly rows: readonly CounterRow[];
}

export function countersTable(
  pes: number,
  descs: Readonly<Record<string, IrqDesc>>,
  counts: Readonly<Record<string, readonly number[]>>,
): CountersTable {
  const rows: CounterRow[] = [];
  const zero = new Array<number>(pes).fill(0);
  const sorted = Object.values(descs).sort((a, b) => a.intid - b.intid);
  for (const d of sorted.filter((x) => x.intid >= 16)) {
    const c = counts[d.intid] ?? zero;
    const trigger = d.trigger === 'edge' ? 'Edge ' : 'Level';
    // MSIs through the ITS: Linux's ITS-MSI domain numbers them DeviceID << 11 | vector.
    const chip =
      d.msi === undefined
        ? `GICv3 ${String(d.intid).padStart(3)}`
        : `ITS-MSI ${(d.msi.deviceId << 11) | d.msi.eventId}`;
    rows.push({
      label: String(d.intid),
      intid: d.intid,
      counts: c,
      total: sum(c),
      description: `${chip} ${trigger}     ${d.name}`,
      nmi: d.kind === 'nmi' || d.kind === 'percpu-nmi',
    });
  }
  for (const d of sorted.filter((x) => x.intid < 16)) {
    const c = counts[d.intid] ?? zero;
    rows.push({
      label: `IPI${d.intid}`,
      intid: d.intid,
      counts: c,
      total: sum(c),
      description: d.name,
      nmi: d.kind === 'ipi-nmi',
    });
  }
  const errs = counts.err ?? zero;
  rows.push({
    label: 'Err',
    intid: null,
    counts: errs,
    total: sum(errs),
    description: '',
    nmi: false,
  });
  return { pes, rows };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The table as /proc/interrupts prints it. */
export function formatCounters(table: CountersTable): string {
  const width = 11;
  const header =
    ' '.repeat(6) + Array.from({ length: table.pes }, (_, i) => `CPU${i}`.padStart(width)).join('');
  const lines = table.rows.map((r) => {
    const cells = r.counts.map((n) => String(n).padStart(width)).join('');
    return `${`${r.label}:`.padStart(6)}${cells}   ${r.description}`.trimEnd();
  });
  return [header, ...lines].join('\n');
}
