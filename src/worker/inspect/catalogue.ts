import type { RegisterAccessView } from '../../protocol/index.ts';

// The registers the panels show, as data: offset, width, access, fields (reference §2–§4).
// src/arch has no MMIO register catalogue yet (only the system-register names); when it has,
// this module becomes an adapter over it.

export interface FieldSpec {
  readonly name: string;
  readonly bits: readonly [number, number];
}

export type RegisterBlockView = 'distributor' | 'redistributor' | 'sysreg';

export interface RegisterSpec {
  readonly name: string;
  readonly block: RegisterBlockView;
  /** from Dist_base, or from RD_base (SGI_base registers at 0x10000+); null for sysregs */
  readonly offset: number | null;
  readonly width: 32 | 64;
  readonly access: RegisterAccessView;
  readonly fields: readonly FieldSpec[];
}

const f = (name: string, hi: number, lo = hi): FieldSpec => ({ name, bits: [hi, lo] });

export const SGI_BASE = 0x10000;

export const GICD_CTLR_DS1: readonly FieldSpec[] = [
  f('EnableGrp0', 0),
  f('EnableGrp1', 1),
  f('ARE', 4),
  f('DS', 6),
  f('E1NWF', 7),
  f('RWP', 31),
];

export const GICD_CTLR_SECURE: readonly FieldSpec[] = [
  f('EnableGrp0', 0),
  f('EnableGrp1NS', 1),
  f('EnableGrp1S', 2),
  f('ARE_S', 4),
  f('ARE_NS', 5),
  f('DS', 6),
  f('E1NWF', 7),
  f('RWP', 31),
];

export const GICD_TYPER_FIELDS: readonly FieldSpec[] = [
  f('ITLinesNumber', 4, 0),
  f('CPUNumber', 7, 5),
  f('ESPI', 8),
  f('NMI', 9),
  f('SecurityExtn', 10),
  f('num_LPIs', 15, 11),
  f('MBIS', 16),
  f('LPIS', 17),
  f('DVIS', 18),
  f('IDbits', 23, 19),
  f('A3V', 24),
  f('No1N', 25),
  f('RSS', 26),
  f('ESPI_range', 31, 27),
];

export const GICD_IIDR_FIELDS: readonly FieldSpec[] = [
  f('Implementer', 11, 0),
  f('Revision', 15, 12),
  f('Variant', 19, 16),
  f('ProductID', 31, 24),
];

export const GICD_IROUTER_FIELDS: readonly FieldSpec[] = [
  f('Aff0', 7, 0),
  f('Aff1', 15, 8),
  f('Aff2', 23, 16),
  f('Interrupt_Routing_Mode', 31),
  f('Aff3', 39, 32),
];

export const GICR_CTLR_FIELDS: readonly FieldSpec[] = [
  f('EnableLPIs', 0),
  f('CES', 1),
  f('IR', 2),
  f('RWP', 3),
  f('DPG0', 24),
  f('DPG1NS', 25),
  f('DPG1S', 26),
  f('UWP', 31),
];

export const GICR_TYPER_FIELDS: readonly FieldSpec[] = [
  f('PLPIS', 0),
  f('VLPIS', 1),
  f('DirectLPI', 3),
  f('Last', 4),
  f('DPGS', 5),
  f('Processor_Number', 23, 8),
  f('CommonLPIAff', 25, 24),
  f('PPInum', 31, 27),
  f('Aff0', 39, 32),
  f('Aff1', 47, 40),
  f('Aff2', 55, 48),
  f('Aff3', 63, 56),
];

export const GICR_WAKER_FIELDS: readonly FieldSpec[] = [
  f('ProcessorSleep', 1),
  f('ChildrenAsleep', 2),
];

/** A set/clear family with one bit per INTID: 32 INTIDs per register. */
export interface BitFamily {
  readonly name: string;
  /** spec field name, `<x>` appended: Set_enable_bit<x> */
  readonly field: string;
  readonly gicdOffset: number;
  readonly access: RegisterAccessView;
}

export const IGROUPR: BitFamily = {
  name: 'IGROUPR',
  field: 'Group_status_bit',
  gicdOffset: 0x080,
  access: 'RW',
};
export const ISENABLER: BitFamily = {
  name: 'ISENABLER',
  field: 'Set_enable_bit',
  gicdOffset: 0x100,
  access: 'W1S',
};
export const ISPENDR: BitFamily = {
  name: 'ISPENDR',
  field: 'Set_pending_bit',
  gicdOffset: 0x200,
  access: 'W1S',
};
export const ISACTIVER: BitFamily = {
  name: 'ISACTIVER',
  field: 'Set_active_bit',
  gicdOffset: 0x300,
  access: 'W1S',
};
export const INMIR: BitFamily = { name: 'INMIR', field: 'NMI', gicdOffset: 0xf80, access: 'RW' };

export const IPRIORITYR_OFFSET = 0x400;
export const ICFGR_OFFSET = 0xc00;
export const IROUTER_OFFSET = 0x6000;

export interface SysregSpec {
  readonly name: string;
  readonly access: RegisterAccessView;
  readonly width: 32 | 64;
  readonly fields: readonly FieldSpec[];
}

const sys = (
  name: string,
  access: RegisterAccessView,
  fields: readonly FieldSpec[],
  width: 32 | 64 = 64,
): SysregSpec => ({ name, access, width, fields });

export const ICC_PMR = sys('ICC_PMR_EL1', 'RW', [f('Priority', 7, 0)]);
export const ICC_BPR0 = sys('ICC_BPR0_EL1', 'RW', [f('BinaryPoint', 2, 0)]);
export const ICC_BPR1 = sys('ICC_BPR1_EL1', 'RW', [f('BinaryPoint', 2, 0)]);
export const ICC_CTLR = sys('ICC_CTLR_EL1', 'RW', [
  f('CBPR', 0),
  f('EOImode', 1),
  f('PMHE', 6),
  f('PRIbits', 10, 8),
  f('IDbits', 13, 11),
  f('SEIS', 14),
  f('A3V', 15),
  f('RSS', 18),
  f('ExtRange', 19),
]);
export const ICC_IGRPEN0 = sys('ICC_IGRPEN0_EL1', 'RW', [f('Enable', 0)]);
export const ICC_IGRPEN1 = sys('ICC_IGRPEN1_EL1', 'RW', [f('Enable', 0)]);
export const ICC_RPR = sys('ICC_RPR_EL1', 'RO', [
  f('Priority', 7, 0),
  f('NMI_NS', 62),
  f('NMI', 63),
]);
export const ICC_HPPIR0 = sys('ICC_HPPIR0_EL1', 'RO', [f('INTID', 23, 0)]);
export const ICC_HPPIR1 = sys('ICC_HPPIR1_EL1', 'RO', [f('INTID', 23, 0)]);
export const ICC_SRE = sys('ICC_SRE_EL1', 'RW', [f('SRE', 0), f('DFB', 1), f('DIB', 2)]);
/** Reading these acknowledges: the panel never reads them, it offers an explicit action. */
export const ACKNOWLEDGE_REGISTERS: readonly SysregSpec[] = [
  sys('ICC_IAR0_EL1', 'RO', [f('INTID', 23, 0)]),
  sys('ICC_IAR1_EL1', 'RO', [f('INTID', 23, 0)]),
];
export const ICC_NMIAR1 = sys('ICC_NMIAR1_EL1', 'RO', [f('INTID', 23, 0)]);
export const WRITE_ONLY_SYSREGS: readonly SysregSpec[] = [
  sys('ICC_EOIR0_EL1', 'WO', [f('INTID', 23, 0)]),
  sys('ICC_EOIR1_EL1', 'WO', [f('INTID', 23, 0)]),
  sys('ICC_DIR_EL1', 'WO', [f('INTID', 23, 0)]),
  sys('ICC_SGI0R_EL1', 'WO', [f('TargetList', 15, 0), f('Aff1', 23, 16), f('INTID', 27, 24)]),
  sys('ICC_SGI1R_EL1', 'WO', [f('TargetList', 15, 0), f('Aff1', 23, 16), f('INTID', 27, 24)]),
];
