/**
 * Spec names of MMIO registers for events, e.g. 'GICD_ISENABLER1', 'GICD_IPRIORITYR8',
 * 'GICR_WAKER', 'GICR_IPRIORITYR2'. Null for offsets outside every register.
 */
const GICD_ARRAYS: readonly (readonly [number, number, number, string])[] = [
  [0x0080, 0x80, 4, 'GICD_IGROUPR'],
  [0x0100, 0x80, 4, 'GICD_ISENABLER'],
  [0x0180, 0x80, 4, 'GICD_ICENABLER'],
  [0x0200, 0x80, 4, 'GICD_ISPENDR'],
  [0x0280, 0x80, 4, 'GICD_ICPENDR'],
  [0x0300, 0x80, 4, 'GICD_ISACTIVER'],
  [0x0380, 0x80, 4, 'GICD_ICACTIVER'],
  [0x0400, 0x400, 4, 'GICD_IPRIORITYR'],
  [0x0800, 0x400, 4, 'GICD_ITARGETSR'],
  [0x0c00, 0x100, 4, 'GICD_ICFGR'],
  [0x0d00, 0x80, 4, 'GICD_IGRPMODR'],
  [0x0e00, 0x100, 4, 'GICD_NSACR'],
  [0x0f10, 0x10, 4, 'GICD_CPENDSGIR'],
  [0x0f20, 0x10, 4, 'GICD_SPENDSGIR'],
  [0x0f80, 0x80, 4, 'GICD_INMIR'],
  [0x6000, 0x2000, 8, 'GICD_IROUTER'],
];

const GICD_SINGLE: ReadonlyMap<number, string> = new Map([
  [0x0000, 'GICD_CTLR'],
  [0x0004, 'GICD_TYPER'],
  [0x0008, 'GICD_IIDR'],
  [0x000c, 'GICD_TYPER2'],
  [0x0010, 'GICD_STATUSR'],
  [0x0f00, 'GICD_SGIR'],
]);

const ID_NAMES = [
  'PIDR4',
  'PIDR5',
  'PIDR6',
  'PIDR7',
  'PIDR0',
  'PIDR1',
  'PIDR2',
  'PIDR3',
  'CIDR0',
  'CIDR1',
  'CIDR2',
  'CIDR3',
];

export function distributorRegisterName(offset: number): string | null {
  const single = GICD_SINGLE.get(offset);
  if (single !== undefined) return single;
  for (const [base, span, stride, name] of GICD_ARRAYS) {
    if (offset >= base && offset < base + span) {
      const n = Math.floor((offset - base) / stride);
      const suffix = name === 'GICD_IROUTER' && (offset & 4) !== 0 ? '_hi' : '';
      return `${name}${n}${suffix}`;
    }
  }
  if (offset >= 0xffd0 && offset <= 0xffff)
    return `GICD_${ID_NAMES[(offset - 0xffd0) >> 2] ?? 'ID'}`;
  return null;
}

const GICR_RD: ReadonlyMap<number, string> = new Map([
  [0x0000, 'GICR_CTLR'],
  [0x0004, 'GICR_IIDR'],
  [0x0008, 'GICR_TYPER'],
  [0x000c, 'GICR_TYPER_hi'],
  [0x0010, 'GICR_STATUSR'],
  [0x0014, 'GICR_WAKER'],
  [0x0070, 'GICR_PROPBASER'],
  [0x0074, 'GICR_PROPBASER_hi'],
  [0x0078, 'GICR_PENDBASER'],
  [0x007c, 'GICR_PENDBASER_hi'],
]);

const GICR_SGI: ReadonlyMap<number, string> = new Map([
  [0x0080, 'GICR_IGROUPR0'],
  [0x0100, 'GICR_ISENABLER0'],
  [0x0180, 'GICR_ICENABLER0'],
  [0x0200, 'GICR_ISPENDR0'],
  [0x0280, 'GICR_ICPENDR0'],
  [0x0300, 'GICR_ISACTIVER0'],
  [0x0380, 'GICR_ICACTIVER0'],
  [0x0c00, 'GICR_ICFGR0'],
  [0x0c04, 'GICR_ICFGR1'],
  [0x0d00, 'GICR_IGRPMODR0'],
  [0x0e00, 'GICR_NSACR'],
  [0x0f80, 'GICR_INMIR0'],
]);

export function redistributorRegisterName(offset: number): string | null {
  if (offset < 0x10000) {
    const rd = GICR_RD.get(offset);
    if (rd !== undefined) return rd;
    if (offset >= 0xffd0 && offset <= 0xffff)
      return `GICR_${ID_NAMES[(offset - 0xffd0) >> 2] ?? 'ID'}`;
    return null;
  }
  const o = offset - 0x10000;
  const sgi = GICR_SGI.get(o);
  if (sgi !== undefined) return sgi;
  if (o >= 0x400 && o < 0x420) return `GICR_IPRIORITYR${(o - 0x400) >> 2}`;
  return null;
}
