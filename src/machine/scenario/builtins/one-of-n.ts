import type { ScenarioInput } from '../schema.ts';

export const oneOfN: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'one-of-n',
  title: '1-of-N SPI delivery, round-robin across PEs',
  description:
    'GICD_IROUTER<48>.IRM = 1 lets the Distributor deliver SPI 48 to any participating PE; which one is IMPLEMENTATION ' +
    'DEFINED. This machine uses a round-robin policy (the next awake PE with Group 1 enabled after the last recipient). ' +
    'Linux itself always writes IRM = 0 and QEMU does not implement 1-of-N; the request here routes it on purpose.',
  machine: { pes: 4, spis: 64, oneOfN: 'round-robin' },
  guest: {
    kernel: '6.11+',
    nmi: 'pseudo',
    setup: [
      { do: 'request-irq', intid: 48, name: 'virtio-net', trigger: 'edge', route: 'one-of-n' },
    ],
  },
  devices: [
    {
      type: 'spi-source',
      intid: 48,
      name: 'virtio-net',
      trigger: 'edge',
      period: '10us',
      start: '50us',
      handler: '3us',
    },
  ],
  runUntil: '250us',
  chapters: [
    {
      at: '50.05us',
      title: '1-of-N: the Distributor chooses',
      caption:
        'GICD_IROUTER48.IRM = 1: SPI 48 may go to any participating PE. This machine picks round-robin; the first goes to PE 0.',
    },
    {
      at: '80.05us',
      title: 'Round the PEs',
      caption: 'Each new edge goes to the next PE after the last recipient: PE 1, PE 2, now PE 3.',
    },
  ],
  expect: [0, 1, 2, 3].map((pe) => ({
    at: '250us',
    check: 'counter' as const,
    intid: 48,
    pe,
    count: { atLeast: 4 },
  })),
};
