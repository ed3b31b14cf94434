import type { ScenarioInput } from '../schema.ts';

/** DeviceID/EventID/LPI numbers of kvm-unit-tests arm/gic.c (its-trigger). */
export const itsTrigger: ScenarioInput = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'its-trigger',
  title: 'kvm-unit-tests its-trigger: INT, INV, INVALL, MAPD V=0',
  description:
    "The sequence of kvm-unit-tests' its-trigger test (arm/gic.c), on a GIC that caches LPI configuration until it is " +
    'invalidated. Device 2 event 20 is LPI 8195 on CPU 3, device 7 event 255 is LPI 8196 on CPU 2. INT makes both ' +
    'pending and they are taken. Then 8195 is disabled in the table and invalidated with INV: INT now leaves it pending ' +
    'but undelivered. Enabled again and made visible with INVALL, it is taken. Last, MAPD with V=0 unmaps device 2: ' +
    'INT is a command error and nothing happens.',
  machine: { pes: 4, spis: 64, its: true },
  guest: { kernel: '6.11+', nmi: 'none' },
  devices: [
    {
      type: 'msi-device',
      name: 'dev2',
      deviceId: 2,
      vectors: 32,
      affinity: Array.from({ length: 32 }, () => 3),
    },
    { type: 'msi-device', name: 'dev7', deviceId: 7, vectors: 1, affinity: [2] },
  ],
  timeline: [
    {
      at: '150us',
      do: 'its-command',
      command: { name: 'MAPD', deviceId: 7, size: 7, ittAddress: 0x42480000 },
    },
    {
      at: '150us',
      do: 'its-command',
      command: { name: 'MAPTI', deviceId: 2, eventId: 20, intid: 8195, icid: 3 },
    },
    {
      at: '150us',
      do: 'its-command',
      command: { name: 'MAPTI', deviceId: 7, eventId: 255, intid: 8196, icid: 2 },
    },
    { at: '150us', do: 'lpi-config', intid: 8195, priority: 0xc0 },
    { at: '150us', do: 'its-command', command: { name: 'INT', deviceId: 2, eventId: 20 } },
    { at: '150us', do: 'its-command', command: { name: 'INT', deviceId: 7, eventId: 255 } },
    { at: '200us', do: 'lpi-config', intid: 8195, priority: 0xc0, enabled: false },
    { at: '220us', do: 'its-command', command: { name: 'INT', deviceId: 2, eventId: 20 } },
    { at: '260us', do: 'lpi-config', intid: 8195, priority: 0xc0, invalidate: 'invall' },
    {
      at: '300us',
      do: 'its-command',
      command: { name: 'MAPD', deviceId: 2, size: 4, ittAddress: 0x42400000, valid: false },
    },
    { at: '300us', do: 'its-command', command: { name: 'INT', deviceId: 2, eventId: 20 } },
  ],
  runUntil: '350us',
  expect: [
    { at: '190us', check: 'counter', intid: 8195, pe: 3, count: { equals: 1 } },
    { at: '190us', check: 'counter', intid: 8196, pe: 2, count: { equals: 1 } },
    {
      at: '250us',
      check: 'counter',
      intid: 8195,
      count: { equals: 1 },
      note: 'disabled + INV: nothing',
    },
    { at: '250us', check: 'lpi', intid: 8195, pe: 3, pending: true, enabled: false },
    {
      at: '290us',
      check: 'counter',
      intid: 8195,
      pe: 3,
      count: { equals: 2 },
      note: 're-enabled + INVALL',
    },
    {
      at: '350us',
      check: 'counter',
      intid: 8195,
      count: { equals: 2 },
      note: 'MAPD V=0: INT is an error',
    },
    { at: '350us', check: 'lpi', intid: 8195, pe: 3, pending: false, note: 'INT found no device' },
  ],
  chapters: [
    {
      at: '150.55us',
      title: 'INT: both LPIs are taken',
      caption:
        'INT makes LPI 8195 pending on CPU 3 and LPI 8196 on CPU 2, exactly as an MSI would; both are acknowledged.',
    },
    {
      at: '220us',
      title: 'Disabled and invalidated: pending, not delivered',
      caption:
        '8195 was disabled in the table and INV told the Redistributor. INT now leaves it pending but undelivered.',
    },
    {
      at: '260.022us',
      title: 'INVALL makes it visible again',
      caption:
        'Enabled in the table again and made visible with INVALL, the pending LPI 8195 is taken at once.',
    },
    {
      at: '300us',
      title: 'MAPD V=0: INT is a command error',
      caption: 'Device 2 is unmapped; its INT is a command error and nothing becomes pending.',
    },
  ],
};
