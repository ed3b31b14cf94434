import { describe, expect, it } from 'vitest';
import { builtinScenario } from './scenario/builtins/index.ts';
import { createMachine } from './machine.ts';
import type { RegisterTarget } from './scenario/index.ts';

// Reference §4.3: with N priority bits the low 8 − N bits of a priority read as zero; the
// catalogue (src/arch) says which bits are fields, and each register's access kind.
function machine() {
  const m = createMachine(builtinScenario('rfc-nmi')!);
  m.runUntil(50_000);
  return m;
}

const write = (target: RegisterTarget, value: string) => {
  const r = machine().writeRegister(target, value);
  if (!r.ok) throw new Error(r.error);
  return r.value.report;
};

const pmr: RegisterTarget = { block: 'cpu-interface', pe: 0, register: 'ICC_PMR_EL1' };

describe('register write reports: what was written, what is held, why they differ', () => {
  it('ICC_PMR_EL1 ← 0x1ff holds 0xf8: bit 8 is beyond the field, bits [2:0] are not implemented', () => {
    const report = write(pmr, '0x1ff');
    expect(report).toMatchObject({ register: 'ICC_PMR_EL1', written: 0x1ffn, held: 0xf8n });
    expect(report.notes).toEqual([
      expect.stringMatching(/^bit 8: reserved \(RES0\)/) as unknown,
      expect.stringMatching(
        /^bits \[2:0\]: not implemented — this GIC has 5 priority bits/,
      ) as unknown,
    ]);
  });

  it('ICC_PMR_EL1 ← 0x81 holds 0x80: bit 0 is not implemented', () => {
    const report = write(pmr, '0x81');
    expect(report.held).toBe(0x80n);
    expect(report.notes).toEqual([expect.stringMatching(/^bit 0: not implemented/) as unknown]);
  });

  it('a value the register keeps as written has no notes', () => {
    expect(write(pmr, '0xa0')).toMatchObject({ held: 0xa0n, notes: [] });
  });

  it('a byte of GICD_IPRIORITYR<n> is held whole, as QEMU keeps it (reference §2.4)', () => {
    const report = write({ block: 'distributor', offset: 0x421, size: 1 }, '0xff');
    expect(report).toMatchObject({ register: 'GICD_IPRIORITYR8', held: 0xffn, notes: [] });
  });

  it('read-only and RAZ/WI registers say the write was ignored', () => {
    expect(write({ block: 'distributor', offset: 0x4, size: 4 }, '0x0').notes).toEqual([
      'read-only: the write was ignored',
    ]);
    expect(write({ block: 'distributor', offset: 0x800, size: 4 }, '0x1').notes[0]).toMatch(
      /^RAZ\/WI/,
    );
  });

  it('write-1-to-set explains the semantics and the bits that did not set', () => {
    const report = write({ block: 'distributor', offset: 0x104, size: 4 }, '0x2');
    expect(report.register).toBe('GICD_ISENABLER1');
    expect(report.held! & 0x2n).toBe(0x2n);
    expect(report.notes[0]).toMatch(/^write-1-to-set/);
  });

  it('a write-only register acted and holds nothing to read back', () => {
    const report = write({ block: 'cpu-interface', pe: 0, register: 'ICC_EOIR1_EL1' }, '0x3ff');
    expect(report.held).toBeNull();
    expect(report.notes[0]).toMatch(/^write-only/);
  });

  it('an offset with no register is RAZ/WI and says so', () => {
    expect(write({ block: 'distributor', offset: 0xe000, size: 4 }, '0x1').notes[0]).toMatch(
      /no register is implemented/,
    );
  });

  it('the log row says what is held when it differs', () => {
    const m = machine();
    const r = m.writeRegister(pmr, '0x1ff');
    if (!r.ok) throw new Error(r.error);
    const edited = r.value.events.find((e) => e.kind === 'register-edited');
    expect(edited).toMatchObject({ held: '0xf8', value: '0x1ff' });
  });
});
