/**
 * The machine's physical memory as the GIC sees it: the guest writes LPI configuration and pending
 * tables, ITS tables and the command queue here, and the Redistributors and the ITS read them
 * (IHI 0069 §5.1, §6.1: all of these live in memory, not in the GIC). Sparse 4 KB pages, zero
 * until written; only the configured RAM ranges exist — an access elsewhere is a fault, which the
 * ITS turns into a stalled command queue.
 */

export interface MemoryRange {
  readonly base: number;
  readonly size: number;
}

const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;

export class GuestMemory {
  private readonly pages = new Map<number, Uint8Array>();

  constructor(readonly ranges: readonly MemoryRange[]) {}

  /** True when [address, address + length) lies inside one RAM range. */
  contains(address: number, length: number): boolean {
    for (const r of this.ranges) {
      if (address >= r.base && address + length <= r.base + r.size) return true;
    }
    return false;
  }

  private page(address: number, create: boolean): Uint8Array | undefined {
    const index = Math.floor(address / PAGE);
    let p = this.pages.get(index);
    if (p === undefined && create) {
      p = new Uint8Array(PAGE);
      this.pages.set(index, p);
    }
    return p;
  }

  read8(address: number): number {
    return this.page(address, false)?.[address % PAGE] ?? 0;
  }

  write8(address: number, value: number): void {
    const p = this.page(address, true);
    if (p !== undefined) p[address % PAGE] = value & 0xff;
  }

  /** Little-endian 32-bit read (any alignment). */
  read32(address: number): number {
    const offset = address % PAGE;
    if (offset <= PAGE - 4) {
      const p = this.pages.get(Math.floor(address / PAGE));
      if (p === undefined) return 0;
      return (
        (p[offset] | (p[offset + 1] << 8) | (p[offset + 2] << 16) | (p[offset + 3] << 24)) >>> 0
      );
    }
    let v = 0;
    for (let i = 3; i >= 0; i--) v = (v << 8) | this.read8(address + i);
    return v >>> 0;
  }

  write32(address: number, value: number): void {
    const offset = address % PAGE;
    if (offset <= PAGE - 4) {
      const p = this.page(address, true);
      if (p !== undefined) {
        p[offset] = value & 0xff;
        p[offset + 1] = (value >>> 8) & 0xff;
        p[offset + 2] = (value >>> 16) & 0xff;
        p[offset + 3] = (value >>> 24) & 0xff;
      }
      return;
    }
    for (let i = 0; i < 4; i++) this.write8(address + i, (value >>> (8 * i)) & 0xff);
  }

  /** Little-endian bytes of any length up to 8, as a bigint (guest writes of any size). */
  readValue(address: number, size: number): bigint {
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.read8(address + i));
    return v;
  }

  writeValue(address: number, value: bigint, size: number): void {
    for (let i = 0; i < size; i++)
      this.write8(address + i, Number((value >> BigInt(8 * i)) & 0xffn));
  }

  /** Pages that were ever written, for snapshots: [page index, bytes]. */
  touchedPages(): readonly (readonly [number, Uint8Array])[] {
    return [...this.pages.entries()].sort((a, b) => a[0] - b[0]);
  }

  clear(): void {
    this.pages.clear();
  }

  restorePage(index: number, bytes: ArrayLike<number>): void {
    const p = new Uint8Array(PAGE);
    p.set(Array.from(bytes).slice(0, PAGE));
    this.pages.set(index, p);
  }
}

export const MEMORY_PAGE_SIZE = PAGE;
