export { SYSREG_NAMES, isSysregName } from './sysregs.ts';
export type { SysregName, SysregAccess, SysregEncoding } from './sysregs.ts';
