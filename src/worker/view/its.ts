import type { Gic, GicEvent } from '../../gic/index.ts';
import type {
  CpuView,
  InterruptView,
  ItsDiagramView,
  ItsTranslationView,
  RedistributorLpisView,
} from '../../protocol/index.ts';

/** The first LPI INTID (IHI 0069 §1.2.2: LPIs start at 8192). */
export const LPI_BASE = 8192;

export const lpiKey = (intid: number, pe: number) => `pe${pe}:lpi:${intid}`;

type Translated = Extract<GicEvent, { kind: 'its-translated' }>;

/**
 * An MSI (GITS_TRANSLATER) or INT that went through the ITS, as the diagram draws it; CLEAR and
 * DISCARD also translate, but they take an LPI's pending state away, so no path lights for them.
 */
export function translationView(
  event: Translated,
  seq: number,
  time: number,
): ItsTranslationView | null {
  if (event.source !== 'GITS_TRANSLATER' && event.source !== 'INT') return null;
  return {
    seq,
    time,
    source: event.source,
    deviceId: event.deviceId,
    eventId: event.eventId,
    intid: event.intid,
    icid: event.icid,
    pe: event.pe,
    error: event.error,
  };
}

/**
 * One Redistributor's LPIs: every LPI the ITS maps to a collection on this PE, and any LPI
 * pending here or in service on this PE (acknowledged, its handler running: an LPI has no active
 * state in the GIC, IHI 0069 §5.1, so "in service" comes from the PE's handler stack). `active`
 * in the view means in service.
 */
function redistributorLpis(
  gic: Gic,
  cpu: CpuView,
  mapped: readonly number[],
  name: (intid: number) => string | null,
): RedistributorLpisView {
  const pe = cpu.pe;
  const rd = gic.redistributorLpis(pe);
  const inService = new Set(
    cpu.handlers.flatMap((h) => (h.intid !== null && h.intid >= LPI_BASE ? [h.intid] : [])),
  );
  const intids = [...new Set([...mapped, ...rd.pending, ...inService])].sort((a, b) => a - b);
  const lpis = intids.map((intid): InterruptView => {
    const lpi = gic.lpi(intid, pe);
    const serving = inService.has(intid);
    return {
      key: lpiKey(intid, pe),
      intid,
      class: 'lpi',
      pe,
      state: serving
        ? lpi.pending
          ? 'active-pending'
          : 'active'
        : lpi.pending
          ? 'pending'
          : 'inactive',
      enabled: lpi.enabled,
      // LPIs are always Non-secure Group 1, edge-triggered (IHI 0069 §5.1)
      group: 'g1ns',
      priority: lpi.priority,
      nmi: false,
      trigger: 'edge',
      level: false,
      oneOfN: false,
      name: name(intid),
    };
  });
  return { pe, enableLpis: rd.enableLpis, lpis };
}

/** The ITS as the block diagram draws it, or null when the GIC has none. */
export function itsDiagramView(
  gic: Gic,
  cpus: readonly CpuView[],
  last: ItsTranslationView | null,
  name: (intid: number) => string | null,
): ItsDiagramView | null {
  const its = gic.its();
  if (its === null) return null;
  const peOf = new Map(its.collections.map((c) => [c.icid, c.pe]));
  const mappedTo: number[][] = cpus.map(() => []);
  for (const device of its.devices)
    for (const m of device.mappings) {
      const pe = peOf.get(m.icid);
      if (pe !== null && pe !== undefined) mappedTo[pe]?.push(m.intid);
    }
  return {
    enabled: its.enabled,
    stalled: its.stalled,
    creadr: its.creadr,
    cwriter: its.cwriter,
    processed: its.commandsProcessed,
    devices: its.devices.map((d) => ({
      deviceId: d.deviceId,
      events: d.events,
      mapped: d.mappings.length,
    })),
    redistributors: cpus.map((cpu) => redistributorLpis(gic, cpu, mappedTo[cpu.pe] ?? [], name)),
    last,
  };
}

/** Every LPI of every Redistributor (for the CPU interface gates). */
export function lpiViews(its: ItsDiagramView | null): InterruptView[] {
  return its ? its.redistributors.flatMap((r) => r.lpis) : [];
}
