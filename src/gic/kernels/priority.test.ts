import { describe, expect, it } from 'vitest';
import {
  aprBitIndex,
  canPreempt,
  groupPriorityMask,
  nsPmrView,
  nsPriorityRead,
  nsPriorityWrite,
  runningPriorityFromAprs,
} from './priority.ts';

describe('group priority mask (reference §4.3)', () => {
  it.each([
    [0, false, 0xfe],
    [2, false, 0xf8],
    [3, true, 0xf8],
    [7, false, 0x00],
    [7, true, 0x80],
    [1, true, 0xfe],
  ])('BPR %i (NS Group 1 style: %s) › mask %i', (bpr, ns, mask) => {
    expect(groupPriorityMask(bpr, ns)).toBe(mask);
  });
});

describe('APR bit index (reference §4.4)', () => {
  it('5 bits: priority 0x08 ↔ bit 1, 0xf8 ↔ bit 31 (Cortex-A76 TRM)', () => {
    expect(aprBitIndex(0x08, 0xf8, 3)).toBe(1);
    expect(aprBitIndex(0xf8, 0xf8, 3)).toBe(31);
  });

  it('subpriority bits do not change the APR bit', () => {
    expect(aprBitIndex(0xa7, 0xe0, 3)).toBe(aprBitIndex(0xa0, 0xe0, 3));
  });
});

describe('running priority from APRs', () => {
  it('idle when no bit is set', () => {
    expect(runningPriorityFromAprs([0], 3)).toBe(0xff);
  });
  it('lowest set bit wins, across registers (7 bits: 4 registers, shift 1)', () => {
    expect(runningPriorityFromAprs([0, 0, 0x10, 0x1], 1)).toBe(((64 + 4) << 1) & 0xff);
  });
});

describe('Non-secure priority views (reference §2.4, §4.4)', () => {
  it('NS write v stores 0x80 | v >> 1; NS read returns stored << 1', () => {
    expect(nsPriorityWrite(0xc0)).toBe(0xe0);
    expect(nsPriorityRead(0xe0)).toBe(0xc0);
  });
  it('NS PMR view: Secure-half values read 0, idle stays 0xff', () => {
    expect(nsPmrView(0x40)).toBe(0);
    expect(nsPmrView(0xff)).toBe(0xff);
    expect(nsPmrView(0xf0)).toBe(0xe0);
  });
});

describe('canPreempt (reference §4.5 3b/3c, §6)', () => {
  // priority, nmi, nsG1WithSecurity, peSecure, pmr, rpr, mask, nmiActive → expected
  it.each([
    ['masked by PMR', 0xa0, false, false, false, 0xa0, 0xff, 0xf8, false, false],
    ['below PMR, idle', 0x90, false, false, false, 0xa0, 0xff, 0xf8, false, true],
    ['higher group priority preempts', 0x80, false, false, false, 0xff, 0xa0, 0xf8, false, true],
    ['equal group priority does not', 0xa0, false, false, false, 0xff, 0xa0, 0xf8, false, false],
    ['subpriority only does not', 0xa8, false, false, false, 0xff, 0xb0, 0xe0, false, false],
    ['NMI ignores PMR (DS=1)', 0x00, true, false, false, 0x00, 0xff, 0xf8, false, true],
    [
      'NS NMI with DS=0 masked by a Secure-half PMR',
      0x80,
      true,
      true,
      false,
      0x70,
      0xff,
      0xf8,
      false,
      false,
    ],
    ['NS NMI, Secure PE, PMR 0x80 masks', 0x80, true, true, true, 0x80, 0xff, 0xf8, false, false],
    [
      'NMI preempts an equal normal running priority',
      0x00,
      true,
      false,
      false,
      0xff,
      0x00,
      0xf8,
      false,
      true,
    ],
    ['NMIs do not nest', 0x00, true, false, false, 0xff, 0x00, 0xf8, true, false],
  ] as const)('%s', (_name, prio, nmi, nsg1, peSecure, pmr, rpr, mask, nmiActive, expected) => {
    expect(canPreempt(prio, nmi, nsg1, peSecure, pmr, rpr, mask, nmiActive)).toBe(expected);
  });
});
