import { describeItsCommand } from '../../gic/index.ts';
import type { Gic } from '../../gic/index.ts';
import type { ItsInspectionView, LpiDetailView, LpiPathStepView } from '../../protocol/index.ts';
import { lpiRoute } from './gates-lpi.ts';

const hex = (n: number) => `0x${n.toString(16)}`;

/** The ITS block: its queue, tables, the selected PE's LPI state and the selected LPI's path. */
export function itsPanel(gic: Gic, pe: number, intid: number | null): ItsInspectionView | null {
  const its = gic.its();
  if (its === null) return null;
  const rd = gic.redistributorLpis(pe);
  return {
    enabled: its.enabled,
    stalled: its.stalled,
    slots: its.queueSlots,
    creadr: its.creadr,
    cwriter: its.cwriter,
    processed: its.commandsProcessed,
    recent: its.recent.map((c) => ({ slot: c.slot, text: describeItsCommand(c.command) })),
    queued: its.queued.map((c) => ({ slot: c.slot, text: describeItsCommand(c.command) })),
    devices: its.devices.map((d) => ({
      deviceId: d.deviceId,
      events: d.events,
      mappings: d.mappings,
    })),
    collections: its.collections.map((c) => ({ icid: c.icid, pe: c.pe })),
    redistributor: {
      pe,
      enableLpis: rd.enableLpis,
      propbaser: rd.propbaser,
      pendbaser: rd.pendbaser,
      pending: rd.pending,
      cacheMode: rd.cacheMode,
    },
    lpi:
      intid !== null && intid >= 8192 && intid < 2 ** gic.config.lpiIdBits
        ? lpiDetail(gic, intid, pe)
        : null,
  };
}

function lpiDetail(gic: Gic, intid: number, selectedPe: number): LpiDetailView {
  const route = lpiRoute(gic, intid);
  const pe = route?.pe ?? selectedPe;
  const v = gic.lpi(intid, pe);
  const cpu = gic.cpuInterface(pe);
  const path: LpiPathStepView[] = [];
  if (route === null) {
    path.push({ stage: 'device', text: 'no device event maps to it (MAPD/MAPTI)', ok: false });
  } else {
    path.push(
      {
        stage: 'device',
        text: `DeviceID ${hex(route.deviceId)} writes EventID ${route.eventId} to GITS_TRANSLATER`,
        ok: true,
      },
      {
        stage: 'itt',
        text: `ITT: EventID ${route.eventId} → LPI ${intid}, ICID ${route.icid}`,
        ok: true,
      },
      {
        stage: 'collection',
        text:
          route.pe === null
            ? `collection ${route.icid} is not mapped (MAPC)`
            : `collection ${route.icid} → PE ${route.pe}`,
        ok: route.pe !== null,
      },
    );
  }
  const rd = gic.redistributorLpis(pe);
  path.push({
    stage: 'redistributor',
    text: !rd.enableLpis
      ? `Redistributor ${pe}: EnableLPIs=0`
      : `Redistributor ${pe}: ${v.pending ? 'pending' : 'not pending'}, ${v.enabled ? 'enabled' : 'disabled'}${v.stale ? ' (stale: needs INV)' : ''}, priority ${hex(v.priority)}`,
    ok: rd.enableLpis && v.enabled && !v.stale,
  });
  path.push({
    stage: 'cpu-interface',
    text:
      cpu.hppi?.intid === intid
        ? `CPU interface ${pe}: HPPI, PMR ${hex(cpu.pmr)}`
        : `CPU interface ${pe}: HPPI is ${cpu.hppi === null ? 'none' : `INTID ${cpu.hppi.intid}`}`,
    ok: cpu.hppi?.intid === intid,
  });
  return {
    intid,
    pe,
    configByte: v.configByte,
    visibleConfigByte: v.visibleConfigByte,
    priority: v.priority,
    enabled: v.enabled,
    stale: v.stale,
    pending: v.pending,
    path,
  };
}
