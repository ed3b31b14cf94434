import type { IntId, ItsTranslationSource, PeIndex, WarningCode } from '../api.ts';
import { LPI_BASE } from '../lpi/config-byte.ts';
import { invalidateConfig, lpiPending, setLpiPending } from '../lpi/pending.ts';
import { moveAllLpis } from '../lpi/move.ts';
import type { Model } from '../model.ts';
import type { ItsCommand } from './commands.ts';
import {
  collectionTable,
  collectionTarget,
  deviceTable,
  error,
  ok,
  rdBaseToPe,
  readDevice,
  stall,
  translate,
  type Step,
} from './lookup.ts';
import { encodeCte, encodeDte, encodeIte, entryAddress } from './tables.ts';
import { ITE_SIZE, type ItsState } from './state.ts';

/**
 * What each physical ITS command does (IHI 0069 §5.3). A command with an error is ignored and the
 * queue goes on (one of the behaviours §5.3 allows; QEMU's choice too); a memory fault stalls the
 * queue (GITS_CREADR.Stalled).
 */

const hex = (n: number) => `0x${n.toString(16)}`;

/** Largest LPI INTID + 1 the GIC supports (GICD_TYPER.IDbits). */
function intidLimit(m: Model): number {
  return 2 ** m.s.cfg.lpiIdBits;
}

function writeEntry(
  m: Model,
  table: ReturnType<typeof deviceTable>,
  index: number,
  write: (at: number) => void,
): Step<null> {
  const at = entryAddress(m.s.memory, table, index);
  // No level-2 page for this index: the write is dropped and the command completes (QEMU; the
  // architecture leaves it UNPREDICTABLE).
  if (at.kind === 'no-level-2') return ok(null);
  if (at.kind === 'fault' || !m.s.memory.contains(at.address, table.entrySize)) {
    return stall(`table entry ${index} is not in memory`);
  }
  write(at.address);
  return ok(null);
}

function report(
  m: Model,
  source: ItsTranslationSource,
  deviceId: number,
  eventId: number,
  intid: number | null,
  icid: number | null,
  pe: number | null,
  code: WarningCode | null,
): void {
  if (!m.ev.active) return;
  m.ev.emit({
    kind: 'its-translated',
    source,
    deviceId,
    eventId,
    intid: intid as IntId | null,
    icid,
    pe: pe as PeIndex | null,
    error: code,
  });
}

/** A device's MSI that goes nowhere is reported here; a command's error by the queue. */
function deviceError(
  m: Model,
  source: ItsTranslationSource,
  deviceId: number,
  eventId: number,
  step: { kind: 'error'; code: WarningCode; detail: string } | { kind: 'stall'; detail: string },
): void {
  if (source !== 'GITS_TRANSLATER' || !m.ev.active) return;
  const code = step.kind === 'error' ? step.code : 'its-memory-fault';
  m.ev.warn(
    code,
    `MSI from DeviceID ${hex(deviceId)} EventID ${hex(eventId)} dropped: ${step.detail}`,
    'GITS_TRANSLATER',
  );
}

/** INT, CLEAR, DISCARD and GITS_TRANSLATER: translate, then set or clear the LPI's pending state. */
export function translateEvent(
  m: Model,
  its: ItsState,
  deviceId: number,
  eventId: number,
  source: ItsTranslationSource,
): Step<null> {
  const s = m.s;
  const t = translate(s, its, deviceId, eventId);
  if (t.kind !== 'ok') {
    report(
      m,
      source,
      deviceId,
      eventId,
      null,
      null,
      null,
      t.kind === 'error' ? t.code : 'its-memory-fault',
    );
    deviceError(m, source, deviceId, eventId, t);
    return t;
  }
  const target = collectionTarget(s, its, t.value.ite.icid);
  if (target.kind !== 'ok') {
    const code = target.kind === 'error' ? target.code : 'its-memory-fault';
    report(m, source, deviceId, eventId, t.value.ite.intid, t.value.ite.icid, null, code);
    deviceError(m, source, deviceId, eventId, target);
    return target;
  }
  const pe = target.value;
  const intid = t.value.ite.intid;
  const level = source === 'INT' || source === 'GITS_TRANSLATER';
  const dropped = setLpiPending(m, pe, intid, level, level ? 'its' : 'its-clear');
  report(m, source, deviceId, eventId, intid, t.value.ite.icid, pe, dropped);
  if (dropped !== null && m.ev.active) {
    m.ev.warn(
      dropped,
      dropped === 'lpis-disabled'
        ? `LPI ${intid} for PE ${pe} dropped: GICR_CTLR.EnableLPIs is 0`
        : `LPI ${intid} is beyond GICR_PROPBASER.IDbits of PE ${pe}; dropped`,
      null,
      pe,
      intid,
    );
  }
  if (source === 'DISCARD') {
    encodeIte(s.memory, t.value.iteAddress, { valid: false, intid: 0, icid: 0 });
  }
  return ok(null);
}

export function executeCommand(m: Model, its: ItsState, c: ItsCommand): Step<null> {
  const s = m.s;
  switch (c.name) {
    case 'INT':
    case 'CLEAR':
    case 'DISCARD':
      return translateEvent(m, its, c.deviceId, c.eventId, c.name);
    case 'MAPD': {
      const dt = deviceTable(its);
      if (c.deviceId >= dt.entries) {
        return error(
          'its-id-out-of-range',
          `MAPD: DeviceID ${hex(c.deviceId)} is beyond the device table (${dt.entries} entries)`,
        );
      }
      if (c.size > 15)
        return error(
          'its-size-out-of-range',
          `MAPD: Size ${c.size} is beyond GITS_TYPER.ID_bits (15)`,
        );
      return writeEntry(m, dt, c.deviceId, (at) =>
        encodeDte(s.memory, at, { valid: c.valid, size: c.size, ittAddress: c.ittAddress }),
      );
    }
    case 'MAPC': {
      const ct = collectionTable(its);
      if (c.icid >= ct.entries) {
        return error(
          'its-id-out-of-range',
          `MAPC: ICID ${c.icid} is beyond the collection table (${ct.entries} entries)`,
        );
      }
      const rdBase = s.cfg.itsPta ? c.rdBase : c.rdBase & 0xffff;
      if (c.valid && rdBaseToPe(s, rdBase) < 0) {
        return error('its-rdbase-invalid', `MAPC: RDbase ${hex(rdBase)} names no Redistributor`);
      }
      return writeEntry(m, ct, c.icid, (at) =>
        encodeCte(s.memory, at, { valid: c.valid, rdBase: c.valid ? rdBase : 0 }),
      );
    }
    case 'MAPTI':
    case 'MAPI': {
      const intid = c.name === 'MAPI' ? c.eventId : c.intid;
      const d = readDevice(s, its, c.deviceId);
      if (d.kind !== 'ok') return d;
      const ct = collectionTable(its);
      if (c.icid >= ct.entries) {
        return error(
          'its-id-out-of-range',
          `${c.name}: ICID ${c.icid} is beyond the collection table (${ct.entries} entries)`,
        );
      }
      if (!d.value.valid)
        return error(
          'its-device-unmapped',
          `${c.name}: DeviceID ${hex(c.deviceId)} is not mapped (MAPD)`,
        );
      const events = 2 ** (d.value.size + 1);
      if (c.eventId >= events) {
        return error(
          'its-event-out-of-range',
          `${c.name}: EventID ${hex(c.eventId)} ≥ ${events}, the device's size`,
        );
      }
      if (intid < LPI_BASE || intid >= intidLimit(m)) {
        return error(
          'its-intid-not-lpi',
          `${c.name}: INTID ${intid} is not an LPI (8192 … ${intidLimit(m) - 1})`,
        );
      }
      const at = d.value.ittAddress + c.eventId * ITE_SIZE;
      if (!s.memory.contains(at, ITE_SIZE))
        return stall(`${c.name}: ITT entry at ${hex(at)} is not in memory`);
      encodeIte(s.memory, at, { valid: true, intid, icid: c.icid });
      return ok(null);
    }
    case 'INV': {
      const t = translate(s, its, c.deviceId, c.eventId);
      if (t.kind !== 'ok') return t;
      const pe = collectionTarget(s, its, t.value.ite.icid);
      if (pe.kind !== 'ok') return pe;
      invalidateConfig(m, pe.value, t.value.ite.intid);
      return ok(null);
    }
    case 'INVALL': {
      if (s.flags.invallEveryRedistributor) {
        // QEMU: INVALL rescans every Redistributor and never reads the collection table.
        for (let pe = 0; pe < s.peCount; pe++) invalidateConfig(m, pe, null);
        return ok(null);
      }
      const pe = collectionTarget(s, its, c.icid);
      if (pe.kind !== 'ok') return pe;
      invalidateConfig(m, pe.value, null);
      return ok(null);
    }
    case 'MOVI': {
      const t = translate(s, its, c.deviceId, c.eventId);
      if (t.kind !== 'ok') return t;
      const from = collectionTarget(s, its, t.value.ite.icid);
      if (from.kind !== 'ok') return from;
      const to = collectionTarget(s, its, c.icid);
      if (to.kind !== 'ok') return to;
      const intid = t.value.ite.intid;
      if (from.value !== to.value && lpiPending(s, from.value, intid)) {
        // IHI 0069 §6.3.9: a pending LPI moves with its mapping. QEMU does nothing when either
        // Redistributor has LPIs disabled.
        if (s.lpi.enabled[from.value] !== 0 && s.lpi.enabled[to.value] !== 0) {
          setLpiPending(m, from.value, intid, false, 'moved');
          setLpiPending(m, to.value, intid, true, 'moved');
        }
      }
      encodeIte(s.memory, t.value.iteAddress, { valid: true, intid, icid: c.icid });
      return ok(null);
    }
    case 'MOVALL': {
      const from = rdBaseToPe(s, s.cfg.itsPta ? c.rdBase1 : c.rdBase1 & 0xffff);
      const to = rdBaseToPe(s, s.cfg.itsPta ? c.rdBase2 : c.rdBase2 & 0xffff);
      if (from < 0 || to < 0)
        return error(
          'its-rdbase-invalid',
          `MOVALL: RDbase ${hex(from < 0 ? c.rdBase1 : c.rdBase2)} names no Redistributor`,
        );
      if (from !== to) moveAllLpis(m, from, to);
      return ok(null);
    }
    case 'SYNC':
      // Every command completes before the next one starts here, so SYNC has nothing to wait for.
      return ok(null);
    case 'unknown':
      return error(
        'its-unknown-command',
        `command number ${hex(c.number)} is not a physical ITS command`,
      );
  }
}
