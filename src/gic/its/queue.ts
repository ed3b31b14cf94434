import type { Model } from '../model.ts';
import { decodeItsCommand, type Dword } from './commands.ts';
import { executeCommand } from './execute.ts';
import type { ItsState } from './state.ts';

/**
 * The command queue (IHI 0069 §5.3, §9.19.4–9.19.6): a ring of 32-byte commands at
 * GITS_CBASER.Physical_Address, (Size + 1) 4 KB pages long. Software writes commands and advances
 * GITS_CWRITER; the ITS carries them out from GITS_CREADR until it reaches CWRITER. Here that
 * happens at once, inside the CWRITER write.
 */

export const COMMAND_SIZE = 32;

export function queueBase(its: ItsState): number {
  return (its.cbaserHi & 0xfffff) * 0x100000000 + (its.cbaserLo >>> 12) * 0x1000;
}

export function queueBytes(its: ItsState): number {
  return its.cbaserHi >>> 31 === 1 ? ((its.cbaserLo & 0xff) + 1) * 0x1000 : 0;
}

export function readCommandWords(m: Model, at: number): [Dword, Dword, Dword, Dword] {
  const mem = m.s.memory;
  const dw = (i: number): Dword => ({ lo: mem.read32(at + 8 * i), hi: mem.read32(at + 8 * i + 4) });
  return [dw(0), dw(1), dw(2), dw(3)];
}

export function processQueue(m: Model, its: ItsState): void {
  if (!its.enabled) return;
  const bytes = queueBytes(its);
  const base = queueBase(its);
  if (its.cwriter >= bytes || its.creadr >= bytes) {
    // QEMU logs a guest error and does nothing; the architecture makes it UNPREDICTABLE.
    m.ev.warn(
      'its-queue-offset-invalid',
      `GITS_CWRITER 0x${its.cwriter.toString(16)} or GITS_CREADR 0x${its.creadr.toString(16)} is beyond the ${bytes}-byte command queue`,
      'GITS_CWRITER',
    );
    return;
  }
  while (its.creadr !== its.cwriter) {
    const at = base + its.creadr;
    const offset = its.creadr / 32;
    if (!m.s.memory.contains(at, 32)) {
      its.stalled = true;
      m.ev.warn(
        'its-memory-fault',
        `command at 0x${at.toString(16)} is not in memory: the queue stalls`,
        'GITS_CREADR',
      );
      return;
    }
    const command = decodeItsCommand(readCommandWords(m, at));
    const result = executeCommand(m, its, command);
    its.commandCount++;
    if (m.ev.active) {
      m.ev.emit({
        kind: 'its-command',
        offset,
        command,
        outcome: result.kind === 'ok' ? 'done' : result.kind === 'error' ? 'ignored' : 'stalled',
        error:
          result.kind === 'error'
            ? result.code
            : result.kind === 'stall'
              ? 'its-memory-fault'
              : null,
        detail: result.kind === 'ok' ? null : result.detail,
      });
    }
    if (result.kind === 'error')
      m.ev.warn(result.code, `${command.name}: ${result.detail}`, 'GITS_CWRITER');
    if (result.kind === 'stall') {
      its.stalled = true;
      m.ev.warn(
        'its-memory-fault',
        `${command.name}: ${result.detail}; the queue stalls`,
        'GITS_CREADR',
      );
      return;
    }
    its.creadr = (its.creadr + 32) % bytes;
  }
}
