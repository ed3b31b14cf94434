import {
  CPU_INTERFACE_REGISTERS,
  DISTRIBUTOR_REGISTERS,
  GICR_SGI_BASE,
  REDISTRIBUTOR_REGISTERS,
  type RegisterField,
  type RegisterSpec,
} from '../../arch/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';

/** A register as a panel shows it: all of it from src/arch, with `<n>` and `<x>` resolved. */
export interface PanelRegister {
  readonly name: string;
  readonly block: RegisterValueView['block'];
  /** from Dist_base, or from RD_base (SGI_base registers from GICR_SGI_BASE); null for sysregs */
  readonly offset: number | null;
  readonly width: 32 | 64;
  readonly access: RegisterValueView['access'];
  readonly fields: readonly RegisterField[];
  /** write-only, or a read acknowledges (ICC_IAR*): the panel never reads it */
  readonly unreadable: boolean;
  /** per-INTID arrays: the INTID of bit 0 and the bits each INTID takes */
  readonly perIntId: { readonly first: number; readonly bits: number } | null;
}

export interface MmioRegister extends PanelRegister {
  readonly offset: number;
}

/** `<x>` fields one by one: Set_enable_bit<x> over [31:0] becomes Set_enable_bit0…31. */
function expand(fields: readonly RegisterField[]): RegisterField[] {
  return fields.flatMap((field) => {
    const step = field.repeat;
    if (step === undefined) return [field];
    const out: RegisterField[] = [];
    for (let lo = field.lo; lo < field.hi; lo += step) {
      const name = field.name.replace('<x>', String((lo - field.lo) / step));
      out.push({ name, hi: lo + step - 1, lo, description: field.description });
    }
    return out;
  });
}

function mmioSpec(name: string): RegisterSpec {
  const spec = [...DISTRIBUTOR_REGISTERS, ...REDISTRIBUTOR_REGISTERS].find((r) => r.name === name);
  if (!spec) throw new Error(`${name} is not in the src/arch register catalogue`);
  return spec;
}

/** Instance `n` of a GICD/GICR register (arrays are named with `<n>`), in one of its views. */
export function mmio(name: string, n = 0, view?: string): MmioRegister {
  const spec = mmioSpec(name);
  const fields = view === undefined ? spec.fields : spec.views?.[view];
  if (!fields) throw new Error(`${name} has no ${view} view`);
  const layout = spec.perIntId;
  return {
    name: spec.name.replace('<n>', String(n)),
    block: spec.frame === 'GICD' ? 'distributor' : 'redistributor',
    offset: (spec.frame === 'GICR_SGI' ? GICR_SGI_BASE : 0) + spec.offset + n * spec.stride,
    width: spec.width,
    access: spec.access,
    fields: expand(fields),
    unreadable: spec.access === 'WO',
    perIntId: layout
      ? {
          first: layout.firstIntId + (n * spec.width) / layout.bitsPerIntId,
          bits: layout.bitsPerIntId,
        }
      : null,
  };
}

/** The instance of a per-INTID array that holds `intid`: GICD_ISENABLER<n> for 40 is n = 1. */
export function mmioHolding(name: string, intid: number): MmioRegister {
  const spec = mmioSpec(name);
  const layout = spec.perIntId;
  if (!layout) throw new Error(`${name} is not a per-INTID array`);
  const perRegister = spec.width / layout.bitsPerIntId;
  return mmio(name, Math.floor((intid - layout.firstIntId) / perRegister));
}

export function sysreg(name: string): PanelRegister {
  const spec = CPU_INTERFACE_REGISTERS.find((r) => r.name === name);
  if (!spec) throw new Error(`${name} is not in the src/arch register catalogue`);
  return {
    name,
    block: 'sysreg',
    offset: null,
    width: spec.width,
    access: spec.access,
    fields: expand(spec.fields),
    unreadable: spec.access === 'WO' || spec.readSideEffects === true,
    perIntId: null,
  };
}
