import { isSysregName } from '../arch/index.ts';
import type { RegisterTarget } from '../protocol/index.ts';
import { InputError } from './engine.ts';

/** Frame sizes: the Distributor's 64 KB; a Redistributor's RD_base + SGI_base (reference §3.1). */
const FRAME_BYTES = { distributor: 0x10000, redistributor: 0x20000 } as const;

/**
 * A register named from the page must exist as an address or a name: an offset past the frame or
 * an unknown system register is a mistake of the person typing it, told as an error. Inside the
 * frame, an unimplemented offset is left to the model (RAZ/WI and a warning, as hardware would).
 */
export function checkRegisterTarget(target: RegisterTarget): void {
  if (target.block === 'sysreg') {
    if (!isSysregName(target.name))
      throw new InputError(`${target.name} is not a GICv3 CPU interface register (ICC_…_EL1)`);
    return;
  }
  const limit = FRAME_BYTES[target.block];
  if (!Number.isInteger(target.offset) || target.offset < 0 || target.offset + target.size > limit)
    throw new InputError(
      `offset 0x${target.offset.toString(16)} (${target.size} bytes) is outside the ` +
        `${target.block === 'distributor' ? 'Distributor' : 'Redistributor'} frame ` +
        `(0x0–0x${(limit - 1).toString(16)})`,
    );
}
