/**
 * GICv3 CPU-interface system registers (AArch64), with their MRS/MSR encodings
 * (op0=3; IHI 0069 §12 via reference §4.1).
 */
export type SysregAccess = 'RW' | 'RO' | 'WO';

export interface SysregEncoding {
  readonly op0: 3;
  readonly op1: 0 | 6;
  readonly crn: 12 | 4;
  readonly crm: number;
  readonly op2: number;
}

export const SYSREG_NAMES = [
  'ICC_PMR_EL1',
  'ICC_IAR0_EL1',
  'ICC_EOIR0_EL1',
  'ICC_HPPIR0_EL1',
  'ICC_BPR0_EL1',
  'ICC_AP0R0_EL1',
  'ICC_AP0R1_EL1',
  'ICC_AP0R2_EL1',
  'ICC_AP0R3_EL1',
  'ICC_AP1R0_EL1',
  'ICC_AP1R1_EL1',
  'ICC_AP1R2_EL1',
  'ICC_AP1R3_EL1',
  'ICC_NMIAR1_EL1',
  'ICC_DIR_EL1',
  'ICC_RPR_EL1',
  'ICC_SGI1R_EL1',
  'ICC_ASGI1R_EL1',
  'ICC_SGI0R_EL1',
  'ICC_IAR1_EL1',
  'ICC_EOIR1_EL1',
  'ICC_HPPIR1_EL1',
  'ICC_BPR1_EL1',
  'ICC_CTLR_EL1',
  'ICC_SRE_EL1',
  'ICC_IGRPEN0_EL1',
  'ICC_IGRPEN1_EL1',
  'ICC_CTLR_EL3',
  'ICC_SRE_EL3',
  'ICC_IGRPEN1_EL3',
] as const;

export type SysregName = (typeof SYSREG_NAMES)[number];

const NAME_SET: ReadonlySet<string> = new Set(SYSREG_NAMES);

export function isSysregName(name: string): name is SysregName {
  return NAME_SET.has(name);
}
