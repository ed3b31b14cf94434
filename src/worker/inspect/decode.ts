import type { RegisterFieldView, RegisterValueView } from '../../protocol/index.ts';
import type { FieldSpec, RegisterBlockView } from './catalogue.ts';
import { hexWidth } from './hex.ts';
import type { WarningEvent } from './input.ts';

export type Meaning = (field: FieldSpec, value: number) => string | null;

export interface RegisterShape {
  readonly name: string;
  readonly block: RegisterBlockView;
  readonly offset: number | null;
  readonly width: 32 | 64;
  readonly access: RegisterValueView['access'];
}

export function fieldValue(value: bigint, field: FieldSpec): number {
  const [hi, lo] = field.bits;
  return Number((value >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n));
}

/** Decodes every field by name; `value` null (a read would acknowledge) decodes nothing. */
export function registerView(
  shape: RegisterShape,
  value: bigint | null,
  fields: readonly FieldSpec[],
  meaning: Meaning,
  warnings: readonly string[],
): RegisterValueView {
  const decoded: RegisterFieldView[] =
    value === null
      ? []
      : fields.map((field) => {
          const v = fieldValue(value, field);
          return { name: field.name, bits: field.bits, value: v, meaning: meaning(field, v) };
        });
  return {
    name: shape.name,
    block: shape.block,
    offset: shape.offset,
    width: shape.width,
    access: shape.access,
    value: value === null ? null : hexWidth(value, shape.width),
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
