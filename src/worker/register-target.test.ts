import { describe, expect, it } from 'vitest';
import { InputError } from './engine.ts';
import { checkRegisterTarget } from './register-target.ts';

describe('register targets typed on the page', () => {
  it('accepts any offset inside the frame, implemented or not (the model decides RAZ/WI)', () => {
    expect(() =>
      checkRegisterTarget({ block: 'distributor', offset: 0x104, size: 4 }),
    ).not.toThrow();
    expect(() =>
      checkRegisterTarget({ block: 'distributor', offset: 0xfffc, size: 4 }),
    ).not.toThrow();
    expect(() =>
      checkRegisterTarget({ block: 'redistributor', pe: 0, offset: 0x10100, size: 4 }),
    ).not.toThrow();
  });

  it('refuses an offset past the frame, saying which frame and its range', () => {
    expect(() => checkRegisterTarget({ block: 'distributor', offset: 0x10000, size: 4 })).toThrow(
      new InputError('offset 0x10000 (4 bytes) is outside the Distributor frame (0x0–0xffff)'),
    );
    expect(() =>
      checkRegisterTarget({ block: 'redistributor', pe: 0, offset: 0x1fffc, size: 8 }),
    ).toThrow(/outside the Redistributor frame \(0x0–0x1ffff\)/);
  });

  it('refuses a system register name that is not an ICC register', () => {
    expect(() =>
      checkRegisterTarget({ block: 'sysreg', pe: 0, name: 'ICC_PMR_EL1' }),
    ).not.toThrow();
    expect(() => checkRegisterTarget({ block: 'sysreg', pe: 0, name: 'ICC_FOO_EL1' })).toThrow(
      /ICC_FOO_EL1 is not a GICv3 CPU interface register/,
    );
  });
});
