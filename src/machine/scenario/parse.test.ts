import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from './parse.ts';
import { rfcNmi } from './builtins/rfc-nmi.ts';

const base = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'x',
  title: 'x',
  machine: { pes: 2 },
  runUntil: '1ms',
};

function errors(input: unknown): readonly { path: string; message: string }[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.error;
}

describe('parseScenario', () => {
  it('accepts a built-in and applies defaults', () => {
    const r = parseScenario(rfcNmi);
    expect(r.ok && r.value.machine.priorityBits).toBe(5);
    expect(r.ok && r.value.runUntil).toBe(400_000);
  });

  it('names the JSON path and the expected type of a wrong field', () => {
    const e = errors({ ...base, timeline: [{ at: '1us', do: 'raise-line', intid: '33' }] });
    expect(e[0]?.path).toBe('$.timeline[0].intid');
    expect(e[0]?.message).toMatch(/expected number/);
  });

  it('lists the accepted actions for an unknown one', () => {
    const e = errors({ ...base, timeline: [{ at: '1us', do: 'poke' }] });
    expect(e[0]?.path).toBe('$.timeline[0].do');
    expect(e[0]?.message).toMatch(/raise-line/);
  });

  it('explains a malformed time', () => {
    const e = errors({ ...base, runUntil: 'soon' });
    expect(e[0]).toEqual({
      path: '$.runUntil',
      message: expect.stringMatching(/"250ns", "10us"/) as string,
    });
  });

  it('rejects unknown keys where they are', () => {
    expect(errors({ ...base, machine: { pes: 2, cores: 4 } })[0]?.path).toBe('$.machine');
  });

  it('rejects a PE the machine does not have', () => {
    const e = errors({ ...base, timeline: [{ at: '1us', do: 'enter-critical-section', pe: 5 }] });
    expect(e).toEqual([
      { path: '$.timeline[0].pe', message: 'expected a PE index below 2, got 5' },
    ]);
  });

  it('rejects an INTID beyond the implemented SPIs', () => {
    const e = errors({ ...base, timeline: [{ at: '1us', do: 'raise-line', intid: 200 }] });
    expect(e[0]?.path).toBe('$.timeline[0].intid');
  });

  it('rejects a wrong format version', () => {
    expect(errors({ ...base, version: 2 })[0]?.path).toBe('$.version');
  });

  it('reports text that is not JSON at $', () => {
    const r = parseScenarioText('{ nope');
    expect(r.ok ? null : r.error[0]?.path).toBe('$');
  });

  it('reports text that is not JSON with its line and column', () => {
    const r = parseScenarioText('{\n  "id": "x",\n  "pes": 2,\n}');
    expect(r.ok ? null : r.error[0]).toEqual({
      path: '$',
      line: 4,
      column: 1,
      message: "not JSON: line 4, column 1: a trailing comma before '}'",
    });
  });

  it('accepts a UTF-8 byte-order mark before the JSON', () => {
    expect(parseScenarioText(`\uFEFF${JSON.stringify(base)}`).ok).toBe(true);
  });
});

describe('parseScenario › the machine builds what the schema accepts', () => {
  const refusals: [string, object, string, RegExp][] = [
    ['spis that are not 32·N', { machine: { pes: 2, spis: 33 } }, '$.machine.spis', /32·N/],
    ['more than 256 PEs', { machine: { pes: 257 } }, '$.machine.pes', /1…256/],
    ['3 priority bits', { machine: { pes: 1, priorityBits: 3 } }, '$.machine.priorityBits', /4…8/],
    [
      'a device period of 0',
      { devices: [{ type: 'spi-source', intid: 40, name: 's', period: 0 }] },
      '$.devices[0].period',
      /above 0/,
    ],
    [
      'a timer period of "0us"',
      { devices: [{ type: 'arch-timer', period: '0us' }] },
      '$.devices[0].period',
      /above 0/,
    ],
    ['a runUntil of 1e308', { runUntil: 1e308 }, '$.runUntil', /beyond the latest time/],
    ['a runUntil of 40 nines', { runUntil: `${'9'.repeat(40)}s` }, '$.runUntil', /beyond/],
    ['a fractional ns count', { runUntil: 2.5 }, '$.runUntil', /whole number of nanoseconds/],
    ['"1.5ns"', { runUntil: '1.5ns' }, '$.runUntil', /whole number of nanoseconds/],
    [
      'nmiByPe longer than pes',
      { guest: { nmiByPe: ['pseudo', 'pseudo', 'none'] } },
      '$.guest.nmiByPe',
      /3 entries but the machine has 2/,
    ],
    [
      'a PPI line without a PE',
      { timeline: [{ at: '1us', do: 'raise-line', intid: 27 }] },
      '$.timeline[0].pe',
      /per PE/,
    ],
    [
      'an SPI line with a PE',
      { timeline: [{ at: '1us', do: 'pulse-line', intid: 40, pe: 1 }] },
      '$.timeline[0].pe',
      /SPI/,
    ],
    [
      'a PPI state check without a PE',
      { expect: [{ at: '1us', check: 'interrupt-state', intid: 27, state: 'pending' }] },
      '$.expect[0].pe',
      /per PE/,
    ],
    [
      'a count no number can meet',
      { expect: [{ at: '1us', check: 'counter', intid: 27, count: { atLeast: 3, atMost: 1 } }] },
      '$.expect[0].count',
      /some count can meet/,
    ],
    [
      'a negative count',
      { expect: [{ at: '1us', check: 'counter', intid: 27, count: { equals: -1 } }] },
      '$.expect[0].count.equals',
      /expected number to be >=0/,
    ],
    [
      'an unknown CPU interface register',
      {
        timeline: [
          {
            at: '1us',
            do: 'write-register',
            target: { block: 'cpu-interface', pe: 0, register: 'ICC_FOO_EL1' },
            value: 1,
          },
        ],
      },
      '$.timeline[0].target.register',
      /ICC_PMR_EL1/,
    ],
    [
      'an offset past the Distributor frame',
      {
        timeline: [
          {
            at: '1us',
            do: 'write-register',
            target: { block: 'distributor', offset: '0x10000' },
            value: 1,
          },
        ],
      },
      '$.timeline[0].target.offset',
      /inside the distributor frame/,
    ],
    [
      'a value wider than the access',
      {
        timeline: [
          {
            at: '1us',
            do: 'write-register',
            target: { block: 'distributor', offset: 0x400, size: 1 },
            value: '0x100',
          },
        ],
      },
      '$.timeline[0].value',
      /fits in 8 bits/,
    ],
    [
      'a check that would acknowledge',
      {
        expect: [
          {
            at: '1us',
            check: 'register',
            target: { block: 'cpu-interface', pe: 0, register: 'ICC_IAR1_EL1' },
            value: 1023,
          },
        ],
      },
      '$.expect[0].target.register',
      /acknowledges/,
    ],
    [
      'a PE listed twice',
      { devices: [{ type: 'arch-timer', period: '10us', pes: [1, 1] }] },
      '$.devices[0].pes[1]',
      /listed twice/,
    ],
    [
      'a route to a PE the machine lacks',
      { guest: { setup: [{ do: 'request-irq', intid: 40, name: 'x', route: { pe: 3 } }] } },
      '$.guest.setup[0].route.pe',
      /below 2/,
    ],
    [
      'a UART on a PPI',
      { devices: [{ type: 'uart-pl011', intid: 20 }] },
      '$.devices[0].intid',
      /expected number to be >=32/,
    ],
  ];

  it.each(refusals)('refuses %s at its path', (_name, patch, path, message) => {
    const e = errors({ ...base, ...patch });
    expect(e.map((x) => x.path)).toContain(path);
    expect(e.find((x) => x.path === path)?.message).toMatch(message);
  });

  it('reads times exactly: "1.1us" is 1100 ns, not 1100.0000000000002', () => {
    const r = parseScenario({ ...base, runUntil: '1.1us' });
    expect(r.ok && r.value.runUntil).toBe(1100);
  });

  it('accepts the latest representable time', () => {
    const r = parseScenario({ ...base, runUntil: Number.MAX_SAFE_INTEGER });
    expect(r.ok && r.value.runUntil).toBe(Number.MAX_SAFE_INTEGER);
  });
});
