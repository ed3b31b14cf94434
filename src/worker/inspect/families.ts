import type { Gic, InterruptView } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import type { PanelRegister } from './catalogue.ts';
import { registerView } from './decode.ts';
import { hex2 } from './hex.ts';
import { interruptName, wordAt } from './words.ts';

/** What one INTID's field of a per-INTID register reads, and how the panel words it. */
export interface Reading {
  readonly of: (irq: InterruptView) => number;
  readonly meaning: (interrupt: string, value: number) => string;
  /** bitmaps list only the set bits and the selected INTID */
  readonly sparse: boolean;
}

const flag = (bit: (irq: InterruptView) => boolean, on: string, off: string): Reading => ({
  of: (irq) => (bit(irq) ? 1 : 0),
  meaning: (name, v) => `${name} ${v ? on : off}`,
  sparse: true,
});

const ENABLED = flag((irq) => irq.enabled, 'enabled', 'disabled');
const PENDING = flag((irq) => irq.pending, 'pending', 'not pending');
const ACTIVE = flag((irq) => irq.active, 'active', 'not active');

export const NMI = flag((irq) => irq.nmi, 'non-maskable (NMI)', 'not an NMI');

export const PRIORITY: Reading = {
  of: (irq) => irq.priority,
  meaning: (name, v) => `${name} priority ${hex2(v)}`,
  sparse: false,
};

/** Two bits per INTID, the upper one 1 for edge-triggered (reference §1.2). */
export const CONFIG: Reading = {
  of: (irq) => (irq.trigger === 'edge' ? 2 : 0),
  meaning: (name, v) => `${name} ${v & 2 ? 'edge-triggered' : 'level-sensitive'}`,
  sparse: false,
};

/** Register stems of the one-bit families; a clear register reads the same state as its set one. */
export const BIT_FAMILIES: readonly (readonly [string, Reading])[] = [
  ['IGROUPR', flag((irq) => irq.group !== 'G0', 'Group 1', 'Group 0')],
  ['ISENABLER', ENABLED],
  ['ICENABLER', ENABLED],
  ['ISPENDR', PENDING],
  ['ICPENDR', PENDING],
  ['ISACTIVER', ACTIVE],
  ['ICACTIVER', ACTIVE],
];

export interface FamilyPlace {
  /** whose Redistributor banked INTIDs (< 32) come from; null for the Distributor */
  readonly pe: number | null;
  readonly selected: number | null;
  readonly warnings: (name: string) => readonly string[];
}

/** One word of a per-INTID array: its value from the model's interrupt views, fields per INTID. */
export function familyView(
  gic: Gic,
  register: PanelRegister,
  reading: Reading,
  at: FamilyPlace,
): RegisterValueView {
  const layout = register.perIntId;
  if (!layout) throw new Error(`${register.name} is not a per-INTID array`);
  const word = wordAt(gic, layout.first, register.width / layout.bits, at.pe);
  let value = 0n;
  word.forEach((irq, x) => {
    if (irq) value |= BigInt(reading.of(irq)) << BigInt(x * layout.bits);
  });
  const fields = register.fields.filter((field) => {
    const irq = word[field.lo / layout.bits];
    return !!irq && (!reading.sparse || reading.of(irq) !== 0 || irq.intid === at.selected);
  });
  return registerView(
    register,
    value,
    (field, v) => reading.meaning(interruptName(layout.first + field.lo / layout.bits), v),
    at.warnings(register.name),
    fields,
  );
}
