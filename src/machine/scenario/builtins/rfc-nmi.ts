import type { ScenarioInput } from '../schema.ts';

const pes = [0, 1, 2, 3];

export const rfcNmi: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'rfc-nmi',
  title: "The 2019 QEMU RFC's own test: NMIs while every CPU sits in local_irq_disable",
  description:
    'Linux 6.11+ with irqchip.gicv3_pseudo_nmi=1 requests the PL011 UART (SPI 33) and a second SPI as NMIs (priority 0x80). ' +
    'All four CPUs enter local_irq_disable (PMR = 0xc0). Each "Inject NMI" raises the next candidate in round-robin order, ' +
    'as the RFC did; the NMI gets through (0x80 < PMR 0xc0) and its /proc/interrupts count rises, while the timer PPIs wait ' +
    'behind the mask until local_irq_enable.',
  machine: { pes: 4, spis: 64 },
  guest: {
    kernel: '6.11+',
    nmi: 'pseudo',
    el: 'el1-guest',
    setup: [
      { do: 'request-nmi', intid: 33, name: 'uart-pl011' },
      { do: 'request-nmi', intid: 40, name: 'nmi-button', route: { pe: 1 } },
    ],
  },
  devices: [
    { type: 'uart-pl011' },
    { type: 'spi-source', intid: 40, name: 'nmi-button' },
    { type: 'arch-timer', timer: 'virtual', period: '25us' },
  ],
  injector: { mode: 'rfc-round-robin' },
  timeline: [
    ...pes.map((pe) => ({ at: '50us', do: 'enter-critical-section' as const, pe })),
    { at: '100us', do: 'inject-nmi' },
    { at: '150us', do: 'inject-nmi' },
    { at: '200us', do: 'inject-nmi' },
    { at: '250us', do: 'inject-nmi' },
    ...pes.map((pe) => ({ at: '300us', do: 'leave-critical-section' as const, pe })),
  ],
  runUntil: '400us',
  chapters: [
    {
      at: '101us',
      title: 'The first NMI gets through',
      caption:
        'Every CPU masks IRQs with PMR 0xC0, not PSTATE.I. Inject NMI raised SPI 33, a pseudo-NMI at 0x80 < 0xC0: PE 0 takes it while the timers (PPI 27 at 0xC0) wait.',
    },
    {
      at: '151us',
      title: 'Round-robin: the next candidate',
      caption:
        'The next press raises the next candidate, SPI 40 → PE 1: the RFC rotated over every enabled interrupt at the NMI priority.',
    },
    {
      at: '280us',
      title: 'Four NMIs, no timer tick',
      caption:
        'Four injections alternated 33, 40, 33, 40. The timers on every PE are still pending at 0xC0, held back by PMR 0xC0.',
    },
    {
      at: '301us',
      title: 'local_irq_enable(): the timers are taken',
      caption:
        'At 300 µs the CPUs write PMR 0xE0 again: 0xC0 < 0xE0, and the waiting timer interrupts are taken at last.',
    },
  ],
  expect: [
    {
      at: '280us',
      check: 'injections',
      chosen: [33, 40, 33, 40],
      note: 'round-robin over the two candidates',
    },
    { at: '280us', check: 'counter', intid: 33, pe: 0, count: { equals: 2 } },
    { at: '280us', check: 'counter', intid: 40, pe: 1, count: { equals: 2 } },
    {
      at: '280us',
      check: 'interrupt-state',
      intid: 27,
      pe: 2,
      state: 'pending',
      note: 'the timer waits behind PMR 0xc0',
    },
    {
      at: '280us',
      check: 'register',
      target: { block: 'cpu-interface', pe: 2, register: 'ICC_PMR_EL1' },
      value: '0xc0',
    },
    {
      at: '400us',
      check: 'counter',
      intid: 27,
      pe: 2,
      count: { atLeast: 2 },
      note: 'taken after local_irq_enable',
    },
  ],
};
