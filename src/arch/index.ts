export { SYSREG_NAMES, isSysregName } from './sysregs.ts';
export type { SysregName, SysregAccess, SysregEncoding } from './sysregs.ts';
export { classifyIntId, SGI_RANGE, PPI_RANGE, SPI_RANGE, SPECIAL_INTIDS } from './intid.ts';
export type { IntIdClassName } from './intid.ts';
export { DISTRIBUTOR_REGISTERS } from './registers/distributor.ts';
export { GICR_SGI_BASE, REDISTRIBUTOR_REGISTERS } from './registers/redistributor.ts';
export { CPU_INTERFACE_REGISTERS } from './registers/cpu-interface.ts';
export {
  findDistributorRegister,
  findItsRegister,
  findRedistributorRegister,
} from './registers/lookup.ts';
export { ITS_REGISTERS } from './registers/its.ts';
export type { RegisterMatch } from './registers/lookup.ts';
export type {
  AccessKind,
  IntIdLayout,
  RegisterField,
  RegisterFrame,
  RegisterSpec,
  SysregSpec,
} from './registers/types.ts';
