import type { ScenarioInput } from '../schema.ts';

const gicr1 = (offset: number, size: 4 | 8 = 4) => ({
  block: 'redistributor' as const,
  pe: 1,
  offset,
  size,
});
const pmr1 = { block: 'cpu-interface' as const, pe: 1, register: 'ICC_PMR_EL1' };
const irouter40 = { block: 'distributor' as const, offset: 0x6000 + 8 * 40, size: 8 as const };

export const timerNeverFires: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'timer-never-fires',
  title: '"My timer never fires": four misconfigurations and their fixes',
  description:
    "PE1's timer (PPI 27) ticks every 20us and an RTC (SPI 40) every 25us. Each 100us window breaks one thing, the next " +
    'repairs it: (1) PPI 27 moved to Group 0 in GICR_IGROUPR0 — Linux never sets ICC_IGRPEN0_EL1, so it is never ' +
    'signalled; (2) GICR_WAKER.ProcessorSleep set — the Redistributor is asleep; (3) ICC_PMR_EL1 = 0 — every priority ' +
    'is masked; (4) GICD_IROUTER<40> names affinity 0.0.0.7, a PE that does not exist — the SPI stays pending.',
  machine: { pes: 2, spis: 64 },
  guest: { kernel: '6.11+', nmi: 'pseudo' },
  devices: [
    { type: 'arch-timer', timer: 'virtual', period: '20us', start: '20us' },
    { type: 'spi-source', intid: 40, name: 'rtc-pl031', period: '25us', start: '25us' },
  ],
  timeline: [
    { at: '100us', do: 'write-register', target: gicr1(0x10080), value: '0xf7ffffff' },
    { at: '200us', do: 'write-register', target: gicr1(0x10080), value: '0xffffffff' },
    { at: '300us', do: 'write-register', target: gicr1(0x14), value: 2 },
    { at: '400us', do: 'write-register', target: gicr1(0x14), value: 0 },
    { at: '500us', do: 'write-register', target: pmr1, value: 0 },
    { at: '600us', do: 'write-register', target: pmr1, value: '0xe0' },
    { at: '700us', do: 'write-register', target: irouter40, value: 7 },
    { at: '800us', do: 'write-register', target: irouter40, value: 0 },
  ],
  runUntil: '900us',
  chapters: [
    {
      at: '150us',
      title: 'Group 0: never signalled',
      caption:
        'PPI 27 was moved to Group 0 in GICR_IGROUPR0. Linux never sets ICC_IGRPEN0_EL1, so PE 1 never sees the timer.',
    },
    {
      at: '350us',
      title: 'The Redistributor is asleep',
      caption: 'GICR_WAKER.ProcessorSleep = 1 on PE 1: its Redistributor forwards nothing.',
    },
    {
      at: '550us',
      title: 'PMR 0 masks everything',
      caption:
        'ICC_PMR_EL1 = 0 on PE 1: no priority is below 0x00, so every interrupt waits behind the gate.',
    },
    {
      at: '750us',
      title: 'Routed nowhere',
      caption:
        'GICD_IROUTER40 names affinity 0.0.0.7, a PE that does not exist: the RTC SPI stays pending in the Distributor.',
    },
  ],
  expect: [
    {
      at: '199us',
      check: 'interrupt-state',
      intid: 27,
      pe: 1,
      state: 'pending',
      note: 'Group 0: pending, never signalled',
    },
    { at: '199us', check: 'outputs', pe: 1, irq: false, fiq: false },
    {
      at: '299us',
      check: 'counter',
      intid: 27,
      pe: 1,
      count: { atLeast: 8 },
      note: 'ticking again after the fix',
    },
    {
      at: '399us',
      check: 'interrupt-state',
      intid: 27,
      pe: 1,
      state: 'pending',
      note: 'Redistributor asleep',
    },
    {
      at: '599us',
      check: 'interrupt-state',
      intid: 27,
      pe: 1,
      state: 'pending',
      note: 'PMR 0 masks everything',
    },
    { at: '599us', check: 'register', target: pmr1, value: 0 },
    {
      at: '799us',
      check: 'interrupt-state',
      intid: 40,
      state: 'pending',
      note: 'IROUTER names no PE',
    },
    { at: '900us', check: 'counter', intid: 40, pe: 0, count: { atLeast: 30 } },
  ],
};
