/** `0xC0`: the upper-case two-digit form the page uses for priorities. */
export const hex2 = (value: number): string =>
  `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;

/** A register value zero-padded to its width: `0x00000012`. */
export function hexWidth(value: bigint, width: 32 | 64): string {
  return `0x${value
    .toString(16)
    .toUpperCase()
    .padStart(width / 4, '0')}`;
}
