import type { RegisterTarget, RegisterValueView } from '../../../protocol/index.ts';

/** Where a panel row writes (or reads on purpose): MMIO offset + size, or the sysreg name. */
export function targetOf(register: RegisterValueView, pe: number): RegisterTarget {
  const size = register.width === 64 ? 8 : 4;
  switch (register.block) {
    case 'sysreg':
      return { block: 'sysreg', pe, name: register.name };
    case 'distributor':
      return { block: 'distributor', offset: register.offset ?? 0, size };
    case 'redistributor':
      return { block: 'redistributor', pe, offset: register.offset ?? 0, size };
  }
}

/** Read-only registers whose read acknowledges: offered as an explicit action, never read by viewing. */
export const isAcknowledge = (register: RegisterValueView) =>
  register.value === null && register.access === 'RO';
