import type { RegisterField } from '../../arch/index.ts';
import type { RegisterFieldView, RegisterValueView } from '../../protocol/index.ts';
import type { PanelRegister } from './catalogue.ts';
import { hexWidth } from './hex.ts';
import type { WarningEvent } from './input.ts';

export type Meaning = (field: RegisterField, value: number) => string | null;

export function fieldValue(value: bigint, field: RegisterField): number {
  return Number((value >> BigInt(field.lo)) & ((1n << BigInt(field.hi - field.lo + 1)) - 1n));
}

/**
 * Decodes `fields` (all of the register's by default) by name; `value` null (write-only, or a
 * read would acknowledge) decodes nothing.
 */
export function registerView(
  register: PanelRegister,
  value: bigint | null,
  meaning: Meaning,
  warnings: readonly string[],
  fields: readonly RegisterField[] = register.fields,
): RegisterValueView {
  const decoded: RegisterFieldView[] =
    value === null
      ? []
      : fields.map((field) => {
          const v = fieldValue(value, field);
          return {
            name: field.name,
            bits: [field.hi, field.lo],
            value: v,
            meaning: meaning(field, v),
          };
        });
  return {
    name: register.name,
    block: register.block,
    offset: register.offset,
    width: register.width,
    access: register.access,
    value: value === null ? null : hexWidth(value, register.width),
    fields: decoded,
    warnings,
  };
}

export const noMeaning: Meaning = () => null;

/** Warnings naming this register (and this PE for banked registers), latest first. */
export function warningsFor(
  recent: readonly WarningEvent[],
  register: string,
  pe: number | null,
): readonly string[] {
  const out: string[] = [];
  for (let i = recent.length - 1; i >= 0; i--) {
    const w = recent[i];
    if (w.register !== register) continue;
    if (pe !== null && w.pe !== null && w.pe !== pe) continue;
    out.push(`${w.code}: ${w.message}`);
  }
  return out;
}

/** A value from named field values: compose(GICR_WAKER, { ProcessorSleep: true }). */
export function compose(
  register: PanelRegister,
  values: Readonly<Record<string, number | boolean>>,
): bigint {
  let out = 0n;
  for (const [name, v] of Object.entries(values)) {
    const field = register.fields.find((fl) => fl.name === name);
    if (!field) throw new Error(`${register.name} has no field ${name}`);
    out |= BigInt(Number(v)) << BigInt(field.lo);
  }
  return out;
}
