import type { InterruptState, InterruptView, NmiKind } from '../protocol/index.ts';

export const hex2 = (value: number) => `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;

export function intidName(interrupt: Pick<InterruptView, 'class' | 'intid'>): string {
  return `${interrupt.class.toUpperCase()} ${interrupt.intid}`;
}

const STATE_LABEL: Record<InterruptState, string> = {
  inactive: 'inactive',
  pending: 'pending',
  active: 'active',
  'active-pending': 'active and pending',
};

/** Short glyph shown inside a cell, so state never depends on colour alone. */
export const STATE_GLYPH: Record<InterruptState, string> = {
  inactive: '',
  pending: 'P',
  active: 'A',
  'active-pending': 'A+P',
};

const LPI_STATE_LABEL: Record<InterruptState, string> = {
  inactive: 'idle',
  pending: 'pending',
  active: 'in service',
  'active-pending': 'in service and pending',
};

export function stateLabel(state: InterruptState): string {
  return STATE_LABEL[state];
}

/**
 * How an interrupt is an NMI: the GICv3.3 property, or Linux's pseudo-NMI convention (the
 * guest's NMI priority byte, as the GIC holds it — `pseudoNmiPriority` comes from the worker).
 */
export function nmiKindOf(
  interrupt: Pick<InterruptView, 'nmi' | 'priority'>,
  pseudoNmiPriority: number | null | undefined,
): NmiKind | null {
  if (interrupt.nmi) return 'architected';
  if (pseudoNmiPriority != null && interrupt.priority === pseudoNmiPriority) return 'pseudo';
  return null;
}

/** "pseudo-NMI, priority 0x80" or "NMI (GICv3.3 non-maskable)". */
export function nmiText(kind: NmiKind, priority: number): string {
  return kind === 'pseudo'
    ? `pseudo-NMI, priority ${hex2(priority)}`
    : 'NMI (GICv3.3 non-maskable)';
}

/** The accessible name of a cell: "SPI 33 pending", "PPI 23 inactive, disabled, pseudo-NMI, priority 0x80". */
export function cellLabel(interrupt: InterruptView, nmiKind: NmiKind | null = null): string {
  // an LPI has no active state (IHI 0069 §5.1): acknowledged, it is in service at its CPU interface
  const state =
    interrupt.class === 'lpi' ? LPI_STATE_LABEL[interrupt.state] : stateLabel(interrupt.state);
  const parts = [`${intidName(interrupt)} ${state}`];
  if (!interrupt.enabled) parts.push('disabled');
  if (nmiKind) parts.push(nmiText(nmiKind, interrupt.priority));
  return parts.join(', ');
}

export function formatTime(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}

/**
 * An integer with thousands separators, as `toLocaleString('en')` writes it ("350,000"), without
 * ICU: the first Intl number format of a page loads its locale data, measured at 15–50 ms in
 * Chromium on the bench machine, and it landed inside the trace import's first progress render.
 */
export function formatCount(value: number): string {
  const digits = Math.abs(Math.round(value)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}
