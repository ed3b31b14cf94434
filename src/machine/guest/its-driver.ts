import type { ItsCommand } from '../../gic/index.ts';
import type { DeviceConfig } from '../scenario/index.ts';
import type { Op } from './ops.ts';

/**
 * A Linux-like ITS driver (drivers/irqchip/irq-gic-v3-its.c, reference §3.5): the LPI
 * configuration table filled with the default priority and Enable clear, one pending table per
 * CPU, the device and collection tables and the command queue in memory; per CPU GICR_PROPBASER,
 * GICR_PENDBASER, EnableLPIs and a MAPC (collection n = CPU n); per PCI device a MAPD, one MAPTI per
 * MSI vector, and at request_irq the Enable bit set with an INV; each command followed by a SYNC
 * where Linux sends one.
 */

/** Where the driver puts its tables (guest physical memory, QEMU virt RAM at 0x4000_0000). */
export const ITS_MEMORY = {
  prop: 0x41000000,
  pend: (pe: number) => 0x41100000 + pe * 0x10000,
  queue: 0x42200000,
  devices: 0x42300000,
  collections: 0x42380000,
  itt: (index: number) => 0x42400000 + index * 0x1000,
  /** The table firmware left behind (scenario machine.firmwareEnabledLpis). */
  firmwareProp: 0x40f00000,
  firmwarePend: (pe: number) => 0x40e00000 + pe * 0x10000,
} as const;

/** 16 INTID bits, like QEMU's GICD_TYPER.IDbits = 15: LPIs 8192–65535. */
export const LPI_ID_BITS = 16;
const QUEUE_PAGES = 16;

/** The ITS's own registers (IHI 0069 §9.19). */
export const GITS = {
  CTLR: 0x0,
  TYPER: 0x8,
  CBASER: 0x80,
  CWRITER: 0x88,
  CREADR: 0x90,
  BASER: 0x100,
} as const;
export const GICR_LPI = { PROPBASER: 0x70, PENDBASER: 0x78 } as const;

/** GITS_BASER<n>.Valid / GITS_CBASER.Valid (bit 63); BigInt, since 2^63 + x is not exact in a double. */
const valid = (low: number) => `0x${((1n << 63n) | BigInt(low)).toString(16)}`;
const hex = (n: number) => `0x${n.toString(16)}`;

/** its_init on the boot CPU: tables, command queue, ITS enabled. */
export function itsInit(defaultPriority: number): Op[] {
  const m = ITS_MEMORY;
  const propBytes = 2 ** LPI_ID_BITS - 8192;
  return [
    { op: 'its-read', offset: GITS.TYPER, size: 8 },
    // Priority, RES1 (Linux's GROUP1), Enable clear (lpi_update_config sets it later).
    { op: 'mem-fill', address: m.prop, byte: (defaultPriority & 0xfc) | 2, length: propBytes },
    // 64 KB pages; the device table flat, 8 pages = 65536 DeviceIDs; one page of collections.
    { op: 'its-write', offset: GITS.BASER, value: valid(m.devices + (2 << 8) + 7), size: 8 },
    {
      op: 'its-write',
      offset: GITS.BASER + 8,
      value: valid(m.collections + (2 << 8)),
      size: 8,
    },
    {
      op: 'its-write',
      offset: GITS.CBASER,
      value: valid(m.queue + (QUEUE_PAGES - 1)),
      size: 8,
    },
    { op: 'its-write', offset: GITS.CWRITER, value: '0x0', size: 8 },
    { op: 'its-write', offset: GITS.CTLR, value: '0x1', size: 4 },
    {
      op: 'log',
      text: `ITS@0x08080000: allocated ${2 ** 16} Devices @${m.devices.toString(16)} (flat, esz 8, psz 64K, shr 1)`,
    },
  ];
}

/** its_cpu_init_lpis + its_cpu_init_collection for one CPU. */
export function cpuLpiInit(pe: number, rdBase: number): Op[] {
  const m = ITS_MEMORY;
  return [
    {
      op: 'redist-write64',
      offset: GICR_LPI.PROPBASER,
      value: hex(m.prop + 0x780 + (LPI_ID_BITS - 1)),
    },
    { op: 'redist-write64', offset: GICR_LPI.PENDBASER, value: hex(m.pend(pe) + 0x780) },
    { op: 'redist-write', offset: 0x0, value: 1, size: 4 },
    { op: 'log', text: `GICv3: CPU${pe}: using allocated LPI pending table @${hex(m.pend(pe))}` },
    { op: 'its-command', command: { name: 'MAPC', icid: pe, rdBase, valid: true } },
    { op: 'its-command', command: { name: 'SYNC', rdBase } },
  ];
}

/** One MSI vector of a device, as the guest's irq_desc sees it. */
export interface MsiVector {
  readonly device: string;
  readonly deviceId: number;
  readonly eventId: number;
  readonly intid: number;
  /** Collection (= CPU) the vector is mapped to. */
  readonly pe: number;
  readonly name: string;
}

/** Linux's ITT size: at least 2 events, a power of two (its_create_device). */
function ittSize(vectors: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, vectors))) - 1);
}

export function msiDevices(devices: readonly DeviceConfig[], peCount: number): MsiVector[] {
  const vectors: MsiVector[] = [];
  let next = 8192;
  for (const d of devices) {
    if (d.type !== 'msi-device') continue;
    // LPIs come in power-of-two chunks per device (its_lpi_alloc).
    const chunk = 2 ** (ittSize(d.vectors) + 1);
    for (let v = 0; v < d.vectors; v++) {
      vectors.push({
        device: d.name,
        deviceId: d.deviceId,
        eventId: v,
        intid: next + v,
        pe: d.affinity?.[v] ?? v % peCount,
        name: d.vectorNames?.[v] ?? `${d.name}-${v}`,
      });
    }
    next += chunk;
  }
  return vectors;
}

/** pci_enable_msix → its_msi_prepare (MAPD), activate (MAPTI), request_irq (enable + INV). */
export function msiSetup(
  devices: readonly DeviceConfig[],
  vectors: readonly MsiVector[],
  defaultPriority: number,
): Op[] {
  const ops: Op[] = [];
  let index = 0;
  for (const d of devices) {
    if (d.type !== 'msi-device') continue;
    const mine = vectors.filter((v) => v.deviceId === d.deviceId);
    ops.push(
      { op: 'log', text: `${d.name}: DeviceID ${hex(d.deviceId)}, ${d.vectors} MSI-X vectors` },
      {
        op: 'its-command',
        command: {
          name: 'MAPD',
          deviceId: d.deviceId,
          size: ittSize(d.vectors),
          ittAddress: ITS_MEMORY.itt(index),
          valid: true,
        },
      },
      ...mine.map((v): Op => ({
        op: 'its-command',
        command: {
          name: 'MAPTI',
          deviceId: v.deviceId,
          eventId: v.eventId,
          intid: v.intid,
          icid: v.pe,
        },
      })),
      { op: 'its-command', command: { name: 'SYNC', rdBase: 0 } },
    );
    for (const v of mine) ops.push(...lpiConfigOps(v, defaultPriority, true, 'inv'));
    index++;
  }
  return ops;
}

/** lpi_write_config then its_send_inv / INVALL, as Linux's unmask / mask / a priority change. */
export function lpiConfigOps(
  v: Pick<MsiVector, 'deviceId' | 'eventId' | 'intid' | 'pe'>,
  priority: number,
  enabled: boolean,
  invalidate: 'inv' | 'invall' | 'none',
): Op[] {
  const ops: Op[] = [
    {
      op: 'mem-write',
      address: ITS_MEMORY.prop + v.intid - 8192,
      value: (priority & 0xfc) | 2 | (enabled ? 1 : 0),
      size: 1,
    },
  ];
  const inv: ItsCommand | null =
    invalidate === 'inv'
      ? { name: 'INV', deviceId: v.deviceId, eventId: v.eventId }
      : invalidate === 'invall'
        ? { name: 'INVALL', icid: v.pe }
        : null;
  if (inv !== null)
    ops.push(
      { op: 'its-command', command: inv },
      { op: 'its-command', command: { name: 'SYNC', rdBase: v.pe } },
    );
  return ops;
}
