import type { Gic, InterruptView } from '../../gic/index.ts';

/** The interrupts of one register word, or null where an INTID is not implemented. */
export type Word = readonly (InterruptView | null)[];

/** `perRegister` INTIDs starting at `first`; banked (SGI/PPI) ones read from `pe`'s Redistributor. */
export function wordAt(gic: Gic, first: number, perRegister: number, pe: number | null): Word {
  const out: (InterruptView | null)[] = [];
  for (let i = 0; i < perRegister; i++) {
    const intid = first + i;
    const banked = intid < 32;
    const implemented = banked ? pe !== null : intid <= gic.config.maxSpiIntId;
    out.push(implemented ? gic.interrupt(intid, banked ? (pe ?? undefined) : undefined) : null);
  }
  return out;
}

export function interruptName(intid: number): string {
  if (intid < 16) return `SGI ${intid}`;
  if (intid < 32) return `PPI ${intid}`;
  if (intid >= 8192) return `LPI ${intid}`;
  return `SPI ${intid}`;
}
