/**
 * Text ↔ a URL-safe string: deflate-raw (CompressionStream), then base64url without padding.
 * Inflating stops past `maxBytes`, so a hostile link cannot make the page unpack a bomb.
 */

export async function deflateToBase64Url(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text)])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class LinkDataError extends Error {
  override readonly name = 'LinkDataError';
}

export async function inflateFromBase64Url(data: string, maxBytes: number): Promise<string> {
  if (!/^[A-Za-z0-9_-]*$/.test(data))
    throw new LinkDataError('it has characters that base64url does not use');
  let binary: string;
  try {
    binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new LinkDataError('it is not valid base64url (cut off?)');
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new LinkDataError(`it unpacks to more than ${maxBytes / 1024} KB`);
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof LinkDataError) throw error;
    throw new LinkDataError('it does not unpack (the link is cut off or damaged)');
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    throw new LinkDataError('it does not unpack to text');
  }
}
