import type { ScenarioInput } from '../schema.ts';

export const pseudoVsArchitected: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'pseudo-vs-architected',
  title: 'Pseudo-NMI and GICv3.3 architected NMI side by side',
  description:
    'A GICv3.3 machine (GICD_TYPER.NMI) whose PEs 0–1 run Linux pseudo-NMIs and PEs 2–3 FEAT_NMI (a comparison no single ' +
    'kernel makes). SPI 33 is an NMI by priority (0x80, routed to PE0); SPI 40 has the non-maskable property (GICD_INMIR, ' +
    'routed to PE2). Both PEs disable interrupts: PE0 by PMR = 0xc0, PE2 by PSTATE.I. The pseudo-NMI passes because ' +
    '0x80 < 0xc0 and is recognised by ICC_RPR_EL1 = 0x80 after ICC_IAR1_EL1; the architected one is a superpriority ' +
    'exception that PSTATE.I does not mask, acknowledged with ICC_NMIAR1_EL1.',
  machine: { pes: 4, spis: 64, nmi: true },
  guest: {
    kernel: '6.11+',
    nmi: 'pseudo',
    nmiByPe: ['pseudo', 'pseudo', 'architected', 'architected'],
    setup: [
      { do: 'request-nmi', intid: 33, name: 'uart-pl011', route: { pe: 0 } },
      { do: 'request-nmi', intid: 40, name: 'nmi-button', route: { pe: 2 } },
    ],
  },
  devices: [{ type: 'uart-pl011' }, { type: 'spi-source', intid: 40, name: 'nmi-button' }],
  timeline: [
    { at: '50us', do: 'enter-critical-section', pe: 0 },
    { at: '50us', do: 'enter-critical-section', pe: 2 },
    { at: '100us', do: 'inject-nmi', mode: 'rfc-round-robin' },
    { at: '150us', do: 'inject-nmi', mode: 'rfc-round-robin' },
    { at: '200us', do: 'inject-nmi', mode: 'architected' },
    { at: '250us', do: 'leave-critical-section', pe: 0 },
    { at: '250us', do: 'leave-critical-section', pe: 2 },
  ],
  runUntil: '300us',
  chapters: [
    {
      at: '101us',
      title: 'An NMI by priority',
      caption:
        'SPI 33 is a pseudo-NMI: priority 0x80 < PMR 0xC0 on PE 0. Linux recognises it after ICC_IAR1_EL1 by the running priority 0x80.',
    },
    {
      at: '151us',
      title: 'An NMI by property',
      caption:
        'SPI 40 has the GICv3.3 non-maskable property: superpriority, not masked by PMR nor by PSTATE.I on PE 2, acknowledged with ICC_NMIAR1_EL1.',
    },
  ],
  expect: [
    { at: '300us', check: 'injections', chosen: [33, 40, 40] },
    { at: '300us', check: 'counter', intid: 33, pe: 0, count: { equals: 1 } },
    { at: '300us', check: 'counter', intid: 40, pe: 2, count: { equals: 2 } },
    {
      at: '120us',
      check: 'register',
      target: { block: 'cpu-interface', pe: 0, register: 'ICC_PMR_EL1' },
      value: '0xc0',
    },
  ],
};
