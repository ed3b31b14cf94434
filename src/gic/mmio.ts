/** Outcome of one MMIO access inside a block: a value, or a reason it was RAZ/WI. */
export type AccessResult =
  | { readonly kind: 'ok'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'unimplemented' }
  | { readonly kind: 'bad-size' };

export const UNIMPLEMENTED: AccessResult = { kind: 'unimplemented' };
export const BAD_SIZE: AccessResult = { kind: 'bad-size' };
const ZERO: AccessResult = { kind: 'ok', lo: 0, hi: 0 };

export function ok(lo: number, hi = 0): AccessResult {
  return lo === 0 && hi === 0 ? ZERO : { kind: 'ok', lo: lo >>> 0, hi: hi >>> 0 };
}
