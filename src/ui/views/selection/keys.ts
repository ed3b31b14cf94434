/** What a cell key (`spi:33`, `pe0:ppi:27`, `pe1:sgi:3`) names. */
export interface KeyTarget {
  readonly intid: number;
  /** the owning PE of an SGI/PPI; null for an SPI */
  readonly pe: number | null;
}

export function parseKey(key: string | null): KeyTarget | null {
  if (key === null) return null;
  const spi = /^spi:(\d+)$/.exec(key);
  if (spi) return { intid: Number(spi[1]), pe: null };
  const lpi = /^lpi:(\d+)$/.exec(key);
  if (lpi) return { intid: Number(lpi[1]), pe: null };
  const banked = /^pe(\d+):(?:sgi|ppi):(\d+)$/.exec(key);
  if (banked) return { intid: Number(banked[2]), pe: Number(banked[1]) };
  return null;
}

export function keyOf(intid: number, pe: number): string {
  if (intid >= 8192) return `lpi:${intid}`;
  if (intid >= 32) return `spi:${intid}`;
  return `pe${pe}:${intid < 16 ? 'sgi' : 'ppi'}:${intid}`;
}
