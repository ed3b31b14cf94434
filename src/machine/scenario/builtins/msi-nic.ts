import type { ScenarioInput } from '../schema.ts';

export const msiNic: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'msi-nic',
  title: 'An MSI from a NIC through the ITS',
  description:
    'A PCIe NIC at 00:01.0 (DeviceID 0x8) has four MSI-X vectors, one receive queue per CPU. At boot the driver lays out ' +
    'the LPI tables and the ITS tables in memory, maps a collection per CPU (MAPC), the device (MAPD) and each vector ' +
    '(MAPTI), and enables each LPI with an INV. Then packets arrive: each MSI is a write of the vector number to ' +
    'GITS_TRANSLATER, which the ITS translates DeviceID → ITT → collection → Redistributor, where the LPI becomes ' +
    'pending and the CPU takes it. /proc/interrupts counts one ITS-MSI row per queue.',
  machine: { pes: 4, spis: 64, its: true },
  guest: { kernel: '6.11+', nmi: 'none' },
  devices: [
    {
      type: 'msi-device',
      name: 'eth0',
      deviceId: 0x8,
      vectors: 4,
      vectorNames: ['eth0-rx-0', 'eth0-rx-1', 'eth0-rx-2', 'eth0-rx-3'],
      period: '20us',
      start: '150us',
      handler: '3us',
    },
  ],
  timeline: [],
  runUntil: '400us',
  expect: [
    { at: '400us', check: 'counter', intid: 8192, pe: 0, count: { atLeast: 3 } },
    { at: '400us', check: 'counter', intid: 8193, pe: 1, count: { atLeast: 3 } },
    { at: '400us', check: 'counter', intid: 8194, pe: 2, count: { atLeast: 3 } },
    { at: '400us', check: 'counter', intid: 8195, pe: 3, count: { atLeast: 3 } },
    {
      at: '400us',
      check: 'counter',
      intid: 8193,
      pe: 0,
      count: { equals: 0 },
      note: 'each queue has its own CPU',
    },
    { at: '400us', check: 'lpi', intid: 8192, pe: 0, pending: false, enabled: true },
  ],
};
