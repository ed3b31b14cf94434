import { describe, expect, it } from 'vitest';
import type { RegisterValueView } from '../../../protocol/index.ts';
import { isAcknowledge, targetOf } from './target.ts';

const reg = (over: Partial<RegisterValueView>): RegisterValueView => ({
  name: 'GICD_ISENABLER1',
  block: 'distributor',
  offset: 0x104,
  width: 32,
  access: 'W1S',
  value: '0x00000000',
  fields: [],
  warnings: [],
  ...over,
});

describe('register panel targets', () => {
  it('MMIO rows write at their offset with their width', () => {
    expect(targetOf(reg({}), 1)).toEqual({ block: 'distributor', offset: 0x104, size: 4 });
    expect(
      targetOf(reg({ name: 'GICR_TYPER', block: 'redistributor', offset: 8, width: 64 }), 1),
    ).toEqual({ block: 'redistributor', pe: 1, offset: 8, size: 8 });
  });

  it('system registers are named, on the inspected PE', () => {
    expect(targetOf(reg({ name: 'ICC_PMR_EL1', block: 'sysreg', offset: null }), 2)).toEqual({
      block: 'sysreg',
      pe: 2,
      name: 'ICC_PMR_EL1',
    });
  });

  it('only valueless read-only rows are acknowledge actions', () => {
    expect(isAcknowledge(reg({ block: 'sysreg', value: null, access: 'RO' }))).toBe(true);
    expect(isAcknowledge(reg({ block: 'sysreg', value: null, access: 'WO' }))).toBe(false);
  });
});
