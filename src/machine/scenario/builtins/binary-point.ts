import type { ScenarioInput } from '../schema.ts';

const prio = (intid: number, value: string) => ({
  at: '20us',
  do: 'write-register' as const,
  target: { block: 'distributor' as const, offset: 0x400 + intid, size: 1 as const },
  value,
});

export const binaryPoint: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'binary-point',
  title: 'Preemption and the binary point: group priority preempts, subpriority only orders',
  description:
    "Three SPIs at 0xa0, 0x90 and 0xb0. With Linux's BPR1 (clamped to the minimum, 3) every implemented bit is group " +
    'priority: while 0xa0 is active, 0x90 pending raises the IRQ line (it could preempt; Linux keeps PSTATE.I set in ' +
    'handlers, so the PE takes it after the ERET). After BPR1 = 6 only bits [7:6] are group priority: 0x90 and 0xa0 are ' +
    'both group 0x80, so 0x90 no longer preempts — it is merely first in line, ahead of 0xb0, when 0xa0 finishes.',
  machine: { pes: 1, spis: 64 },
  guest: { kernel: '6.11+', nmi: 'none' },
  devices: [
    { type: 'spi-source', intid: 40, name: 'dev-a0', handler: '20us' },
    { type: 'spi-source', intid: 41, name: 'dev-90', handler: '20us' },
    { type: 'spi-source', intid: 42, name: 'dev-b0', handler: '20us' },
  ],
  timeline: [
    prio(40, '0xa0'),
    prio(41, '0x90'),
    prio(42, '0xb0'),
    { at: '50us', do: 'raise-line', intid: 40 },
    { at: '55us', do: 'raise-line', intid: 41 },
    {
      at: '100us',
      do: 'write-register',
      target: { block: 'cpu-interface', pe: 0, register: 'ICC_BPR1_EL1' },
      value: 6,
    },
    { at: '110us', do: 'raise-line', intid: 40 },
    { at: '115us', do: 'raise-line', intid: 42 },
    { at: '116us', do: 'raise-line', intid: 41 },
  ],
  runUntil: '200us',
  chapters: [
    {
      at: '56us',
      title: 'A higher priority could preempt',
      caption:
        'dev-a0 (0xA0) is active. dev-90 (0x90) is pending: with BPR1 at its minimum every bit is group priority, 0x90 < 0xA0, so the IRQ line rises.',
    },
    {
      at: '117us',
      title: 'After BPR1 = 6: one group',
      caption:
        'Only bits [7:6] are group priority now: 0x90 and 0xA0 are both group 0x80, so dev-90 no longer preempts — it is first in line, ahead of dev-b0.',
    },
  ],
  expect: [
    {
      at: '56us',
      check: 'outputs',
      pe: 0,
      irq: true,
      note: '0x90 has a higher group priority than the running 0xa0',
    },
    {
      at: '56us',
      check: 'register',
      target: { block: 'cpu-interface', pe: 0, register: 'ICC_RPR_EL1' },
      value: '0xa0',
    },
    {
      at: '117us',
      check: 'outputs',
      pe: 0,
      irq: false,
      note: 'same group priority 0x80: no preemption',
    },
    {
      at: '145us',
      check: 'counter',
      intid: 41,
      count: { equals: 2 },
      note: '0x90 goes first once 0xa0 is done',
    },
    { at: '145us', check: 'counter', intid: 42, count: { equals: 0 } },
    { at: '200us', check: 'counter', intid: 42, count: { equals: 1 } },
  ],
};
