import { InputError } from './engine.ts';

const MAX = (1n << 64n) - 1n;

/** A register value typed by a person: `0x1f`, `31`, `0b101`; 64 bits at most. */
export function parseRegisterValue(text: string): bigint {
  const trimmed = text.trim().replace(/_/g, '');
  if (!/^(0x[0-9a-f]+|0b[01]+|[0-9]+)$/i.test(trimmed))
    throw new InputError(`"${text}" is not a number: write it as 0x1F, 31 or 0b11111`);
  const value = BigInt(trimmed);
  if (value > MAX) throw new InputError(`"${text}" does not fit in 64 bits`);
  return value;
}
