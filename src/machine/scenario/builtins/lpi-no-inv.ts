import type { ScenarioInput } from '../schema.ts';

export const lpiNoInv: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'lpi-no-inv',
  title: 'The priority changed but no INV — the LPI still uses the old one',
  description:
    "An LPI's priority lives in the configuration table in memory, and a Redistributor may cache it (IHI 0069 §5.1): " +
    'a change counts only after INV (or INVALL, GICR_INVLPIR). Here a driver raises its LPI from 0xc0 to 0x80 so that ' +
    'it gets through while CPU 0 runs with PMR at 0xa0 — but forgets the INV. The table says 0x80, the Redistributor ' +
    'still uses 0xc0, and the LPI waits, masked. At 300us the driver sends the INV and the LPI is taken at once.',
  machine: { pes: 2, spis: 64, its: true },
  guest: { kernel: '6.11+', nmi: 'none' },
  devices: [
    {
      type: 'msi-device',
      name: 'nvme0',
      deviceId: 0x10,
      vectors: 1,
      vectorNames: ['nvme0q0'],
      affinity: [0],
    },
  ],
  timeline: [
    { at: '150us', do: 'lpi-config', intid: 8192, priority: 0x80, invalidate: 'none' },
    {
      at: '160us',
      do: 'write-register',
      target: { block: 'cpu-interface', pe: 0, register: 'ICC_PMR_EL1' },
      value: '0xa0',
    },
    { at: '200us', do: 'send-msi', device: 'nvme0', vector: 0 },
    { at: '300us', do: 'its-command', command: { name: 'INV', deviceId: 0x10, eventId: 0 } },
  ],
  runUntil: '400us',
  expect: [
    {
      at: '250us',
      check: 'lpi',
      intid: 8192,
      pe: 0,
      pending: true,
      stale: true,
      note: 'the table says 0x80, the cache 0xc0',
    },
    {
      at: '250us',
      check: 'counter',
      intid: 8192,
      count: { equals: 0 },
      note: 'PMR 0xa0 masks priority 0xc0',
    },
    {
      at: '400us',
      check: 'counter',
      intid: 8192,
      pe: 0,
      count: { equals: 1 },
      note: 'after the INV',
    },
    { at: '400us', check: 'lpi', intid: 8192, pe: 0, pending: false, stale: false },
  ],
  chapters: [
    {
      at: '160us',
      title: '0x80 in memory, 0xc0 in the cache',
      caption:
        "The driver wrote priority 0x80 to LPI 8192's configuration byte but sent no INV: the Redistributor still uses the 0xc0 it cached. CPU 0 runs with PMR 0xa0.",
    },
    {
      at: '200us',
      title: 'The MSI waits behind the PMR',
      caption:
        'LPI 8192 is pending at 0xc0 as the Redistributor sees it; 0xc0 is not < PMR 0xa0, so CPU 0 does not take it, although the table says 0x80.',
    },
    {
      at: '300.108us',
      title: 'INV, and it is taken at once',
      caption:
        'The INV makes the Redistributor read the byte again: 0x80 < 0xa0, so CPU 0 acknowledges LPI 8192 immediately.',
    },
  ],
};
