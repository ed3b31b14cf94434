/** Names for INTIDs and priority values, as the exports show them. */
import type { NamedValue } from './recording.ts';

/** "SGI 1", "PPI 27", "SPI 33", "LPI 8192", or a special INTID's meaning. */
export function intidLabel(intid: number): string {
  if (intid < 16) return `SGI ${intid}`;
  if (intid < 32) return `PPI ${intid}`;
  if (intid < 1020) return `SPI ${intid}`;
  if (intid < 1024)
    return intid === 1022 ? 'NMI (1022)' : intid === 1023 ? 'none (1023)' : `special ${intid}`;
  return `LPI ${intid}`;
}

/** "SPI 33 uart-pl011" when the guest named it, else "SPI 33". */
export function interruptName(intid: number, names: Readonly<Record<number, string>>): string {
  const name = names[intid];
  return name ? `${intidLabel(intid)} ${name}` : intidLabel(intid);
}

/** The priority values Linux's pseudo-NMI code gives a meaning to, plus idle (0xFF). */
export function guestPriorityNames(values: {
  readonly pmrIrqOn: number;
  readonly pmrIrqOff: number;
  readonly irqPriority: number;
  readonly nmiPriority: number;
}): NamedValue[] {
  const named = new Map<number, string[]>();
  const add = (value: number, name: string) =>
    named.set(value, [...(named.get(value) ?? []), name]);
  add(0xff, 'idle');
  add(values.pmrIrqOn, 'irqs on (GIC_PRIO_IRQON)');
  add(values.pmrIrqOff, 'irqs off (GIC_PRIO_IRQOFF)');
  add(values.irqPriority, 'IRQ priority');
  add(values.nmiPriority, 'NMI priority');
  return [...named]
    .sort((a, b) => a[0] - b[0])
    .map(([value, names]) => ({ value, name: names.join(' / ') }));
}
