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
});
