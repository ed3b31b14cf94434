import type { GuestMemory } from '../memory.ts';
import { field } from './commands.ts';
import { CTE_SIZE, DTE_SIZE, ITE_SIZE, type ItsState } from './state.ts';

/**
 * The ITS's tables in memory (IHI 0069 §5.2): the device table and collection table described by
 * GITS_BASER<n>, flat or two-level, and one interrupt translation table (ITT) per device. The
 * level-1 entry format is architected (Valid [63], level-2 page address [51:12]); the entry
 * formats below it are IMPLEMENTATION DEFINED, and this model chooses:
 *   DTE (8 bytes): Valid [0], Size [5:1] (EventID bits − 1), ITT_addr [49:6] (address [51:8]);
 *   CTE (8 bytes): Valid [0], RDbase [36:1];
 *   ITE (12 bytes): Valid [0], pINTID [24:1], ICID [40:25].
 */

export interface TableGeometry {
  readonly valid: boolean;
  readonly indirect: boolean;
  readonly base: number;
  readonly pageSize: number;
  readonly entrySize: number;
  /** Entries the table can hold, capped by the ID width. */
  readonly entries: number;
}

const PAGE_SIZES = [0x1000, 0x4000, 0x10000, 0x10000] as const;
const L1_ENTRY = 8;

/** GITS_BASER<n> decoded (IHI 0069 §9.19.2); `idBits` caps the number of entries. */
export function tableGeometry(its: ItsState, n: number, idBits: number): TableGeometry {
  const lo = its.baserLo[n] ?? 0;
  const hi = its.baserHi[n] ?? 0;
  const pageSize = PAGE_SIZES[(lo >>> 8) & 3] ?? 0x1000;
  const entrySize = ((hi >>> 16) & 0x1f) + 1;
  const pages = (lo & 0xff) + 1;
  let base = (hi & 0xffff) * 0x100000000 + (lo >>> 12) * 0x1000;
  if (pageSize === 0x10000) {
    // 64 KB pages: bits [47:16] are the address, [15:12] hold address bits [51:48].
    base = (hi & 0xffff) * 0x100000000 + (lo >>> 16) * 0x10000 + ((lo >>> 12) & 0xf) * 2 ** 48;
  }
  const indirect = ((hi >>> 30) & 1) === 1;
  const entries = indirect
    ? ((pages * pageSize) / L1_ENTRY) * Math.floor(pageSize / entrySize)
    : Math.floor((pages * pageSize) / entrySize);
  return {
    valid: hi >>> 31 === 1,
    indirect,
    base,
    pageSize,
    entrySize,
    entries: hi >>> 31 === 1 ? Math.min(entries, 2 ** idBits) : 0,
  };
}

export type EntryAddress =
  | { readonly kind: 'ok'; readonly address: number }
  /** A two-level table whose level-1 entry is not valid: no entry exists. */
  | { readonly kind: 'no-level-2' }
  | { readonly kind: 'fault'; readonly address: number };

export function entryAddress(mem: GuestMemory, t: TableGeometry, index: number): EntryAddress {
  if (!t.indirect) return { kind: 'ok', address: t.base + index * t.entrySize };
  const perPage = Math.floor(t.pageSize / t.entrySize);
  const l1 = t.base + Math.floor(index / perPage) * L1_ENTRY;
  if (!mem.contains(l1, L1_ENTRY)) return { kind: 'fault', address: l1 };
  const hi = mem.read32(l1 + 4);
  if (hi >>> 31 === 0) return { kind: 'no-level-2' };
  const l2 = (hi & 0xfffff) * 0x100000000 + (mem.read32(l1) >>> 12) * 0x1000;
  return { kind: 'ok', address: l2 + (index % perPage) * t.entrySize };
}

export interface DeviceEntry {
  readonly valid: boolean;
  /** EventID bits − 1 (MAPD Size). */
  readonly size: number;
  readonly ittAddress: number;
}

export interface CollectionEntry {
  readonly valid: boolean;
  readonly rdBase: number;
}

export interface TranslationEntry {
  readonly valid: boolean;
  readonly intid: number;
  readonly icid: number;
}

function read64(mem: GuestMemory, at: number): { lo: number; hi: number } {
  return { lo: mem.read32(at), hi: mem.read32(at + 4) };
}

function bits(lo: number, hi: number, hiBit: number, loBit: number): number {
  return field({ lo, hi }, hiBit, loBit);
}

function write64(mem: GuestMemory, at: number, value: number): void {
  mem.write32(at, value % 0x100000000);
  mem.write32(at + 4, Math.floor(value / 0x100000000));
}

export function decodeDte(mem: GuestMemory, at: number): DeviceEntry {
  const { lo, hi } = read64(mem, at);
  return { valid: (lo & 1) === 1, size: (lo >>> 1) & 0x1f, ittAddress: bits(lo, hi, 49, 6) * 256 };
}

export function encodeDte(mem: GuestMemory, at: number, e: DeviceEntry): void {
  write64(mem, at, e.valid ? 1 + e.size * 2 + Math.floor(e.ittAddress / 256) * 64 : 0);
}

export function decodeCte(mem: GuestMemory, at: number): CollectionEntry {
  const { lo, hi } = read64(mem, at);
  return { valid: (lo & 1) === 1, rdBase: bits(lo, hi, 36, 1) };
}

export function encodeCte(mem: GuestMemory, at: number, e: CollectionEntry): void {
  write64(mem, at, e.valid ? 1 + e.rdBase * 2 : 0);
}

export function decodeIte(mem: GuestMemory, at: number): TranslationEntry {
  const { lo, hi } = read64(mem, at);
  return { valid: (lo & 1) === 1, intid: bits(lo, hi, 24, 1), icid: bits(lo, hi, 40, 25) };
}

export function encodeIte(mem: GuestMemory, at: number, e: TranslationEntry): void {
  write64(mem, at, e.valid ? 1 + e.intid * 2 + e.icid * 2 ** 25 : 0);
  mem.write32(at + 8, 0);
}

export { CTE_SIZE, DTE_SIZE, ITE_SIZE };
