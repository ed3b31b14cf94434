/**
 * The ITS command queue is guest memory, and QEMU does not trace the guest's writes to it; it
 * traces each command as it reads it (`gicv3_its_process_command`, then `gicv3_its_cmd_*`). The
 * replay puts those commands back into the model's memory, in the slot QEMU read them from, before
 * the GITS_CWRITER write that makes the ITS process them (QEMU prints that write after its
 * effects). Operands QEMU does not log — INVALL's ICID, SYNC's RDbase — are written as 0: under the
 * qemu profile INVALL rescans every Redistributor and SYNC waits for nothing, as in QEMU.
 */
import { encodeItsCommand, ITS_COMMAND_NUMBERS } from '../gic/index.ts';
import type { Gic, ItsCommand } from '../gic/index.ts';
import { assertNever } from '../lib/index.ts';
import type { QemuItsCommand } from './qemu-records.ts';

const GITS_CBASER = 0x80;

function toModelCommand(c: QemuItsCommand): ItsCommand {
  switch (c.name) {
    case 'INT':
    case 'CLEAR':
    case 'DISCARD':
    case 'INV':
    case 'MAPD':
    case 'MAPC':
    case 'MAPI':
    case 'MAPTI':
    case 'MOVI':
    case 'MOVALL':
    case 'unknown':
      return c;
    case 'SYNC':
      return { name: 'SYNC', rdBase: 0 };
    case 'INVALL':
      return { name: 'INVALL', icid: 0 };
    default:
      return assertNever(c, 'QEMU ITS command');
  }
}

export class ItsQueueRebuilder {
  /** the queue slot of the command being read (-1: none yet); part of a replay's snapshot */
  slot = -1;

  constructor(private readonly gic: Gic) {}

  private slotAddress(slot: number): number {
    const cbaser = this.gic.peekIts(GITS_CBASER, 8);
    const base = Number(cbaser & 0xffffffffff000n);
    return base + slot * 32;
  }

  private write(slot: number, command: ItsCommand): void {
    const at = this.slotAddress(slot);
    encodeItsCommand(command).forEach((dw, i) => this.gic.writeMemory(at + 8 * i, dw, 8));
  }

  /** `gicv3_its_process_command`: the command number is known, its operands follow. */
  processCommand(slot: number, number: number): void {
    this.slot = slot;
    const known = Object.values(ITS_COMMAND_NUMBERS) as number[];
    if (!known.includes(number)) this.write(slot, { name: 'unknown', number });
  }

  /** `gicv3_its_cmd_*`: the operands of the command in the current slot. */
  command(c: QemuItsCommand): void {
    if (this.slot < 0) return;
    this.write(this.slot, toModelCommand(c));
  }
}
