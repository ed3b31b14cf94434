import type { ScenarioInput } from '../schema.ts';

export const pmrLadder: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'pmr-ladder',
  title: 'Priority masking ladder: ordinary IRQs held by PMR while the NMI passes',
  description:
    'Ordinary interrupts sit at priority 0xc0, the NMI at 0x80. In local_irq_disable the PMR is 0xc0: "0xc0 is not < 0xc0", ' +
    'so eth0 stays pending, while the NMI (0x80 < 0xc0) is taken at once. Later an NMI arrives inside the mmc0 handler: ' +
    'Linux runs IRQ handlers with PMR = 0xc0 and PSTATE.I clear, so the NMI preempts it (handler depth 2).',
  machine: { pes: 2, spis: 64 },
  guest: {
    kernel: '6.11+',
    nmi: 'pseudo',
    setup: [{ do: 'request-nmi', intid: 33, name: 'uart-pl011' }],
  },
  devices: [
    { type: 'uart-pl011' },
    { type: 'spi-source', intid: 40, name: 'eth0', handler: '20us' },
    { type: 'spi-source', intid: 41, name: 'mmc0', handler: '20us' },
  ],
  timeline: [
    { at: '50us', do: 'enter-critical-section', pe: 0, for: '100us' },
    { at: '60us', do: 'raise-line', intid: 40 },
    { at: '80us', do: 'inject-nmi' },
    { at: '200us', do: 'raise-line', intid: 41 },
    { at: '210us', do: 'inject-nmi' },
  ],
  runUntil: '300us',
  chapters: [
    {
      at: '65us',
      title: 'eth0 waits behind PMR',
      caption:
        'PE 0 is in local_irq_disable() (PMR 0xC0). eth0 (SPI 40) is pending at 0xC0, and 0xC0 is not < 0xC0: it stays behind the gate.',
    },
    {
      at: '81us',
      title: 'The NMI passes the same gate',
      caption:
        'SPI 33 is a pseudo-NMI at 0x80: 0x80 < PMR 0xC0, so PE 0 takes it while eth0 still waits.',
    },
    {
      at: '154us',
      title: 'Interrupts back on: eth0 at last',
      caption: 'local_irq_enable() writes PMR 0xE0 and eth0 is taken.',
    },
    {
      at: '211us',
      title: 'An NMI inside an IRQ handler',
      caption:
        'Linux runs IRQ handlers with PMR 0xC0 and PSTATE.I clear, so the NMI (0x80) preempts the mmc0 handler: two handlers on the stack.',
    },
  ],
  expect: [
    {
      at: '100us',
      check: 'counter',
      intid: 33,
      pe: 0,
      count: { equals: 1 },
      note: 'the NMI passed PMR 0xc0',
    },
    { at: '100us', check: 'counter', intid: 40, count: { equals: 0 } },
    { at: '100us', check: 'interrupt-state', intid: 40, state: 'pending' },
    {
      at: '100us',
      check: 'register',
      target: { block: 'cpu-interface', pe: 0, register: 'ICC_PMR_EL1' },
      value: '0xc0',
    },
    {
      at: '100us',
      check: 'outputs',
      pe: 0,
      irq: false,
      note: 'nothing beats the mask: the IRQ line is low',
    },
    {
      at: '211us',
      check: 'handler-depth',
      pe: 0,
      depth: 2,
      note: 'NMI on top of the mmc0 handler',
    },
    { at: '300us', check: 'counter', intid: 40, pe: 0, count: { equals: 1 } },
    { at: '300us', check: 'counter', intid: 41, pe: 0, count: { equals: 1 } },
    { at: '300us', check: 'counter', intid: 33, pe: 0, count: { equals: 2 } },
  ],
};
