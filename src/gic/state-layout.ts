import type { ResolvedGicConfig } from './api.ts';

/**
 * The persistent part of the model's state — everything a snapshot must keep — lives in one
 * ArrayBuffer, one typed-array view per field. A snapshot is then one copy of that buffer, and a
 * restore one copy back; the delivery caches (heaps, HPPI, output lines) are derived from it and
 * rebuilt. Fields are laid out widest element first, so no view needs padding.
 *
 * A new block (LPIs, the ITS) adds its fields here; snapshot validation then asks for a range
 * rule for each (snapshot-rules.ts), so no field can be restored unchecked.
 */
export type FieldType = 'u32' | 'i16' | 'u8';

/** What one element of a field belongs to: an interrupt slot, an SPI, a PE, or a PE's group. */
export type FieldUnit = 'slot' | 'spi' | 'pe' | 'pe-group' | 'pe-apr' | 'pe-word';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly unit: FieldUnit;
}

export const PERSISTENT_FIELDS = [
  // GICD_IROUTER<n> halves per SPI.
  { name: 'irouterLo', type: 'u32', unit: 'spi' },
  { name: 'irouterHi', type: 'u32', unit: 'spi' },
  { name: 'gicrCtlr', type: 'u32', unit: 'pe' },
  { name: 'propbaser', type: 'u32', unit: 'pe-word' },
  { name: 'pendbaser', type: 'u32', unit: 'pe-word' },
  // ICC_AP0R/AP1R words: (pe·3 + group)·4 + n.
  { name: 'apr', type: 'u32', unit: 'pe-apr' },
  // PE that acknowledged the interrupt (−1 if not known).
  { name: 'activeOn', type: 'i16', unit: 'slot' },
  // Current delivery target of an SPI (−1: none); for 1-of-N SPIs the PE it is offered to.
  { name: 'routeTarget', type: 'i16', unit: 'spi' },
  { name: 'priority', type: 'u8', unit: 'slot' },
  { name: 'latch', type: 'u8', unit: 'slot' },
  { name: 'level', type: 'u8', unit: 'slot' },
  { name: 'edge', type: 'u8', unit: 'slot' },
  { name: 'enabled', type: 'u8', unit: 'slot' },
  { name: 'active', type: 'u8', unit: 'slot' },
  { name: 'igroup', type: 'u8', unit: 'slot' },
  { name: 'grpmod', type: 'u8', unit: 'slot' },
  { name: 'nmi', type: 'u8', unit: 'slot' },
  { name: 'nsacr', type: 'u8', unit: 'slot' },
  // 1 when a 1-of-N SPI is a candidate but no PE participates (waiting for one).
  { name: 'unplaced', type: 'u8', unit: 'spi' },
  { name: 'processorSleep', type: 'u8', unit: 'pe' },
  { name: 'pmr', type: 'u8', unit: 'pe' },
  { name: 'ctlrS', type: 'u8', unit: 'pe' },
  { name: 'ctlrNs', type: 'u8', unit: 'pe' },
  { name: 'ctlrEl3EoiMode', type: 'u8', unit: 'pe' },
  { name: 'sctlrNmi', type: 'u8', unit: 'pe' },
  { name: 'peSecurity', type: 'u8', unit: 'pe' },
  // pe·3 + group (G0, G1S, G1NS).
  { name: 'bpr', type: 'u8', unit: 'pe-group' },
  { name: 'igrpen', type: 'u8', unit: 'pe-group' },
  // The NMI bit 63 of AP1R0 (and AP0R0 under qemu), per pe·3 + group.
  { name: 'aprNmi', type: 'u8', unit: 'pe-group' },
] as const satisfies readonly FieldSpec[];

export type PersistentFieldName = (typeof PERSISTENT_FIELDS)[number]['name'];

type ViewOf<T extends FieldType> = T extends 'u32'
  ? Uint32Array
  : T extends 'i16'
    ? Int16Array
    : Uint8Array;

export type PersistentViews = {
  readonly [F in (typeof PERSISTENT_FIELDS)[number] as F['name']]: ViewOf<F['type']>;
};

const BYTES: Readonly<Record<FieldType, number>> = { u32: 4, i16: 2, u8: 1 };

export function fieldLength(cfg: ResolvedGicConfig, unit: FieldUnit): number {
  switch (unit) {
    case 'slot':
      return cfg.peCount * 32 + cfg.spiCount;
    case 'spi':
      return cfg.spiCount;
    case 'pe':
      return cfg.peCount;
    case 'pe-group':
      return cfg.peCount * 3;
    case 'pe-apr':
      return cfg.peCount * 12;
    case 'pe-word':
      return cfg.peCount * 2;
  }
}

export interface FieldPlacement {
  readonly spec: FieldSpec;
  readonly byteOffset: number;
  readonly length: number;
}

/** Where each field sits in the persistent buffer of a model with this configuration. */
export function persistentLayout(cfg: ResolvedGicConfig): {
  readonly fields: readonly FieldPlacement[];
  readonly byteLength: number;
} {
  const fields: FieldPlacement[] = [];
  let offset = 0;
  let width = 4;
  for (const spec of PERSISTENT_FIELDS) {
    if (BYTES[spec.type] > width) throw new Error(`state layout: ${spec.name} breaks alignment`);
    width = BYTES[spec.type];
    const length = fieldLength(cfg, spec.unit);
    fields.push({ spec, byteOffset: offset, length });
    offset += length * BYTES[spec.type];
  }
  // Keep the total a multiple of 4 so a copy can be taken as 32-bit words too.
  return { fields, byteLength: (offset + 3) & ~3 };
}

export function viewOf(
  buffer: ArrayBufferLike,
  placement: FieldPlacement,
): Uint32Array | Int16Array | Uint8Array {
  const { byteOffset, length } = placement;
  switch (placement.spec.type) {
    case 'u32':
      return new Uint32Array(buffer, byteOffset, length);
    case 'i16':
      return new Int16Array(buffer, byteOffset, length);
    case 'u8':
      return new Uint8Array(buffer, byteOffset, length);
  }
}

/** A fresh zeroed buffer and its field views. */
export function allocatePersistent(cfg: ResolvedGicConfig): {
  readonly bytes: Uint8Array;
  readonly views: PersistentViews;
} {
  const layout = persistentLayout(cfg);
  const buffer = new ArrayBuffer(layout.byteLength);
  const views: Record<string, Uint32Array | Int16Array | Uint8Array> = {};
  for (const placement of layout.fields) views[placement.spec.name] = viewOf(buffer, placement);
  return { bytes: new Uint8Array(buffer), views: views as unknown as PersistentViews };
}
