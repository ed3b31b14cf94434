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
  chapters: [
    {
      at: '31us',
      title: 'The NIC is mapped',
      caption:
        'The driver laid out the LPI and ITS tables, mapped a collection per CPU (MAPC), the NIC (MAPD, DeviceID 0x8) and its four vectors (MAPTI), and enabled each LPI with an INV.',
    },
    {
      at: '150.02us',
      title: 'The first packet',
      caption:
        "The NIC writes vector 0 to GITS_TRANSLATER. The ITS translates DeviceID 0x8 → ITT → collection 0 → PE 0's Redistributor: LPI 8192 becomes pending and PE 0 takes it.",
    },
    {
      at: '210.02us',
      title: 'One queue per CPU',
      caption:
        'Vectors 1–3 arrive on PEs 1–3 through their own collections; /proc/interrupts counts one ITS-MSI row per queue.',
    },
  ],
};
