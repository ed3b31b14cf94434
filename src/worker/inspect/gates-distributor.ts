import type { Affinity } from '../../gic/index.ts';
import {
  bitRegister,
  blocked,
  notApplicable,
  passed,
  type Gate,
  type GateContext,
} from './gate-context.ts';
import { hexWidth } from './hex.ts';
import { groupLabel } from './priority.ts';

const where = (ctx: GateContext) => (ctx.irq.intid < 32 ? ` on PE ${ctx.selectedPe}` : '');

export const enabledGate: Gate = (ctx) => {
  const reg = bitRegister('ISENABLER', ctx.irq.intid);
  const check = `Enabled (${reg})`;
  if (ctx.irq.enabled) return passed(check, `${ctx.name} is enabled`);
  return blocked(
    check,
    `${ctx.name} is disabled${where(ctx)}: it is never forwarded`,
    `write 1 to ${reg}${where(ctx)}`,
    `${ctx.name} is disabled (${reg} = 0)`,
  );
};

/** GICD_CTLR enable bit of each group (reference §2.2: DS=1 names, or the Secure view). */
function ctlrBit(ctx: GateContext): {
  readonly field: string;
  readonly bit: number;
  readonly on: boolean;
} {
  const d = ctx.gic.distributor();
  switch (ctx.irq.group) {
    case 'G0':
      return { field: 'EnableGrp0', bit: 0, on: d.enableGrp0 };
    case 'G1NS':
      return { field: ctx.ds ? 'EnableGrp1' : 'EnableGrp1NS', bit: 1, on: d.enableGrp1Ns };
    case 'G1S':
      return { field: 'EnableGrp1S', bit: 2, on: d.enableGrp1S };
  }
}

export const distributorGroupGate: Gate = (ctx) => {
  const group = groupLabel(ctx.irq.group, ctx.ds);
  const { field, bit, on } = ctlrBit(ctx);
  const check = `${group} enabled in GICD_CTLR (${field})`;
  if (on) return passed(check, `${ctx.name} is ${group}; GICD_CTLR.${field}=1`);
  const other =
    ctx.irq.group === 'G0'
      ? `, or make it Group 1: set ${bitRegister('IGROUPR', ctx.irq.intid)}`
      : '';
  return blocked(
    check,
    `${ctx.name} is ${group} but GICD_CTLR.${field}=0: the Distributor forwards no ${group} interrupt`,
    `set GICD_CTLR.${field} (bit ${bit})${other}`,
    `${ctx.name} is ${group} and ${group} is disabled in GICD_CTLR (${field}=0)`,
  );
};

const affinityText = (a: Affinity) => `${a.aff3}.${a.aff2}.${a.aff1}.${a.aff0}`;
const irouterFor = (a: Affinity) =>
  (BigInt(a.aff3) << 32n) | BigInt(a.aff2 << 16) | BigInt(a.aff1 << 8) | BigInt(a.aff0);

export const routedGate: Gate = (ctx) => {
  const { irq } = ctx;
  const route = irq.route;
  if (!route)
    return passed('Routed to a PE', `${ctx.name} is banked in Redistributor ${ctx.selectedPe}`);
  const reg = `GICD_IROUTER${irq.intid}`;
  const check = `Routed to an existing PE (${reg})`;
  if (route.targetPe !== null) {
    const note =
      route.targetPe !== ctx.selectedPe ? ` (not the selected PE ${ctx.selectedPe})` : '';
    return passed(check, `${reg} routes it to PE ${route.targetPe}${note}`);
  }
  if (route.irm)
    return blocked(
      check,
      `${reg}.Interrupt_Routing_Mode=1 (1-of-N) but no PE participates: each is asleep, excluded by GICR_CTLR.DPG, or has the group disabled`,
      `wake a PE and enable the group at its CPU interface, or write a PE's affinity to ${reg}`,
      `${ctx.name} has no participating PE for 1-of-N routing`,
    );
  const suggested = ctx.config.affinity[ctx.selectedPe];
  return blocked(
    check,
    `${reg} = ${hexWidth(BigInt(route.irouter), 64)} names affinity ${affinityText(route.affinity)}: no PE has it, so it stays pending`,
    `write ${hexWidth(irouterFor(suggested), 64)} to ${reg} (PE ${ctx.selectedPe}, affinity ${affinityText(suggested)})`,
    `${ctx.name} is routed to affinity ${affinityText(route.affinity)}, which is no PE`,
  );
};

export const awakeGate: Gate = (ctx) => {
  if (ctx.pe === null) return notApplicable('Redistributor awake (GICR_WAKER)', 'no target PE');
  const check = `Redistributor ${ctx.pe} awake (GICR_WAKER)`;
  const r = ctx.gic.redistributor(ctx.pe);
  if (!r.processorSleep) return passed(check, `GICR_WAKER.ProcessorSleep=0 on PE ${ctx.pe}`);
  // QEMU keeps forwarding to a sleeping Redistributor (reference §3.2); the spec does not
  if (ctx.config.profile === 'qemu')
    return passed(
      check,
      `GICR_WAKER.ProcessorSleep=1 on PE ${ctx.pe}, but QEMU does not gate delivery on it`,
    );
  return blocked(
    check,
    `GICR_WAKER.ProcessorSleep=1 on PE ${ctx.pe}: its Redistributor is asleep and forwards nothing`,
    `write 0 to GICR_WAKER (clear ProcessorSleep, bit 1) of PE ${ctx.pe}`,
    `${ctx.name} is held: Redistributor ${ctx.pe} is asleep (GICR_WAKER.ProcessorSleep=1)`,
  );
};
