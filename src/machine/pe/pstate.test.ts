import { describe, expect, it } from 'vitest';
import { exceptionToTake, masksOnEntry } from './pstate.ts';

const none = { irq: false, fiq: false, nmi: false };
const open = { i: false, f: false, allint: false };

describe('exceptionToTake', () => {
  it('takes an IRQ only while PSTATE.I is clear', () => {
    expect(exceptionToTake({ ...none, irq: true }, open, false)).toBe('irq');
    expect(exceptionToTake({ ...none, irq: true }, { ...open, i: true }, false)).toBeNull();
  });

  it('takes a FIQ before an IRQ when both are signalled', () => {
    expect(exceptionToTake({ ...none, irq: true, fiq: true }, open, false)).toBe('fiq');
  });

  it('takes a superpriority IRQ through PSTATE.I when SCTLR_ELx.NMI=1', () => {
    expect(exceptionToTake({ ...none, nmi: true }, { ...open, i: true }, true)).toBe(
      'superpriority-irq',
    );
  });

  it('masks everything, superpriority included, with ALLINT=1', () => {
    expect(
      exceptionToTake({ irq: true, fiq: true, nmi: true }, { ...open, allint: true }, true),
    ).toBeNull();
  });

  it('treats a superpriority IRQ as an ordinary IRQ when SCTLR_ELx.NMI=0', () => {
    expect(exceptionToTake({ ...none, nmi: true }, open, false)).toBe('irq');
    expect(exceptionToTake({ ...none, nmi: true }, { ...open, i: true }, false)).toBeNull();
  });

  it('sets ALLINT on entry only when SCTLR_ELx.NMI=1', () => {
    expect(masksOnEntry(true, open)).toEqual({ i: true, f: true, allint: true });
    expect(masksOnEntry(false, open)).toEqual({ i: true, f: true, allint: false });
  });
});
