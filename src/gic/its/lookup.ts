import type { WarningCode } from '../api.ts';
import type { GicState } from '../state.ts';
import {
  decodeCte,
  decodeDte,
  decodeIte,
  entryAddress,
  tableGeometry,
  type CollectionEntry,
  type DeviceEntry,
  type TableGeometry,
  type TranslationEntry,
} from './tables.ts';
import { ITE_SIZE, type ItsState } from './state.ts';

/**
 * Table walks shared by translation and commands (IHI 0069 §5.2, §6.3): DeviceID → device table
 * entry → ITT entry for the EventID → collection table entry for the ICID → Redistributor. Each
 * step either finds a valid entry, finds an error (the command is ignored: IHI 0069 §5.3 lets an
 * implementation ignore a command with an error), or faults on memory (the queue stalls).
 */

export const ITS_ID_BITS = 16;
const NO_DEVICE: DeviceEntry = { valid: false, size: 0, ittAddress: 0 };

export type Step<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'error'; readonly code: WarningCode; readonly detail: string }
  | { readonly kind: 'stall'; readonly detail: string };

export const ok = <T>(value: T): Step<T> => ({ kind: 'ok', value });
export const error = (code: WarningCode, detail: string): Step<never> => ({
  kind: 'error',
  code,
  detail,
});
export const stall = (detail: string): Step<never> => ({ kind: 'stall', detail });

const hex = (n: number) => `0x${n.toString(16)}`;

export function deviceTable(its: ItsState): TableGeometry {
  return tableGeometry(its, 0, ITS_ID_BITS);
}

export function collectionTable(its: ItsState): TableGeometry {
  return tableGeometry(its, 1, ITS_ID_BITS);
}

/** The device table entry of a DeviceID (valid or not), or an error / stall. */
export function readDevice(s: GicState, its: ItsState, deviceId: number): Step<DeviceEntry> {
  const t = deviceTable(its);
  if (deviceId >= t.entries) {
    return error(
      'its-id-out-of-range',
      `DeviceID ${hex(deviceId)} is beyond the device table (${t.entries} entries)`,
    );
  }
  const at = entryAddress(s.memory, t, deviceId);
  if (at.kind === 'no-level-2') return ok(NO_DEVICE);
  if (at.kind === 'fault' || !s.memory.contains(at.address, t.entrySize)) {
    return stall(`device table entry of DeviceID ${hex(deviceId)} is not in memory`);
  }
  return ok(decodeDte(s.memory, at.address));
}

export function readCollection(s: GicState, its: ItsState, icid: number): Step<CollectionEntry> {
  const t = collectionTable(its);
  if (icid >= t.entries) {
    return error(
      'its-id-out-of-range',
      `ICID ${icid} is beyond the collection table (${t.entries} entries)`,
    );
  }
  const at = entryAddress(s.memory, t, icid);
  if (at.kind === 'no-level-2') return ok({ valid: false, rdBase: 0 });
  if (at.kind === 'fault' || !s.memory.contains(at.address, t.entrySize)) {
    return stall(`collection table entry of ICID ${icid} is not in memory`);
  }
  return ok(decodeCte(s.memory, at.address));
}

/** The Redistributor (PE) a collection's RDbase names, per GITS_TYPER.PTA, or −1. */
export function rdBaseToPe(s: GicState, rdBase: number): number {
  if (!s.cfg.itsPta) return rdBase < s.peCount ? rdBase : -1;
  const offset = rdBase * 0x10000 - s.cfg.redistributorBase;
  if (offset < 0 || offset % 0x20000 !== 0) return -1;
  const pe = offset / 0x20000;
  return pe < s.peCount ? pe : -1;
}

export function peToRdBase(s: GicState, pe: number): number {
  return s.cfg.itsPta ? (s.cfg.redistributorBase + pe * 0x20000) / 0x10000 : pe;
}

/** A mapped collection's target PE. */
export function collectionTarget(s: GicState, its: ItsState, icid: number): Step<number> {
  const c = readCollection(s, its, icid);
  if (c.kind !== 'ok') return c;
  if (!c.value.valid)
    return error('its-collection-unmapped', `collection ${icid} is not mapped (MAPC)`);
  const pe = rdBaseToPe(s, c.value.rdBase);
  if (pe < 0)
    return error(
      'its-rdbase-invalid',
      `collection ${icid} names RDbase ${hex(c.value.rdBase)}, no Redistributor`,
    );
  return ok(pe);
}

export interface Translation {
  readonly device: DeviceEntry;
  readonly ite: TranslationEntry;
  readonly iteAddress: number;
}

/** DeviceID + EventID → a valid ITT entry (IHI 0069 §6.3 "Translation"). */
export function translate(
  s: GicState,
  its: ItsState,
  deviceId: number,
  eventId: number,
): Step<Translation> {
  const d = readDevice(s, its, deviceId);
  if (d.kind !== 'ok') return d;
  if (!d.value.valid)
    return error('its-device-unmapped', `DeviceID ${hex(deviceId)} is not mapped (MAPD)`);
  const events = 2 ** (d.value.size + 1);
  if (eventId >= events) {
    return error(
      'its-event-out-of-range',
      `EventID ${hex(eventId)} ≥ ${events}, the size MAPD gave DeviceID ${hex(deviceId)}`,
    );
  }
  const at = d.value.ittAddress + eventId * ITE_SIZE;
  if (!s.memory.contains(at, ITE_SIZE)) return stall(`ITT entry at ${hex(at)} is not in memory`);
  const ite = decodeIte(s.memory, at);
  if (!ite.valid) {
    return error(
      'its-event-unmapped',
      `EventID ${hex(eventId)} of DeviceID ${hex(deviceId)} is not mapped (MAPTI/MAPI)`,
    );
  }
  return ok({ device: d.value, ite, iteAddress: at });
}
