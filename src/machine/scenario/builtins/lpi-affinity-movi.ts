import type { ScenarioInput } from '../schema.ts';

export const lpiAffinityMovi: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'lpi-affinity-movi',
  title: 'irq affinity change: MOVI moves the LPI to another CPU',
  description:
    'echo 2 > /proc/irq/N/smp_affinity for an MSI: Linux (its_set_affinity) sends MOVI to point the event at the new ' +
    "CPU's collection, then SYNC. An LPI that is pending when MOVI arrives moves with it. The disk's completions are " +
    'counted on CPU 0 before the change and on CPU 1 after it; one is pending on CPU 0 (masked) when MOVI moves it.',
  machine: { pes: 2, spis: 64, its: true },
  guest: { kernel: '6.11+', nmi: 'none' },
  devices: [
    {
      type: 'msi-device',
      name: 'virtio0',
      deviceId: 0x8,
      vectors: 1,
      vectorNames: ['virtio0-req.0'],
      affinity: [0],
      period: '25us',
      start: '150us',
    },
  ],
  timeline: [
    { at: '240us', do: 'enter-critical-section', pe: 0, for: '30us' },
    { at: '255us', do: 'set-irq-affinity', intid: 8192, pe: 1 },
  ],
  runUntil: '400us',
  expect: [
    { at: '400us', check: 'counter', intid: 8192, pe: 0, count: { equals: 4 } },
    {
      at: '400us',
      check: 'counter',
      intid: 8192,
      pe: 1,
      count: { atLeast: 5 },
      note: 'the pending one moved too',
    },
  ],
  chapters: [
    {
      at: '150.02us',
      title: 'Completions on CPU 0',
      caption:
        "Each disk completion is an MSI that the ITS turns into LPI 8192 on CPU 0's collection; CPU 0 takes it.",
    },
    {
      at: '250us',
      title: 'Pending on CPU 0, masked',
      caption:
        "CPU 0 is in a critical section: the next completion waits, pending in CPU 0's Redistributor.",
    },
    {
      at: '255us',
      title: 'MOVI moves the pending LPI',
      caption:
        "echo 2 > smp_affinity: MOVI points the event at CPU 1's collection, then SYNC. The pending LPI moves with it and CPU 1 takes it.",
    },
  ],
};
