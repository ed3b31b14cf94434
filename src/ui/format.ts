import type { InterruptState, InterruptView } from '../protocol/index.ts';

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

export function stateLabel(state: InterruptState): string {
  return STATE_LABEL[state];
}

/** The accessible name of a cell: "SPI 33 pending", "PPI 27 active on PE 1". */
export function cellLabel(interrupt: InterruptView): string {
  const parts = [intidName(interrupt), stateLabel(interrupt.state)];
  if (!interrupt.enabled) parts.push('disabled');
  if (interrupt.nmi) parts.push('NMI');
  return parts.join(' ');
}

export function formatTime(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}
