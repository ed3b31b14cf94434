import type { ScenarioInput } from '../schema.ts';

export const lpiFirmwareEnabled: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'lpi-firmware-enabled',
  title: 'EnableLPIs already set by firmware: the new tables are never read',
  description:
    'Firmware (or the kernel before a kexec) left GICR_CTLR.EnableLPIs set, with its own configuration table in which ' +
    'every LPI is disabled. Once set, EnableLPIs cannot be cleared on this GIC (GICR_CTLR.CES=0), and writing ' +
    'GICR_PROPBASER/PENDBASER while it is set is UNPREDICTABLE — here the writes are ignored. The kernel builds its ' +
    "tables and enables its LPI with an INV, but the Redistributor keeps reading the old table: the disk's MSIs " +
    'arrive, become pending, and are never delivered. Linux avoids this by reusing the tables it finds (kdump).',
  machine: { pes: 2, spis: 64, its: true, firmwareEnabledLpis: true },
  guest: { kernel: '6.11+', nmi: 'none' },
  devices: [
    {
      type: 'msi-device',
      name: 'virtio0',
      deviceId: 0x8,
      vectors: 1,
      vectorNames: ['virtio0-req.0'],
      affinity: [0],
    },
  ],
  timeline: [{ at: '200us', do: 'send-msi', device: 'virtio0', vector: 0 }],
  runUntil: '300us',
  expect: [
    { at: '300us', check: 'counter', intid: 8192, count: { equals: 0 } },
    { at: '300us', check: 'lpi', intid: 8192, pe: 0, pending: true, enabled: false },
    {
      at: '300us',
      check: 'register',
      target: { block: 'redistributor', pe: 0, offset: '0x70', size: 8 },
      value: '0x40f0000f',
      note: "still firmware's table",
    },
  ],
  chapters: [
    {
      at: '9us',
      title: 'The new tables are ignored',
      caption:
        "EnableLPIs was already 1: the kernel's GICR_PROPBASER/PENDBASER writes are ignored (warning lpi-table-base-locked) and the Redistributor keeps firmware's tables.",
    },
    {
      at: '200us',
      title: 'The MSI is never delivered',
      caption:
        "The disk's MSI makes LPI 8192 pending, but firmware's table, the one the Redistributor reads, has it disabled: it stays pending.",
    },
  ],
};
