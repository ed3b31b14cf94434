import type { RegisterFrame, RegisterSpec } from './types.ts';

/**
 * CoreSight ID registers at 0xFFD0–0xFFFC of the GICD and GICR_RD frames, with QEMU's values
 * (Arm GICv3: PIDR2.ArchRev = 3); PIDR0 tells the frames apart (0x92 GICD, 0x93 GICR).
 */
const LAYOUT = [
  ['PIDR4', 0x44],
  ['PIDR5', 0],
  ['PIDR6', 0],
  ['PIDR7', 0],
  ['PIDR0', -1],
  ['PIDR1', 0xb4],
  ['PIDR2', 0x3b],
  ['PIDR3', 0],
  ['CIDR0', 0x0d],
  ['CIDR1', 0xf0],
  ['CIDR2', 0x05],
  ['CIDR3', 0xb1],
] as const;

export function coreSightIdRegisters(
  prefix: 'GICD' | 'GICR' | 'GITS',
  frame: RegisterFrame,
  pidr0: number,
): RegisterSpec[] {
  return LAYOUT.map(([id, value], i) => ({
    name: `${prefix}_${id}`,
    frame,
    offset: 0xffd0 + 4 * i,
    count: 1,
    stride: 4,
    width: 32,
    access: 'RO',
    sizes: [4],
    reset: value < 0 ? pidr0 : value,
    summary:
      id === 'PIDR2' ? 'Peripheral ID 2: ArchRev [7:4] = 3 (GICv3)' : 'CoreSight ID register',
    source: '§2.1',
    fields:
      id === 'PIDR2'
        ? [
            { name: 'ArchRev', hi: 7, lo: 4, description: 'GIC architecture revision' },
            { name: 'JEDEC', hi: 3, lo: 3, description: 'JEP106 code used' },
            { name: 'DES_1', hi: 2, lo: 0, description: 'designer code bits' },
          ]
        : [],
  }));
}
