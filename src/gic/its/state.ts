/**
 * The ITS's own registers (IHI 0069 §9.19, reference §3.5). Its tables and command queue are in
 * memory; the ITS keeps only what software programmed.
 */

export interface ItsState {
  /** GITS_CTLR.Enabled. */
  enabled: boolean;
  /** GITS_CBASER as two words. */
  cbaserLo: number;
  cbaserHi: number;
  /** GITS_CWRITER (Retry stripped) and GITS_CREADR offsets, bytes (bits [19:5]). */
  cwriter: number;
  creadr: number;
  /** GITS_CREADR.Stalled: a command could not be carried out (memory fault). */
  stalled: boolean;
  /** GITS_BASER<n> as two words each. */
  readonly baserLo: Uint32Array;
  readonly baserHi: Uint32Array;
  /** Commands processed since reset (for the view). */
  commandCount: number;
}

/** GITS_BASER<n>.Type (IHI 0069 §9.19.2): 1 Devices, 4 Collections. */
export const BASER_TYPE_DEVICES = 1;
export const BASER_TYPE_COLLECTIONS = 4;
/** Bytes per device / collection table entry in this model (GITS_BASER<n>.Entry_Size + 1). */
export const DTE_SIZE = 8;
export const CTE_SIZE = 8;
/** Bytes per ITT entry (GITS_TYPER.ITT_entry_size + 1; 12 like QEMU). */
export const ITE_SIZE = 12;

/** Reset values of GITS_BASER0 (Devices) and GITS_BASER1 (Collections): type, entry size, 64 KB pages. */
export function baserResetHi(index: number): number {
  if (index === 0) return ((BASER_TYPE_DEVICES << 24) | ((DTE_SIZE - 1) << 16)) >>> 0;
  if (index === 1) return ((BASER_TYPE_COLLECTIONS << 24) | ((CTE_SIZE - 1) << 16)) >>> 0;
  return 0;
}
export const BASER_RESET_LO = 2 << 8;

export function createItsState(): ItsState {
  const its: ItsState = {
    enabled: false,
    cbaserLo: 0,
    cbaserHi: 0,
    cwriter: 0,
    creadr: 0,
    stalled: false,
    baserLo: new Uint32Array(8),
    baserHi: new Uint32Array(8),
    commandCount: 0,
  };
  resetItsState(its);
  return its;
}

export function resetItsState(its: ItsState): void {
  its.enabled = false;
  its.cbaserLo = 0;
  its.cbaserHi = 0;
  its.cwriter = 0;
  its.creadr = 0;
  its.stalled = false;
  its.commandCount = 0;
  for (let n = 0; n < 8; n++) {
    its.baserLo[n] = n < 2 ? BASER_RESET_LO : 0;
    its.baserHi[n] = baserResetHi(n);
  }
}
