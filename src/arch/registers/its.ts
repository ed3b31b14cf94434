import { coreSightIdRegisters } from './coresight.ts';
import type { RegisterField, RegisterSpec } from './types.ts';

/**
 * ITS registers (IHI 0069 §9.19; reference §3.5): the control frame at ITS_base and the
 * translation frame at ITS_base + 0x10000. Values are the model's (QEMU's where they agree).
 */

const f = (name: string, hi: number, lo: number, description: string): RegisterField => ({
  name,
  hi,
  lo,
  description,
});

function its(
  name: string,
  offset: number,
  width: 32 | 64,
  access: RegisterSpec['access'],
  reset: number | string,
  summary: string,
  fields: readonly RegisterField[],
  count = 1,
): RegisterSpec {
  return {
    name,
    frame: 'GITS',
    offset,
    count,
    stride: width / 8,
    width,
    access,
    sizes: width === 64 ? [4, 8] : [4],
    reset,
    summary,
    source: '§3.5',
    fields,
  };
}

const BASER_FIELDS: readonly RegisterField[] = [
  f('Size', 7, 0, 'pages − 1'),
  f('Page_Size', 9, 8, '0: 4 KB, 1: 16 KB, 2: 64 KB'),
  f('Shareability', 11, 10, 'shareability'),
  f('Physical_Address', 47, 12, 'table address (64 KB pages: [15:12] hold bits [51:48])'),
  f('Entry_Size', 52, 48, 'bytes per entry − 1 (read-only)'),
  f('OuterCache', 55, 53, 'outer cacheability'),
  f('Type', 58, 56, 'read-only: 1 Devices, 4 Collections, 0 unimplemented'),
  f('InnerCache', 61, 59, 'inner cacheability'),
  f('Indirect', 62, 62, 'two-level table'),
  f('Valid', 63, 63, 'the table is allocated'),
];

export const ITS_REGISTERS: readonly RegisterSpec[] = [
  its('GITS_CTLR', 0x0, 32, 'RW', 0x80000000, 'ITS control', [
    f('Enabled', 0, 0, 'the ITS translates and processes commands'),
    f('ImDe', 1, 1, 'GICv4.1 (RES0 here)'),
    f('ITS_Number', 7, 4, 'GICv4.1 (RES0 here)'),
    f('UMSIirq', 8, 8, 'RES0 here'),
    f(
      'Quiescent',
      31,
      31,
      'read-only: no operation in progress (architecture: only while disabled)',
    ),
  ]),
  its('GITS_IIDR', 0x4, 32, 'RO', 0x43b, 'Implementer: Arm r0p0', [
    f('Implementer', 11, 0, 'JEP106 code (0x43B = Arm)'),
    f('ProductID', 31, 24, 'product identifier'),
  ]),
  its('GITS_TYPER', 0x8, 64, 'RO', '0x1f0001efb1 (PTA 0)', 'What the ITS implements', [
    f('Physical', 0, 0, 'physical LPIs supported'),
    f('Virtual', 1, 1, 'virtual LPIs (GICv4)'),
    f('CCT', 2, 2, 'cumulative collection tables'),
    f('ITT_entry_size', 7, 4, 'bytes per ITT entry − 1 (12 bytes)'),
    f('ID_bits', 12, 8, 'EventID bits − 1'),
    f('Devbits', 17, 13, 'DeviceID bits − 1'),
    f('SEIS', 18, 18, 'SErrors for command errors'),
    f('PTA', 19, 19, 'RDbase is a physical address (1) or a processor number (0)'),
    f('HCC', 31, 24, 'hardware collections'),
    f('CIDbits', 35, 32, 'collection ID bits − 1'),
    f('CIL', 36, 36, 'CIDbits is meaningful'),
  ]),
  its('GITS_CBASER', 0x80, 64, 'RW', 0, 'Command queue', [
    f('Size', 7, 0, '4 KB pages − 1'),
    f('Shareability', 11, 10, 'shareability'),
    f('Physical_Address', 51, 12, 'queue address'),
    f('OuterCache', 55, 53, 'outer cacheability'),
    f('InnerCache', 61, 59, 'inner cacheability'),
    f('Valid', 63, 63, 'the queue is allocated'),
  ]),
  its('GITS_CWRITER', 0x88, 64, 'RW', 0, 'Where software will write the next command', [
    f('Retry', 0, 0, 'restart a stalled queue'),
    f('Offset', 19, 5, 'command slot'),
  ]),
  its('GITS_CREADR', 0x90, 64, 'RO', 0, 'Where the ITS reads the next command', [
    f('Stalled', 0, 0, 'processing stopped on an error'),
    f('Offset', 19, 5, 'command slot'),
  ]),
  its(
    'GITS_BASER<n>',
    0x100,
    64,
    'RW',
    'BASER0 0x0107000000000200, BASER1 0x0407000000000200',
    'Device / collection tables',
    BASER_FIELDS,
    8,
  ),
  ...coreSightIdRegisters('GITS', 'GITS', 0x94),
  {
    name: 'GITS_TRANSLATER',
    frame: 'GITS_TRANSLATION',
    offset: 0x40,
    count: 1,
    stride: 4,
    width: 32,
    access: 'WO',
    sizes: [4],
    reset: 0,
    summary: "A device's MSI: the EventID, tagged with the writer's DeviceID",
    source: '§3.5',
    fields: [f('EventID', 31, 0, 'event of the writing device')],
  },
];
