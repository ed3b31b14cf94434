/** What a file the user opened or dropped is, from its first bytes (not its name). */
export type FileKind = 'scenario' | 'qemu-trace' | 'unknown';

export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'qemu-trace';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i += 1;
  if (bytes[i] === 0x7b) return 'scenario';
  const head = new TextDecoder().decode(bytes.subarray(i, i + 4096));
  if (/^(\d+@\d+\.\d+:)?(gicv3_|CPU Reset)/m.test(head)) return 'qemu-trace';
  return 'unknown';
}
