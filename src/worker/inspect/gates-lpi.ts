import type { Gic, InterruptView, IntId, LpiView } from '../../gic/index.ts';
import {
  blocked,
  notApplicable,
  passed,
  type Gate,
  type GateContext,
  type GateResult,
} from './gate-context.ts';
import { hex2 } from './hex.ts';
import type { PeMasks, PseudoNmiSetup } from './input.ts';

/**
 * "Why isn't this LPI delivered?" (IHI 0069 §5; reference §3.4, §3.5): the translation path
 * device → ITS tables → collection → Redistributor, then the Redistributor's LPI state (EnableLPIs,
 * its tables, the configuration byte as it sees it — stale until INV), then the same CPU interface
 * gates as any interrupt.
 */

const hex = (n: number) => `0x${n.toString(16)}`;

/** Where the ITS maps this LPI: the device/event and the collection's PE. */
export interface LpiRoute {
  readonly deviceId: number;
  readonly eventId: number;
  readonly icid: number;
  /** null: the collection is not mapped (or names no Redistributor). */
  readonly pe: number | null;
}

export function lpiRoute(gic: Gic, intid: number): LpiRoute | null {
  const its = gic.its();
  if (its === null) return null;
  for (const d of its.devices) {
    const m = d.mappings.find((x) => x.intid === intid);
    if (m === undefined) continue;
    const c = its.collections.find((x) => x.icid === m.icid);
    return { deviceId: d.deviceId, eventId: m.eventId, icid: m.icid, pe: c?.pe ?? null };
  }
  return null;
}

export interface LpiGateContext extends GateContext {
  readonly lpi: LpiView | null;
  readonly route: LpiRoute | null;
}

/** A GateContext for an LPI: Non-secure Group 1, no active state, priority from the table. */
export function lpiGateContext(
  gic: Gic,
  intid: number,
  selectedPe: number,
  masks: readonly PeMasks[],
  pseudoNmi: PseudoNmiSetup,
  /** the PE it is pending on (a gate's verdict), instead of where the ITS maps it now */
  atPe?: number,
): LpiGateContext {
  const route = lpiRoute(gic, intid);
  const pe = atPe ?? route?.pe ?? selectedPe;
  const lpi = gic.lpi(intid, pe);
  const irq: InterruptView = {
    intid: intid as IntId,
    class: 'LPI',
    pe: null,
    state: lpi.pending ? 'pending' : 'inactive',
    pending: lpi.pending,
    latch: lpi.pending,
    level: false,
    enabled: lpi.enabled,
    active: false,
    activeOn: null,
    group: 'G1NS',
    priority: lpi.priority,
    nmi: false,
    trigger: 'edge',
    route: null,
  };
  return {
    gic,
    config: gic.config,
    ds: gic.distributor().ds,
    irq,
    name: `LPI ${intid}`,
    pe,
    selectedPe,
    cpu: gic.cpuInterface(pe),
    masks: masks[pe] ?? null,
    superpriority: false,
    priority: lpi.priority,
    pseudoNmi,
    lpi,
    route,
  };
}

type LpiGate = (ctx: LpiGateContext) => GateResult;

export const itsMappingGate: LpiGate = (ctx) => {
  const check = 'Mapped by the ITS (MAPD, MAPTI, MAPC)';
  if (ctx.gic.its() === null)
    return notApplicable(check, 'no ITS: only GICR_SETLPIR can make it pending');
  const r = ctx.route;
  if (r === null) {
    if (ctx.lpi?.pending === true)
      return passed(check, `no device event maps to ${ctx.name}, but it is pending`);
    return blocked(
      check,
      `no valid ITT entry translates to ${ctx.name}: no MAPTI/MAPI for it, its device is unmapped (MAPD V=0) or the entry was DISCARDed`,
      `MAPD the device, MAPTI its EventID to ${ctx.irq.intid}, SYNC`,
      `${ctx.name} is not mapped in the ITS: no device event translates to it`,
    );
  }
  if (r.pe === null)
    return blocked(
      check,
      `DeviceID ${hex(r.deviceId)} EventID ${r.eventId} maps to ${ctx.name} in collection ${r.icid}, which is not mapped`,
      `MAPC ICID ${r.icid} to a Redistributor, then SYNC`,
      `${ctx.name}: collection ${r.icid} is not mapped (MAPC), so the ITS drops its MSIs`,
    );
  const elsewhere = r.pe !== ctx.selectedPe ? ` (not the selected PE ${ctx.selectedPe})` : '';
  return passed(
    check,
    `DeviceID ${hex(r.deviceId)} EventID ${r.eventId} → ${ctx.name} → collection ${r.icid} → PE ${r.pe}${elsewhere}`,
  );
};

export const enableLpisGate: LpiGate = (ctx) => {
  const check = `LPIs enabled at PE ${ctx.pe} (GICR_CTLR.EnableLPIs)`;
  const rd = ctx.gic.redistributorLpis(ctx.pe ?? 0);
  if (rd.enableLpis) return passed(check, 'EnableLPIs=1');
  return blocked(
    check,
    `GICR_CTLR.EnableLPIs=0 on PE ${ctx.pe}: the Redistributor ignores every LPI sent to it`,
    `program GICR_PROPBASER and GICR_PENDBASER, then set GICR_CTLR.EnableLPIs on PE ${ctx.pe}`,
    `${ctx.name}: LPIs are not enabled on PE ${ctx.pe} (GICR_CTLR.EnableLPIs=0)`,
  );
};

export const lpiTablesGate: LpiGate = (ctx) => {
  const check = 'LPI tables (GICR_PROPBASER, GICR_PENDBASER)';
  const rd = ctx.gic.redistributorLpis(ctx.pe ?? 0);
  if (rd.configTable === 0 || rd.pendingTable === 0)
    return blocked(
      check,
      `GICR_${rd.configTable === 0 ? 'PROPBASER' : 'PENDBASER'} of PE ${ctx.pe} is not set: there is no table at address 0`,
      `write the table addresses before setting EnableLPIs`,
      `${ctx.name}: PE ${ctx.pe} has no LPI ${rd.configTable === 0 ? 'configuration' : 'pending'} table`,
    );
  if (ctx.irq.intid >= rd.limit)
    return blocked(
      check,
      `GICR_PROPBASER.IDbits of PE ${ctx.pe} covers INTIDs below ${rd.limit}`,
      `raise GICR_PROPBASER.IDbits (before EnableLPIs)`,
      `${ctx.name} is beyond GICR_PROPBASER.IDbits of PE ${ctx.pe}`,
    );
  return passed(
    check,
    `configuration table @${hex(rd.configTable)}, pending table @${hex(rd.pendingTable)}`,
  );
};

export const lpiConfigGate: LpiGate = (ctx) => {
  const check = 'Enabled in the LPI configuration table (as the Redistributor sees it)';
  const v = ctx.lpi;
  if (v === null) return notApplicable(check, 'no LPI');
  const inMemory = `table byte ${hex2(v.configByte)} (priority ${hex2(v.configByte & 0xfc)}, Enable ${v.configByte & 1})`;
  if (v.stale) {
    const used = v.visibleConfigByte ?? 0;
    const inv =
      ctx.route === null
        ? 'INV (or GICR_INVLPIR)'
        : `INV DeviceID ${hex(ctx.route.deviceId)} EventID ${ctx.route.eventId}`;
    return blocked(
      check,
      `the ${inMemory} was changed, but PE ${ctx.pe}'s Redistributor still uses its cached byte ${hex2(used)} (priority ${hex2(used & 0xfc)}, Enable ${used & 1}): no INV since the change`,
      `send ${inv} then SYNC (or INVALL for its collection)`,
      `${ctx.name}: its configuration was changed without an INV — the Redistributor still uses the old byte (priority ${hex2(used & 0xfc)}${(used & 1) === 0 ? ', disabled' : ''})`,
    );
  }
  if (!v.enabled)
    return blocked(
      check,
      `${inMemory}: the Enable bit is 0`,
      `set bit 0 of its configuration byte, then INV`,
      `${ctx.name} is disabled in the LPI configuration table`,
    );
  return passed(check, `${inMemory}`);
};

/** Pending in the Redistributor's pending table. */
export const lpiPendingGate: LpiGate = (ctx) => {
  const check = `Pending in PE ${ctx.pe}'s pending table`;
  if (ctx.lpi?.pending === true) return passed(check, `${ctx.name} is pending`);
  return blocked(
    check,
    `${ctx.name} is not pending: no MSI (GITS_TRANSLATER write) or INT has arrived for it`,
    ctx.route === null
      ? null
      : `DeviceID ${hex(ctx.route.deviceId)} writes EventID ${ctx.route.eventId} to GITS_TRANSLATER`,
    `${ctx.name} is not pending: no MSI has arrived`,
  );
};

/** Adapts an LPI gate to the common chain. */
export function asGate(gate: LpiGate, ctx: LpiGateContext): Gate {
  return () => gate(ctx);
}
