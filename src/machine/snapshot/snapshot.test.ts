import { describe, expect, it } from 'vitest';
import type { MachineEvent } from '../events.ts';
import { createMachine } from '../machine.ts';
import type { Machine, MachineSnapshotJson } from '../machine.ts';
import { builtinScenario } from '../scenario/builtins/index.ts';
import { parseScenario } from '../scenario/index.ts';
import { LOG_KEPT } from '../state.ts';

type Json = Record<string, unknown>;

function rfc(): Machine {
  const s = builtinScenario('rfc-nmi');
  if (s === null) throw new Error('missing rfc-nmi');
  return createMachine(s);
}

/** Everything observable about the machine, for a before/after comparison. */
function fingerprint(m: Machine): string {
  return JSON.stringify([m.snapshotJson(), m.view(), m.now(), m.nextEventTime()]);
}

const state = (s: Json): Json => s.state as Json;
const pes = (s: Json): Json[] => state(s).pes as Json[];
const frames = (s: Json, pe: number): Json[] => pes(s)[pe].frames as Json[];
const guest = (s: Json): Json => state(s).guest as Json;
const queue = (s: Json): Json => state(s).queue as Json;
const heap = (s: Json): Json[] => queue(s).heap as Json[];

/** Each damage: what is done to a JSON machine snapshot, and the field the refusal must name. */
const DAMAGES: readonly (readonly [string, (s: Json) => void, RegExp])[] = [
  ['another format', (s) => (s.format = 'gicscope.gic'), /format/],
  ['version 1', (s) => (s.version = 1), /version/],
  ['another scenario', (s) => (s.scenario = 'pmr-ladder#00000000'), /scenario/],
  ['now negative', (s) => (state(s).now = -5), /state\.now/],
  ['now a string', (s) => (state(s).now = '5us'), /state\.now/],
  [
    'an agenda entry of unknown kind',
    (s) => (heap(s)[0].item = { kind: 'reboot' }),
    /state\.queue\.heap\[0\]\.item/,
  ],
  [
    'a PE run for a PE that does not exist',
    (s) => (heap(s)[0].item = { kind: 'pe-run', pe: 9, token: 1 }),
    /state\.queue\.heap\[0\]\.item\.pe/,
  ],
  [
    'the agenda out of time order',
    (s) => (heap(s)[heap(s).length - 1].at = 0),
    /state\.queue\.heap\[\d+\]: comes before its parent/,
  ],
  ['an agenda seq not yet issued', (s) => (queue(s).nextSeq = 0), /seq/],
  ['a PE missing', (s) => pes(s).pop(), /state\.pes/],
  ['a PE index swapped', (s) => (pes(s)[1].index = 2), /state\.pes\[1\]\.index/],
  [
    'masks not booleans',
    (s) => (pes(s)[1].masks = { i: 'yes', f: true, allint: false }),
    /state\.pes\[1\]\.masks\.i/,
  ],
  ['no frames', (s) => (pes(s)[0].frames = []), /state\.pes\[0\]\.frames/],
  ['frame 0 not the task', (s) => (frames(s, 0)[0].kind = 'irq'), /state\.pes\[0\]\.frames\[0\]/],
  [
    'a handler frame without saved masks',
    (s) => frames(s, 0).push({ ...frames(s, 0)[0], kind: 'irq', saved: null }),
    /state\.pes\[0\]\.frames\[1\]/,
  ],
  [
    'an op of unknown kind',
    (s) => (frames(s, 0)[0].ops = [{ op: 'halt' }]),
    /state\.pes\[0\]\.frames\[0\]\.ops\[0\]/,
  ],
  [
    'an MMIO op of size 3',
    (s) => (frames(s, 0)[0].ops = [{ op: 'dist-write', offset: 0, value: 0, size: 3 }]),
    /state\.pes\[0\]\.frames\[0\]\.ops\[0\]\.size/,
  ],
  [
    'a call to a guest call that does not exist',
    (s) => (frames(s, 0)[0].ops = [{ op: 'call', index: 999 }]),
    /ops\[0\]\.index: 999 names no guest call/,
  ],
  [
    'a frame variable that is not a number',
    (s) => (frames(s, 0)[0].vars = { intid: 'x' }),
    /state\.pes\[0\]\.frames\[0\]\.vars\.intid/,
  ],
  ['workEnd below -1', (s) => (frames(s, 0)[0].workEnd = -5), /workEnd/],
  [
    'a sysreg op naming no register',
    (s) => (frames(s, 0)[0].ops = [{ op: 'sysreg-read', name: 'ICC_NOPE_EL1' }]),
    /ops\[0\]\.name/,
  ],
  [
    'a guest call of unknown kind',
    (s) => ((guest(s).calls as Json[])[0] = { do: 'reboot', intid: 33 }),
    /state\.guest\.calls\[0\]/,
  ],
  [
    'an irq_desc under another INTID',
    (s) => (((guest(s).descs as Json)['33'] as Json).intid = 34),
    /state\.guest\.descs\.33\.intid/,
  ],
  [
    'a count row of the wrong length',
    (s) => ((guest(s).counts as Json)['27'] as number[]).push(0),
    /state\.guest\.counts\.27/,
  ],
  [
    'a negative count',
    (s) => (((guest(s).counts as Json)['27'] as number[])[0] = -1),
    /state\.guest\.counts\.27\[0\]/,
  ],
  [
    'a guest log longer than the state keeps',
    (s) =>
      (guest(s).log = Array.from({ length: 2 * LOG_KEPT + 1 }, () => ({
        at: 0,
        pe: null,
        text: 'x',
      }))),
    /state\.guest\.log/,
  ],
  ['a log total below the lines kept', (s) => (guest(s).logTotal = 0), /state\.guest\.logTotal/],
  ['a device missing', (s) => (state(s).devices as Json[]).pop(), /state\.devices/],
  [
    'a held line that is not a line',
    (s) => ((state(s).injector as Json).held = ['eth0']),
    /state\.injector\.held\[0\]/,
  ],
  [
    'an injector mode that does not exist',
    (s) => ((state(s).injector as Json).mode = 'random'),
    /state\.injector\.mode/,
  ],
  [
    'an injected INTID beyond the SPIs',
    (s) => ((state(s).injector as Json).chosen = [5000]),
    /state\.injector\.chosen\[0\]/,
  ],
  ['an expectation result missing', (s) => (state(s).results as unknown[]).pop(), /state\.results/],
  ['prng negative', (s) => (state(s).prng = -1), /state\.prng/],
  ['timelineNext beyond the timeline', (s) => (state(s).timelineNext = 999), /state\.timelineNext/],
  ['an unknown state field', (s) => (state(s).extra = 1), /state/],
  [
    'a damaged GIC part',
    (s) => (((s.gic as Json).fields as Json).priority as number[]).fill(300, 0, 1),
    /gic: field priority\[0\]/,
  ],
  ['the GIC part missing', (s) => delete s.gic, /gic/],
];

describe('machine restore() refuses a damaged snapshot and changes nothing', () => {
  const m = rfc();
  m.runUntil(150_000);
  const good = m.snapshotJson();

  it(`has many distinct damages (${DAMAGES.length})`, () => {
    expect(new Set(DAMAGES.map(([name]) => name)).size).toBe(DAMAGES.length);
    expect(DAMAGES.length).toBeGreaterThanOrEqual(35);
  });

  for (const [name, change, field] of DAMAGES) {
    it(`${name}: refused, naming ${String(field)}; the machine is unchanged`, () => {
      const before = fingerprint(m);
      const copy = JSON.parse(JSON.stringify(good)) as Json;
      change(copy);
      const events: MachineEvent[] = [];
      const off = m.subscribe((e) => events.push(e));
      expect(() => m.restore(copy as unknown as MachineSnapshotJson)).toThrow(field);
      off();
      expect(events).toEqual([]);
      expect(fingerprint(m)).toBe(before);
    });
  }

  it('the good snapshot restores, and continuing gives the same trace as the original', () => {
    const other = rfc();
    other.restore(JSON.parse(JSON.stringify(good)) as MachineSnapshotJson);
    const trace = (x: Machine): string[] => {
      const out: string[] = [];
      const off = x.subscribe((e) => out.push(JSON.stringify(e)));
      x.runUntil(300_000);
      off();
      return out;
    };
    const copy = rfc();
    copy.restore(m.snapshot());
    expect(trace(other)).toEqual(trace(copy));
  });
});

describe('machine snapshots are cheap and bounded', () => {
  it('a snapshot can be restored many times: restoring copies it again', () => {
    const m = rfc();
    m.runUntil(100_000);
    const snap = m.snapshot();
    const first = fingerprint(m);
    m.runUntil(200_000);
    m.restore(snap);
    expect(fingerprint(m)).toBe(first);
    m.runUntil(200_000);
    m.restore(snap);
    expect(fingerprint(m)).toBe(first);
  });

  it('a guest logging "Unhandled FIQ" 38,000 times does not grow the state', () => {
    // Group 0 interrupts reach a Linux guest as FIQs it does not handle; with Group 0 enabled
    // from outside, a level SPI kept high logs "Unhandled FIQ" at every entry.
    const parsed = parseScenario({
      format: 'gicscope-scenario',
      version: 1,
      id: 'fiq-storm',
      title: 'FIQ storm',
      machine: { pes: 1, spis: 32 },
      guest: { setup: [{ do: 'request-irq', intid: 40, name: 'dev' }] },
      timeline: [
        {
          at: '20us',
          do: 'write-register',
          target: { block: 'distributor', offset: 0x84, size: 4 },
          value: 0,
        },
        {
          at: '20us',
          do: 'write-register',
          target: { block: 'cpu-interface', pe: 0, register: 'ICC_IGRPEN0_EL1' },
          value: 1,
        },
        { at: '21us', do: 'raise-line', intid: 40 },
      ],
      runUntil: '200ms',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const m = createMachine(parsed.value);
    let fiqs = 0;
    m.subscribe((e) => {
      if (e.kind === 'guest-logged' && e.text.startsWith('Unhandled FIQ')) fiqs++;
    });
    m.runUntil(1_000_000);
    const early = m.snapshot();
    for (let ms = 0; fiqs < 38_000 && ms < 100; ms++) m.runUntil(m.now() + 1_000_000);
    const late = m.snapshot();
    expect(fiqs).toBeGreaterThanOrEqual(38_000);
    expect(late.state.guest.log.length).toBeLessThanOrEqual(2 * LOG_KEPT);
    expect(late.state.guest.logTotal).toBeGreaterThanOrEqual(38_000);
    expect(
      late.state.guest.logTexts['Unhandled FIQ: Linux uses Group 1 only'],
    ).toBeGreaterThanOrEqual(38_000);
    expect(late.bytes).toBeLessThan(early.bytes + 64 * 1024);
  });
});
