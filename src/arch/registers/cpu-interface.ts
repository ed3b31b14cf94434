import type { RegisterField, SysregSpec } from './types.ts';

const f = (name: string, hi: number, lo: number, description: string): RegisterField => ({
  name,
  hi,
  lo,
  description,
});

type Enc = SysregSpec['encoding'];
const enc = (crn: 4 | 12, crm: number, op2: number, op1: 0 | 6 = 0): Enc => ({
  op0: 3,
  op1,
  crn,
  crm,
  op2,
});

function reg(
  name: string,
  encoding: Enc,
  access: SysregSpec['access'],
  banked: boolean,
  reset: number | string,
  summary: string,
  fields: readonly RegisterField[],
  readSideEffects = false,
): SysregSpec {
  return {
    name,
    frame: 'ICC',
    encoding,
    width: 64,
    access,
    banked,
    reset,
    summary,
    source: '§4.1',
    fields,
    readSideEffects,
  };
}

const INTID = [f('INTID', 23, 0, 'interrupt identifier')];

const SGI_FIELDS = [
  f('TargetList', 15, 0, 'Aff0 values (RS·16 + n) of the target PEs'),
  f('Aff1', 23, 16, 'affinity level 1 of the targets'),
  f('INTID', 27, 24, 'SGI number'),
  f('Aff2', 39, 32, 'affinity level 2 of the targets'),
  f('IRM', 40, 40, '1: all PEs except the sender'),
  f('RS', 47, 44, 'range selector'),
  f('Aff3', 55, 48, 'affinity level 3 of the targets'),
];

/** Bit x of register n: group priority (32n+x) << (8 − preemption bits) is active (§4.4). */
const ACTIVE: RegisterField = {
  ...f('P<x>', 31, 0, 'group priority level 32n+x is active'),
  repeat: 1,
};

const APR = (group: 0 | 1, n: number): SysregSpec =>
  reg(
    `ICC_AP${group}R${n}_EL1`,
    group === 0 ? enc(12, 8, 4 + n) : enc(12, 9, n),
    'RW',
    group === 1,
    0,
    `Active priorities, Group ${group}, register ${n} (exists when the priority bits need it)`,
    group === 1 && n === 0 ? [ACTIVE, f('NMI', 63, 63, 'an NMI is active (GICv3.3)')] : [ACTIVE],
  );

export const CPU_INTERFACE_REGISTERS: readonly SysregSpec[] = [
  reg(
    'ICC_PMR_EL1',
    enc(4, 6, 0),
    'RW',
    false,
    0,
    'Priority mask: only priorities below it are signalled',
    [f('Priority', 7, 0, 'mask; unimplemented low bits RAZ/WI')],
  ),
  reg(
    'ICC_IAR0_EL1',
    enc(12, 8, 0),
    'RO',
    false,
    1023,
    'Acknowledge a Group 0 interrupt',
    INTID,
    true,
  ),
  reg(
    'ICC_EOIR0_EL1',
    enc(12, 8, 1),
    'WO',
    false,
    0,
    'End of a Group 0 interrupt: priority drop (+ deactivate)',
    INTID,
  ),
  reg(
    'ICC_HPPIR0_EL1',
    enc(12, 8, 2),
    'RO',
    false,
    1023,
    'Highest-priority pending Group 0 interrupt',
    INTID,
  ),
  reg(
    'ICC_BPR0_EL1',
    enc(12, 8, 3),
    'RW',
    false,
    'minimum: 7 − preemption bits',
    'Binary point, Group 0',
    [f('BinaryPoint', 2, 0, 'group priority = bits [7:BinaryPoint+1]')],
  ),
  APR(0, 0),
  APR(0, 1),
  APR(0, 2),
  APR(0, 3),
  APR(1, 0),
  APR(1, 1),
  APR(1, 2),
  APR(1, 3),
  reg(
    'ICC_NMIAR1_EL1',
    enc(12, 9, 5),
    'RO',
    false,
    1023,
    'Acknowledge a Group 1 NMI (GICv3.3)',
    INTID,
    true,
  ),
  reg('ICC_DIR_EL1', enc(12, 11, 1), 'WO', false, 0, 'Deactivate (EOImode=1 only)', INTID),
  reg('ICC_RPR_EL1', enc(12, 11, 3), 'RO', false, 0xff, 'Running priority', [
    f('Priority', 7, 0, 'running priority (0xFF idle)'),
    f('NMI_NS', 62, 62, 'a Non-secure NMI is active (Secure reads)'),
    f('NMI', 63, 63, 'the running priority comes from an NMI'),
  ]),
  reg(
    'ICC_SGI1R_EL1',
    enc(12, 11, 5),
    'WO',
    false,
    0,
    'Generate a Group 1 SGI (current security state)',
    SGI_FIELDS,
  ),
  reg(
    'ICC_ASGI1R_EL1',
    enc(12, 11, 6),
    'WO',
    false,
    0,
    'Generate a Group 1 SGI for the other security state',
    SGI_FIELDS,
  ),
  reg('ICC_SGI0R_EL1', enc(12, 11, 7), 'WO', false, 0, 'Generate a Group 0 SGI', SGI_FIELDS),
  reg(
    'ICC_IAR1_EL1',
    enc(12, 12, 0),
    'RO',
    false,
    1023,
    'Acknowledge a Group 1 interrupt (1022 for an NMI when SCTLR_ELx.NMI=1)',
    INTID,
    true,
  ),
  reg(
    'ICC_EOIR1_EL1',
    enc(12, 12, 1),
    'WO',
    false,
    0,
    'End of a Group 1 interrupt: priority drop (+ deactivate)',
    INTID,
  ),
  reg(
    'ICC_HPPIR1_EL1',
    enc(12, 12, 2),
    'RO',
    false,
    1023,
    'Highest-priority pending Group 1 interrupt',
    INTID,
  ),
  reg(
    'ICC_BPR1_EL1',
    enc(12, 12, 3),
    'RW',
    true,
    'minimum + 1 (Non-secure)',
    'Binary point, Group 1',
    [f('BinaryPoint', 2, 0, 'Non-secure: group priority = bits [7:BinaryPoint]')],
  ),
  reg(
    'ICC_CTLR_EL1',
    enc(12, 12, 4),
    'RW',
    true,
    'qemu 0x8c00, architecture 0x8400 (5 bits)',
    'CPU interface control',
    [
      f('CBPR', 0, 0, 'Group 1 uses BPR0'),
      f('EOImode', 1, 1, '1: EOIR drops priority only; DIR deactivates'),
      f('PMHE', 6, 6, 'priority mask hint (RAZ/WI)'),
      f('PRIbits', 10, 8, 'priority bits − 1'),
      f('IDbits', 13, 11, 'INTID bits: 0 = 16, 1 = 24'),
      f('SEIS', 14, 14, 'SEI support'),
      f('A3V', 15, 15, 'Aff3 supported'),
      f('RSS', 18, 18, 'range selector support'),
      f('ExtRange', 19, 19, 'extended INTID range'),
    ],
  ),
  reg('ICC_SRE_EL1', enc(12, 12, 5), 'RW', false, 0x7, 'System register enable (RAO/WI)', [
    f('SRE', 0, 0, 'system register interface'),
    f('DFB', 1, 1, 'disable FIQ bypass'),
    f('DIB', 2, 2, 'disable IRQ bypass'),
  ]),
  reg('ICC_IGRPEN0_EL1', enc(12, 12, 6), 'RW', false, 0, 'Group 0 enable at this CPU interface', [
    f('Enable', 0, 0, 'Group 0 enabled'),
  ]),
  reg('ICC_IGRPEN1_EL1', enc(12, 12, 7), 'RW', true, 0, 'Group 1 enable at this CPU interface', [
    f('Enable', 0, 0, 'Group 1 enabled'),
  ]),
  reg(
    'ICC_CTLR_EL3',
    enc(12, 12, 4, 6),
    'RW',
    false,
    'nDS|A3V|IDbits|PRIbits',
    'CPU interface control at EL3',
    [
      f('CBPR_EL1S', 0, 0, 'alias of the Secure ICC_CTLR_EL1.CBPR'),
      f('CBPR_EL1NS', 1, 1, 'alias of the Non-secure ICC_CTLR_EL1.CBPR'),
      f('EOImode_EL3', 2, 2, 'EOImode at EL3'),
      f('EOImode_EL1S', 3, 3, 'alias of the Secure ICC_CTLR_EL1.EOImode'),
      f('EOImode_EL1NS', 4, 4, 'alias of the Non-secure ICC_CTLR_EL1.EOImode'),
      f('PRIbits', 10, 8, 'priority bits − 1'),
      f('IDbits', 13, 11, 'INTID bits'),
      f('A3V', 15, 15, 'Aff3 supported'),
      f('nDS', 17, 17, 'DS=1 not supported'),
    ],
  ),
  reg(
    'ICC_SRE_EL3',
    enc(12, 12, 5, 6),
    'RW',
    false,
    0xf,
    'System register enable at EL3 (RAO/WI)',
    [
      f('SRE', 0, 0, 'system register interface'),
      f('Enable', 3, 3, 'lower ELs may use ICC_SRE_EL1'),
    ],
  ),
  reg(
    'ICC_IGRPEN1_EL3',
    enc(12, 12, 7, 6),
    'RW',
    false,
    0,
    'Group 1 enables of both security states',
    [
      f('EnableGrp1NS', 0, 0, 'alias of the Non-secure ICC_IGRPEN1_EL1'),
      f('EnableGrp1S', 1, 1, 'alias of the Secure ICC_IGRPEN1_EL1'),
    ],
  ),
];
