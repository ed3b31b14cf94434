import { describe, expect, it } from 'vitest';
import { fileKind } from './file-kind.ts';
import { parseJson } from './json-location.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('scenario file syntax errors say where', () => {
  it('a missing comma: line and column of the token after it', () => {
    const result = parseJson('{\n  "id": "x"\n  "title": "y"\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 3, column: 3 });
  });

  it('a truncated file: its end', () => {
    const result = parseJson('{\n  "id": "x",\n  "machine": {');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(3);
  });

  it('a BOM is not an error', () => {
    expect(parseJson('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('what a file is, from its bytes', () => {
  it.each([
    ['{"format": "gicscope-scenario"}', 'scenario'],
    ['\n  {', 'scenario'],
    ['gicv3_dist_read GICv3 distributor read: offset 0x0 data 0x0 size 4 secure 0\n', 'qemu-trace'],
    ['CPU Reset (CPU 0)\ngicv3_', 'qemu-trace'],
    ['12@1.000001:gicv3_icc_pmr_read x', 'qemu-trace'],
    ['# a README', 'unknown'],
  ])('%j is %s', (text, kind) => {
    expect(fileKind(bytes(text))).toBe(kind);
  });

  it('gzip is a trace (scenarios are plain JSON)', () => {
    expect(fileKind(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('qemu-trace');
  });
});
