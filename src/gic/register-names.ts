import { findDistributorRegister, findRedistributorRegister } from '../arch/index.ts';

/**
 * Spec names of MMIO registers for events ('GICD_ISENABLER1', 'GICR_WAKER', …), from the
 * register catalogue in src/arch. Null for offsets outside every register. The catalogue search
 * builds a string, so each offset is looked up once and remembered (a frame has 16–32 K offsets).
 */
const distributorNames = new Map<number, string | null>();
const redistributorNames = new Map<number, string | null>();

export function distributorRegisterName(offset: number): string | null {
  let name = distributorNames.get(offset);
  if (name === undefined) {
    name = findDistributorRegister(offset)?.name ?? null;
    if (Number.isInteger(offset) && offset >= 0 && offset < 0x10000)
      distributorNames.set(offset, name);
  }
  return name;
}

export function redistributorRegisterName(offset: number): string | null {
  let name = redistributorNames.get(offset);
  if (name === undefined) {
    name = findRedistributorRegister(offset)?.name ?? null;
    if (Number.isInteger(offset) && offset >= 0 && offset < 0x20000)
      redistributorNames.set(offset, name);
  }
  return name;
}
