import type { GicEvent } from '../../gic/index.ts';
import { describeEvent, type MachineEvent } from '../../machine/index.ts';
import type { EventView } from '../../protocol/index.ts';
import { interruptKey } from './interrupts.ts';
import { LPI_BASE, lpiKey } from './its.ts';

type Fields = Record<string, string | number | boolean | null>;

const cellOf = (intid: number, pe: number) =>
  intid >= LPI_BASE ? lpiKey(intid, pe) : interruptKey(intid, intid < 32 ? pe : null);

/**
 * Which drawn elements a token visits for this event (see EventView.path): forwarded to a CPU
 * interface (through the Redistributor for an SPI), acknowledged, priority dropped (back to
 * the cell), an SGI from its sender to the target, an NMI injection, an MSI translated by the
 * ITS to its Redistributor (an LPI's cell is in its Redistributor, so its forward starts there).
 */
function pathOf(event: MachineEvent): string[] {
  if (event.kind === 'nmi-injected') {
    const { chosen, targetPe } = event;
    return targetPe === null
      ? []
      : [cellOf(chosen.intid, chosen.pe ?? targetPe), `cpu:${targetPe}`];
  }
  if (event.kind !== 'gic') return [];
  const gic = event.event;
  switch (gic.kind) {
    case 'hppi-changed': {
      const hppi = gic.hppi;
      if (!hppi || hppi.intid === gic.previous?.intid) return [];
      return hppi.intid < 32 || hppi.intid >= LPI_BASE
        ? [cellOf(hppi.intid, gic.pe), `cpu:${gic.pe}`]
        : [cellOf(hppi.intid, gic.pe), `redistributor:${gic.pe}`, `cpu:${gic.pe}`];
    }
    case 'acknowledged':
      return [cellOf(gic.intid, gic.pe), `cpu:${gic.pe}`];
    case 'priority-dropped':
      return gic.intid < 1020 || gic.intid >= LPI_BASE
        ? [`cpu:${gic.pe}`, cellOf(gic.intid, gic.pe)]
        : [];
    case 'sgi-generated':
      return gic.targets
        .map((target) => [`cpu:${gic.pe}`, cellOf(gic.intid, target)])
        .flat()
        .slice(0, 2);
    case 'its-translated':
      return gic.error === null &&
        gic.pe !== null &&
        (gic.source === 'GITS_TRANSLATER' || gic.source === 'INT')
        ? ['its', `redistributor:${gic.pe}`]
        : [];
    default:
      return [];
  }
}

function gicFields(event: GicEvent): Fields {
  switch (event.kind) {
    case 'acknowledged':
    case 'priority-dropped':
      return {
        priority: event.priority,
        group: event.group,
        nmi: event.nmi,
        runningPriority: event.runningPriority,
      };
    case 'register-written':
    case 'register-read':
      return { register: event.register, value: event.value, block: event.block };
    case 'hppi-changed':
      return { hppi: event.hppi?.intid ?? null, hppiPriority: event.hppi?.priority ?? null };
    case 'outputs-changed':
      return { irq: event.outputs.irq, fiq: event.outputs.fiq, nmi: event.outputs.nmi };
    case 'warning':
      return { code: event.code, register: event.register };
    case 'routed':
      return { mode: event.mode, policy: event.policy };
    case 'its-translated':
      return {
        source: event.source,
        deviceId: event.deviceId,
        eventId: event.eventId,
        icid: event.icid,
        error: event.error,
      };
    default:
      return {};
  }
}

function kindOf(event: MachineEvent): string {
  return event.kind === 'gic' ? event.event.kind : event.kind;
}

function peOf(event: MachineEvent): number | null {
  const source = event.kind === 'gic' ? event.event : event;
  return 'pe' in source && typeof source.pe === 'number' ? source.pe : null;
}

function intidOf(event: MachineEvent): number | null {
  if (event.kind === 'nmi-injected') return event.chosen.intid;
  const source = event.kind === 'gic' ? event.event : event;
  return 'intid' in source && typeof source.intid === 'number' ? source.intid : null;
}

/** A machine event as one log row, with the values as they were. */
export function eventView(event: MachineEvent): EventView {
  // describeEvent leads with the time, which the log shows in its own column
  const text = describeEvent(event).replace(/^\s*\S+\s+/, '');
  const fields: Fields =
    event.kind === 'gic'
      ? gicFields(event.event)
      : event.kind === 'masks-changed'
        ? { i: event.masks.i, f: event.masks.f, allint: event.masks.allint }
        : event.kind === 'exception-taken' || event.kind === 'exception-returned'
          ? { exception: event.exception, depth: event.depth }
          : event.kind === 'interrupt-handled'
            ? { name: event.name, nmi: event.nmi, count: event.count }
            : {};
  return {
    seq: event.seq,
    time: event.at,
    kind: kindOf(event),
    pe: peOf(event),
    intid: intidOf(event),
    text,
    warning: event.kind === 'gic' && event.event.kind === 'warning',
    path: pathOf(event),
    fields,
  };
}
