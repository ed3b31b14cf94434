import {
  findDistributorRegister,
  findItsRegister,
  findRedistributorRegister,
} from '../arch/index.ts';

/**
 * Spec names of MMIO registers for events ('GICD_ISENABLER1', 'GICR_WAKER', …), from the
 * register catalogue in src/arch. Null for offsets outside every register.
 */
export function distributorRegisterName(offset: number): string | null {
  return findDistributorRegister(offset)?.name ?? null;
}

export function redistributorRegisterName(offset: number): string | null {
  return findRedistributorRegister(offset)?.name ?? null;
}

export function itsRegisterName(offset: number): string | null {
  return findItsRegister(offset)?.name ?? null;
}
