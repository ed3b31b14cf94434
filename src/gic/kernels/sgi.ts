/**
 * ICC_SGI0R/SGI1R/ASGI1R_EL1 decoding (reference §4.7): TargetList [15:0], Aff1 [23:16],
 * INTID [27:24], Aff2 [39:32], IRM [40], RS [47:44], Aff3 [55:48].
 */
export type SgiTarget =
  | { readonly kind: 'all-but-self' }
  | {
      readonly kind: 'list';
      /** Aff3.Aff2.Aff1 packed as bits [31:8] of a packed affinity (Aff0 = 0). */
      readonly clusterAffinity: number;
      readonly rangeSelector: number;
      readonly targetList: number;
    };

export interface SgiRequest {
  readonly intid: number;
  readonly target: SgiTarget;
}

export function decodeSgiRegister(lo: number, hi: number): SgiRequest {
  const intid = (lo >>> 24) & 0xf;
  if (((hi >>> 8) & 1) !== 0) return { intid, target: { kind: 'all-but-self' } };
  const aff1 = (lo >>> 16) & 0xff;
  const aff2 = hi & 0xff;
  const aff3 = (hi >>> 16) & 0xff;
  return {
    intid,
    target: {
      kind: 'list',
      clusterAffinity: ((aff3 << 24) | (aff2 << 16) | (aff1 << 8)) >>> 0,
      rangeSelector: (hi >>> 12) & 0xf,
      targetList: lo & 0xffff,
    },
  };
}

/**
 * PEs named by a target list: for each set bit n, the PE whose affinity is
 * cluster.(RS·16 + n). `lookup` maps a packed affinity to a PE (or undefined).
 */
export function sgiListTargets(
  target: Extract<SgiTarget, { kind: 'list' }>,
  lookup: (packedAffinity: number) => number | undefined,
): number[] {
  const out: number[] = [];
  for (let n = 0; n < 16; n++) {
    if (((target.targetList >>> n) & 1) === 0) continue;
    const aff0 = target.rangeSelector * 16 + n;
    if (aff0 > 255) continue;
    const pe = lookup((target.clusterAffinity | aff0) >>> 0);
    if (pe !== undefined) out.push(pe);
  }
  return out.sort((a, b) => a - b);
}
