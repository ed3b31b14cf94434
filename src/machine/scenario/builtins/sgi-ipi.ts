import type { ScenarioInput } from '../schema.ts';

export const sgiIpi: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'sgi-ipi',
  title: 'SGIs as IPIs: broadcast and targeted',
  description:
    'Linux sends IPIs by writing ICC_SGI1R_EL1 with a target list (IRM=0), one write per Aff1 cluster: a reschedule ' +
    'to all other CPUs, a function call to one CPU, an irq_work IPI to itself. A raw IRM=1 write (all but self — Linux ' +
    'never does this) follows. Last, the NMI backtrace IPI (SGI 6, priority 0x80) reaches a CPU that has interrupts disabled.',
  machine: { pes: 4, spis: 64 },
  guest: { kernel: '6.11+', nmi: 'pseudo' },
  timeline: [
    { at: '50us', do: 'send-ipi', from: 0, ipi: 0, to: 'others' },
    { at: '80us', do: 'send-ipi', from: 1, ipi: 1, to: [3] },
    { at: '110us', do: 'send-ipi', from: 2, ipi: 5, to: [2] },
    {
      at: '140us',
      do: 'write-register',
      target: { block: 'cpu-interface', pe: 3, register: 'ICC_SGI1R_EL1' },
      value: '0x10000000000',
    },
    { at: '160us', do: 'enter-critical-section', pe: 1, for: '50us' },
    { at: '170us', do: 'send-ipi', from: 0, ipi: 6, to: 'others' },
  ],
  runUntil: '300us',
  chapters: [
    {
      at: '50.05us',
      title: 'A reschedule IPI to the others',
      caption: 'PE 0 writes ICC_SGI1R_EL1 with a target list: SGI 0 becomes pending on PEs 1–3.',
    },
    {
      at: '140.05us',
      title: 'IRM = 1: all but self',
      caption:
        'A raw ICC_SGI1R_EL1 write with IRM = 1 from PE 3 reaches every other PE. Linux never does this.',
    },
    {
      at: '171us',
      title: 'The NMI backtrace IPI',
      caption:
        'SGI 6 is a pseudo-NMI (0x80): it reaches PE 1 although PE 1 has interrupts disabled (PMR 0xC0).',
    },
  ],
  expect: [
    {
      at: '300us',
      check: 'counter',
      ipi: 0,
      pe: 0,
      count: { equals: 1 },
      note: 'only from the IRM=1 broadcast',
    },
    { at: '300us', check: 'counter', ipi: 0, pe: 1, count: { equals: 2 } },
    {
      at: '300us',
      check: 'counter',
      ipi: 0,
      pe: 3,
      count: { equals: 1 },
      note: 'IRM=1 excludes the sender',
    },
    { at: '300us', check: 'counter', ipi: 1, pe: 3, count: { equals: 1 } },
    { at: '300us', check: 'counter', ipi: 1, count: { equals: 1 } },
    { at: '300us', check: 'counter', ipi: 5, pe: 2, count: { equals: 1 } },
    {
      at: '180us',
      check: 'counter',
      ipi: 6,
      pe: 1,
      count: { equals: 1 },
      note: 'the backtrace NMI passes PMR 0xc0',
    },
  ],
};
