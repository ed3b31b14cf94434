import { coreSightIdRegisters } from './coresight.ts';
import type { RegisterField, RegisterSpec } from './types.ts';

const f = (name: string, hi: number, lo: number, description: string): RegisterField => ({
  name,
  hi,
  lo,
  description,
});

function rd(
  name: string,
  offset: number,
  width: 32 | 64,
  access: RegisterSpec['access'],
  reset: number | string,
  summary: string,
  fields: readonly RegisterField[],
): RegisterSpec {
  return {
    name,
    frame: 'GICR_RD',
    offset,
    count: 1,
    stride: width / 8,
    width,
    access,
    sizes: width === 64 ? [4, 8] : [4],
    reset,
    summary,
    source: '§3.2',
    fields,
  };
}

const intidOfX = (bitsPerIntId: number, first: number) =>
  bitsPerIntId === 8 ? 'INTID 4n+x' : first ? `INTID ${first}+x` : 'INTID x';

/** SGI_base registers: one bit (or 2, or 8) per SGI/PPI, fields named as IHI 0069 does. */
function sgi(
  name: string,
  offset: number,
  access: RegisterSpec['access'],
  field: string,
  summary: string,
  bitsPerIntId: 1 | 2 | 8 = 1,
  firstIntId = 0,
  count = 1,
): RegisterSpec {
  return {
    name,
    frame: 'GICR_SGI',
    offset,
    count,
    stride: 4,
    width: 32,
    access,
    sizes: bitsPerIntId === 8 ? [1, 4] : [4],
    reset: name === 'GICR_ICFGR0' ? 0xaaaaaaaa : 0,
    summary,
    source: '§3.3',
    perIntId: { bitsPerIntId, firstIntId },
    fields: [{ ...f(field, 31, 0, intidOfX(bitsPerIntId, firstIntId)), repeat: bitsPerIntId }],
  };
}

/** SGI_base = RD_base + 0x10000 (reference §3.1). */
export const GICR_SGI_BASE = 0x10000;

/** Redistributor registers: RD_base frame at 0, SGI_base frame at 0x10000 (offsets from each). */
export const REDISTRIBUTOR_REGISTERS: readonly RegisterSpec[] = [
  rd('GICR_CTLR', 0x0, 32, 'RW', 'architecture 0; qemu 0x2 (CES)', 'Redistributor control', [
    f('EnableLPIs', 0, 0, 'LPIs enabled: the Redistributor reads its pending table (with LPIs)'),
    f('CES', 1, 1, 'clearing EnableLPIs supported'),
    f('IR', 2, 2, 'LPI invalidate registers supported'),
    f('RWP', 3, 3, 'register write pending (always 0)'),
    f('DPG0', 24, 24, 'exclude from 1-of-N selection of Group 0'),
    f('DPG1NS', 25, 25, 'exclude from 1-of-N selection of Non-secure Group 1'),
    f('DPG1S', 26, 26, 'exclude from 1-of-N selection of Secure Group 1'),
    f('UWP', 31, 31, 'upstream write pending (always 0)'),
  ]),
  rd('GICR_IIDR', 0x4, 32, 'RO', 0x43b, 'Implementer: Arm r0p0', [
    f('Implementer', 11, 0, 'JEP106 code (0x43B = Arm)'),
    f('ProductID', 31, 24, 'product identifier'),
  ]),
  rd(
    'GICR_TYPER',
    0x8,
    64,
    'RO',
    'from the configuration',
    'What this Redistributor implements and whose it is',
    [
      f('PLPIS', 0, 0, 'physical LPIs supported'),
      f('VLPIS', 1, 1, 'virtual LPIs supported'),
      f('Dirty', 2, 2, 'vPE table dirty'),
      f('DirectLPI', 3, 3, 'direct LPI injection registers'),
      f('Last', 4, 4, 'last Redistributor in the region'),
      f('DPGS', 5, 5, 'GICR_CTLR.DPG bits supported'),
      f('MPAM', 6, 6, 'MPAM supported'),
      f('RVPEID', 7, 7, 'VPE ID record'),
      f('Processor_Number', 23, 8, 'PE number'),
      f('CommonLPIAff', 25, 24, 'affinity level sharing LPI configuration'),
      f('VSGI', 26, 26, 'virtual SGIs'),
      f('PPInum', 31, 27, 'extended PPIs'),
      f('Aff0', 39, 32, 'affinity level 0 of the PE'),
      f('Aff1', 47, 40, 'affinity level 1'),
      f('Aff2', 55, 48, 'affinity level 2'),
      f('Aff3', 63, 56, 'affinity level 3'),
    ],
  ),
  rd('GICR_STATUSR', 0x10, 32, 'RAZ/WI', 0, 'Error reporting (optional; RAZ/WI here)', []),
  rd('GICR_WAKER', 0x14, 32, 'RW', 0x6, 'Power handshake between Redistributor and CPU interface', [
    f(
      'ProcessorSleep',
      1,
      1,
      '1: the PE is asleep; interrupts are not forwarded (architecture profile)',
    ),
    f(
      'ChildrenAsleep',
      2,
      2,
      'read-only: the interface is quiescent (follows ProcessorSleep at once)',
    ),
  ]),
  rd('GICR_SETLPIR', 0x40, 64, 'WO', 0, 'Make an LPI pending directly (DirectLPI)', [
    f('pINTID', 31, 0, 'the LPI'),
  ]),
  rd('GICR_CLRLPIR', 0x48, 64, 'WO', 0, 'Clear an LPI’s pending state directly (DirectLPI)', [
    f('pINTID', 31, 0, 'the LPI'),
  ]),
  rd(
    'GICR_PROPBASER',
    0x70,
    64,
    'RW',
    0,
    'LPI configuration table: one byte per LPI (priority, enable)',
    [
      f('IDbits', 4, 0, 'LPI ID bits − 1'),
      f('InnerCache', 9, 7, 'inner cacheability'),
      f('Shareability', 11, 10, 'shareability'),
      f('Physical_Address', 51, 12, 'table address'),
      f('OuterCache', 58, 56, 'outer cacheability'),
    ],
  ),
  rd('GICR_PENDBASER', 0x78, 64, 'RW', 0, 'LPI pending table: one bit per INTID', [
    f('InnerCache', 9, 7, 'inner cacheability'),
    f('Shareability', 11, 10, 'shareability'),
    f('Physical_Address', 51, 16, 'table address'),
    f('OuterCache', 58, 56, 'outer cacheability'),
    f('PTZ', 62, 62, 'pending table is zero (write-only)'),
  ]),
  rd('GICR_INVLPIR', 0xa0, 64, 'WO', 0, 'Re-read one LPI’s configuration (DirectLPI)', [
    f('pINTID', 31, 0, 'the LPI'),
  ]),
  rd('GICR_INVALLR', 0xb0, 64, 'WO', 0, 'Re-read all LPI configuration (DirectLPI)', []),
  rd('GICR_SYNCR', 0xc0, 32, 'RO', 0, 'Invalidations complete (DirectLPI)', [
    f('Busy', 0, 0, 'an invalidation is in progress (always 0 here)'),
  ]),
  sgi('GICR_IGROUPR0', 0x80, 'RW', 'Group_status_bit<x>', 'Group bit of SGIs/PPIs'),
  sgi('GICR_ISENABLER0', 0x100, 'W1S', 'Set_enable_bit<x>', 'Set-enable'),
  sgi('GICR_ICENABLER0', 0x180, 'W1C', 'Clear_enable_bit<x>', 'Clear-enable'),
  sgi(
    'GICR_ISPENDR0',
    0x200,
    'W1S',
    'Set_pending_bit<x>',
    'Set-pending (an SGI bit makes it pending locally)',
  ),
  sgi('GICR_ICPENDR0', 0x280, 'W1C', 'Clear_pending_bit<x>', 'Clear-pending'),
  sgi('GICR_ISACTIVER0', 0x300, 'W1S', 'Set_active_bit<x>', 'Set-active'),
  sgi(
    'GICR_ICACTIVER0',
    0x380,
    'W1C',
    'Clear_active_bit<x>',
    'Clear-active (deactivate without priority drop)',
  ),
  sgi(
    'GICR_IPRIORITYR<n>',
    0x400,
    'RW',
    'Priority_offset_<x>B',
    'Priority byte per SGI/PPI',
    8,
    0,
    8,
  ),
  sgi(
    'GICR_ICFGR0',
    0xc00,
    'RO',
    'Int_config<x>',
    'SGI trigger mode: always edge (reads 0xAAAAAAAA)',
    2,
    0,
  ),
  sgi('GICR_ICFGR1', 0xc04, 'RW', 'Int_config<x>', 'PPI trigger mode: bit 2k+1 set = edge', 2, 16),
  sgi(
    'GICR_IGRPMODR0',
    0xd00,
    'RW',
    'Group_modifier_bit<x>',
    'Group modifier of SGIs/PPIs; RAZ/WI when DS=1',
  ),
  sgi(
    'GICR_NSACR',
    0xe00,
    'RW',
    'NS_access<x>',
    'Non-secure generation of Secure SGIs (Secure-only)',
    2,
    0,
  ),
  sgi('GICR_INMIR0', 0xf80, 'RW', 'NMI<x>', 'Non-maskable property of SGIs/PPIs (GICv3.3)'),
  ...coreSightIdRegisters('GICR', 'GICR_RD', 0x93),
];
