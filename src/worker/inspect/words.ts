import type { Gic, InterruptView } from '../../gic/index.ts';
import type { FieldSpec } from './catalogue.ts';

/** The interrupts of one register word, or null where an INTID is not implemented. */
export type Word = readonly (InterruptView | null)[];

/** `perRegister` INTIDs starting at `first`; banked (SGI/PPI) ones read from `pe`'s Redistributor. */
export function wordAt(gic: Gic, first: number, perRegister: number, pe: number | null): Word {
  const out: (InterruptView | null)[] = [];
  for (let i = 0; i < perRegister; i++) {
    const intid = first + i;
    const banked = intid < 32;
    const implemented = banked ? pe !== null : intid <= gic.config.maxSpiIntId;
    out.push(implemented ? gic.interrupt(intid, banked ? (pe ?? undefined) : undefined) : null);
  }
  return out;
}

export function interruptName(intid: number): string {
  if (intid < 16) return `SGI ${intid}`;
  if (intid < 32) return `PPI ${intid}`;
  return `SPI ${intid}`;
}

/** One bit per INTID: the register value and a field for each set bit and for the selected INTID. */
export function bitWord(
  word: Word,
  fieldName: string,
  bit: (irq: InterruptView) => boolean,
  selected: number | null,
): { readonly value: bigint; readonly fields: readonly FieldSpec[] } {
  let value = 0n;
  const fields: FieldSpec[] = [];
  word.forEach((irq, x) => {
    if (!irq) return;
    const set = bit(irq);
    if (set) value |= 1n << BigInt(x);
    if (set || irq.intid === selected) fields.push({ name: `${fieldName}${x}`, bits: [x, x] });
  });
  return { value, fields };
}

/** One byte per INTID (IPRIORITYR). */
export function byteWord(word: Word): {
  readonly value: bigint;
  readonly fields: readonly FieldSpec[];
} {
  let value = 0n;
  const fields: FieldSpec[] = [];
  word.forEach((irq, x) => {
    if (!irq) return;
    value |= BigInt(irq.priority) << BigInt(8 * x);
    fields.push({ name: `Priority_offset_${x}B`, bits: [8 * x + 7, 8 * x] });
  });
  return { value, fields };
}

/** Two bits per INTID, the upper one 1 for edge-triggered (ICFGR, reference §1.2). */
export function configWord(word: Word): {
  readonly value: bigint;
  readonly fields: readonly FieldSpec[];
} {
  let value = 0n;
  const fields: FieldSpec[] = [];
  word.forEach((irq, x) => {
    if (!irq) return;
    if (irq.trigger === 'edge') value |= 2n << BigInt(2 * x);
    fields.push({ name: `Int_config${x}`, bits: [2 * x + 1, 2 * x] });
  });
  return { value, fields };
}
