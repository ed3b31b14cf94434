import type { IntId, ItsDeviceView, ItsView, PeIndex } from '../api.ts';
import { toHex } from '../../lib/index.ts';
import type { Model } from '../model.ts';
import { decodeItsCommand } from './commands.ts';
import { collectionTable, deviceTable, rdBaseToPe } from './lookup.ts';
import { COMMAND_SIZE, queueBase, queueBytes, readCommandWords } from './queue.ts';
import { gitsTyper } from './registers.ts';
import { decodeCte, decodeDte, decodeIte, entryAddress } from './tables.ts';
import { ITE_SIZE } from './state.ts';

const hex64 = (lo: number, hi: number) =>
  hi === 0 ? toHex(lo >>> 0) : toHex((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));

/** How many IDs the view scans in each table (the tables can hold 65536). */
const SCAN = 4096;
const MAX_EVENTS_SHOWN = 256;

export function itsView(m: Model): ItsView | null {
  const s = m.s;
  const its = s.its;
  if (its === null) return null;
  const bytes = queueBytes(its);
  const base = queueBase(its);
  const slot = (offset: number) => offset / COMMAND_SIZE;
  const commandAt = (offset: number) => ({
    slot: slot(offset),
    command: decodeItsCommand(readCommandWords(m, base + offset)),
  });
  const queued = [];
  const recent = [];
  if (bytes > 0 && its.creadr < bytes && its.cwriter < bytes) {
    for (
      let o = its.creadr;
      o !== its.cwriter && queued.length < 64;
      o = (o + COMMAND_SIZE) % bytes
    ) {
      queued.push(commandAt(o));
    }
    const done = Math.min(32, its.commandCount, bytes / COMMAND_SIZE);
    for (let i = done; i >= 1; i--)
      recent.push(commandAt((its.creadr - i * COMMAND_SIZE + bytes * 16) % bytes));
  }
  const ct = collectionTable(its);
  const collections = [];
  for (let icid = 0; icid < Math.min(ct.entries, SCAN); icid++) {
    const at = entryAddress(s.memory, ct, icid);
    if (at.kind !== 'ok' || !s.memory.contains(at.address, 8)) continue;
    const c = decodeCte(s.memory, at.address);
    if (!c.valid) continue;
    const pe = rdBaseToPe(s, c.rdBase);
    collections.push({ icid, pe: pe < 0 ? null : (pe as PeIndex), rdBase: c.rdBase });
  }
  const dt = deviceTable(its);
  const devices: ItsDeviceView[] = [];
  for (
    let deviceId = 0;
    deviceId < Math.min(dt.entries, dt.indirect ? dt.entries : SCAN);
    deviceId++
  ) {
    const at = entryAddress(s.memory, dt, deviceId);
    if (at.kind === 'no-level-2' && dt.indirect) {
      // skip the rest of this absent level-2 page
      const perPage = Math.floor(dt.pageSize / dt.entrySize);
      deviceId += perPage - 1 - (deviceId % perPage);
      continue;
    }
    if (at.kind !== 'ok' || !s.memory.contains(at.address, 8)) continue;
    const d = decodeDte(s.memory, at.address);
    if (!d.valid) continue;
    const events = 2 ** (d.size + 1);
    const mappings = [];
    for (let eventId = 0; eventId < Math.min(events, MAX_EVENTS_SHOWN); eventId++) {
      const e = d.ittAddress + eventId * ITE_SIZE;
      if (!s.memory.contains(e, ITE_SIZE)) break;
      const ite = decodeIte(s.memory, e);
      if (ite.valid) mappings.push({ eventId, intid: ite.intid as IntId, icid: ite.icid });
    }
    devices.push({ deviceId, events, ittAddress: d.ittAddress, mappings });
  }
  const typer = gitsTyper(m);
  return {
    enabled: its.enabled,
    ctlr: toHex(
      ((its.enabled ? 1 : 0) | (!its.enabled || s.flags.itsQuiescentAlwaysSet ? 0x80000000 : 0)) >>>
        0,
    ),
    typer: hex64(typer.lo, typer.hi),
    cbaser: hex64(its.cbaserLo, its.cbaserHi),
    baser: Array.from({ length: 8 }, (_, n) => hex64(its.baserLo[n] ?? 0, its.baserHi[n] ?? 0)),
    queueBase: base,
    queueSlots: bytes / COMMAND_SIZE,
    creadr: slot(its.creadr),
    cwriter: slot(its.cwriter),
    stalled: its.stalled,
    commandsProcessed: its.commandCount,
    queued,
    recent,
    collections,
    devices,
  };
}
