import { appendTask, emit, planOf } from '../core.ts';
import type { Core } from '../core.ts';
import type { GuestCall } from '../scenario/index.ts';
import type { IrqDesc, IrqKind } from '../state.ts';
import type { Op } from './ops.ts';
import { affinityValue } from './plan.ts';
import { GICD, GICD_CTLR_RWP, GICR } from './registers.ts';

const LPI_BASE = 8192;

/** Handler body time by device name; anything else takes 2 µs. */
const HANDLER_NS: Readonly<Record<string, number>> = {
  arch_timer: 2_000,
  'uart-pl011': 3_000,
  'arm-pmu': 1_500,
};

interface Refusal {
  readonly errno: string;
  readonly message: string;
}

/** Expands a guest API call made on `peIndex`; returns the ops that PE runs next. */
/** Handler time a scenario gave a device, by INTID. */
function deviceHandlerNs(core: Core, intid: number): number | undefined {
  for (const d of core.scenario.devices)
    if (d.type === 'spi-source' && d.intid === intid) return d.handler;
  return undefined;
}

export function expandCall(core: Core, peIndex: number, call: GuestCall): Op[] {
  const refusal = refuse(core, call);
  const name = call.do.replace('-', '_');
  if (refusal !== null) {
    emit(core, {
      kind: 'guest-called',
      pe: peIndex,
      call: name,
      intid: call.intid,
      result: refusal.errno,
      message: refusal.message,
    });
    return [{ op: 'log', text: refusal.message }];
  }
  emit(core, {
    kind: 'guest-called',
    pe: peIndex,
    call: name,
    intid: call.intid,
    result: 'ok',
    message: describe(call),
  });
  switch (call.do) {
    case 'request-irq':
    case 'request-nmi': {
      const existing = core.state.guest.descs[call.intid];
      if (existing !== undefined && call.do === 'request-irq') {
        existing.name = `${existing.name}, ${call.name}`;
        return [];
      }
      const nmi = call.do === 'request-nmi';
      const percpu = call.intid < 32;
      const kind: IrqKind = percpu ? (nmi ? 'percpu-nmi' : 'percpu-irq') : nmi ? 'nmi' : 'irq';
      setDesc(core, {
        intid: call.intid,
        name: call.name,
        kind,
        trigger: call.trigger,
        shared: call.shared,
        enabled: true,
        handlerNs: deviceHandlerNs(core, call.intid) ?? HANDLER_NS[call.name] ?? 2_000,
      });
      if (percpu) {
        for (let p = 0; p < core.plan.peCount; p++) {
          if (p !== peIndex) appendTask(core, p, ppiSetup(core, p, call.intid, call.trigger, nmi));
        }
        return ppiSetup(core, peIndex, call.intid, call.trigger, nmi);
      }
      return spiSetup(core, call, nmi);
    }
    case 'enable-irq':
    case 'disable-irq': {
      const enable = call.do === 'enable-irq';
      const desc = core.state.guest.descs[call.intid];
      if (desc !== undefined) desc.enabled = enable;
      const bit = 1 << (call.intid % 32);
      if (call.intid < 32) {
        const op: Op = {
          op: 'redist-write',
          offset: enable ? GICR.ISENABLER0 : GICR.ICENABLER0,
          value: bit,
          size: 4,
        };
        for (let p = 0; p < core.plan.peCount; p++) if (p !== peIndex) appendTask(core, p, [op]);
        return [op];
      }
      const offset = (enable ? GICD.ISENABLER : GICD.ICENABLER) + 4 * Math.floor(call.intid / 32);
      return enable
        ? [{ op: 'dist-write', offset, value: bit, size: 4 }]
        : [
            { op: 'dist-write', offset, value: bit, size: 4 },
            { op: 'poll-dist', offset: GICD.CTLR, mask: GICD_CTLR_RWP },
          ];
    }
  }
}

function setDesc(core: Core, desc: IrqDesc): void {
  core.state.guest.descs[desc.intid] = desc;
  core.state.guest.counts[desc.intid] ??= new Array<number>(core.plan.peCount).fill(0);
}

/** gic_set_type + gic_set_affinity + (NMI priority | INMIR) + gic_unmask_irq for an SPI. */
function spiSetup(
  core: Core,
  call: Extract<GuestCall, { do: 'request-irq' | 'request-nmi' }>,
  nmi: boolean,
): Op[] {
  const { intid } = call;
  const cfgShift = 2 * (intid % 16) + 1;
  const ops: Op[] = [
    {
      op: 'dist-rmw',
      offset: GICD.ICFGR + 4 * Math.floor(intid / 16),
      clear: call.trigger === 'edge' ? 0 : 1 << cfgShift,
      set: call.trigger === 'edge' ? 1 << cfgShift : 0,
    },
    { op: 'poll-dist', offset: GICD.CTLR, mask: GICD_CTLR_RWP },
  ];
  const route = call.route;
  if (nmi)
    ops.push(
      ...nmiProperty(
        core,
        route === 'one-of-n' || route === 'boot-pe' ? 0 : route.pe,
        intid,
        false,
      ),
    );
  const affinity =
    route === 'one-of-n'
      ? 1 << 31
      : Number(
          affinityValue(
            core.plan.affinity[route === 'boot-pe' ? 0 : route.pe] ?? {
              aff0: 0,
              aff1: 0,
              aff2: 0,
              aff3: 0,
            },
          ),
        );
  ops.push({ op: 'dist-write', offset: GICD.IROUTER + 8 * intid, value: affinity, size: 8 });
  ops.push({
    op: 'dist-write',
    offset: GICD.ISENABLER + 4 * Math.floor(intid / 32),
    value: 1 << (intid % 32),
    size: 4,
  });
  return ops;
}

function ppiSetup(
  core: Core,
  pe: number,
  intid: number,
  trigger: 'level' | 'edge',
  nmi: boolean,
): Op[] {
  const ops: Op[] = [];
  if (intid >= 16) {
    const shift = 2 * (intid - 16) + 1;
    ops.push({
      op: 'redist-rmw',
      offset: GICR.ICFGR1,
      clear: trigger === 'edge' ? 0 : 1 << shift,
      set: trigger === 'edge' ? 1 << shift : 0,
    });
  }
  if (nmi) ops.push(...nmiProperty(core, pe, intid, true));
  ops.push({ op: 'redist-write', offset: GICR.ISENABLER0, value: (1 << intid) >>> 0, size: 4 });
  return ops;
}

/** gic_irq_nmi_setup: the NMI priority byte (pseudo-NMI) or the INMIR bit (GICv3.3). */
function nmiProperty(core: Core, pe: number, intid: number, banked: boolean): Op[] {
  const plan = planOf(core, pe);
  if (plan.nmi === 'architected') {
    const bit = (1 << (intid % 32)) >>> 0;
    return !banked
      ? [{ op: 'dist-rmw', offset: GICD.INMIR + 4 * Math.floor(intid / 32), clear: 0, set: bit }]
      : [{ op: 'redist-rmw', offset: GICR.INMIR0, clear: 0, set: bit }];
  }
  const prio = plan.nmiPriority ?? plan.irqPriority;
  return !banked
    ? [{ op: 'dist-write', offset: GICD.IPRIORITYR + intid, value: prio, size: 1 }]
    : [{ op: 'redist-write', offset: GICR.IPRIORITYR + intid, value: prio, size: 1 }];
}

/** The checks request_irq / request_nmi make, with the kernel's reasons (reference §5.5). */
function refuse(core: Core, call: GuestCall): Refusal | null {
  const { intid } = call;
  const desc = core.state.guest.descs[intid];
  if (call.do === 'enable-irq' || call.do === 'disable-irq') {
    return desc === undefined
      ? {
          errno: '-EINVAL',
          message: `${call.do.replace('-', '_')}(${intid}): no handler requested for INTID ${intid}`,
        }
      : null;
  }
  const fn = call.do === 'request-nmi' ? 'request_nmi' : 'request_irq';
  if (intid < 16)
    return {
      errno: '-EINVAL',
      message: `${fn}(${intid}): SGIs are IPIs, requested by the SMP code at boot`,
    };
  if (intid >= LPI_BASE) {
    return call.do === 'request-nmi'
      ? {
          errno: '-EINVAL',
          message: `request_nmi(${intid}): LPIs cannot be NMIs — they belong to the ITS irq domain, not the root irqchip (irq_supports_nmi fails), and gic_irq_nmi_setup rejects INTID >= 8192`,
        }
      : { errno: '-ENXIO', message: `request_irq(${intid}): this machine has no ITS, so no LPIs` };
  }
  if (intid > 31 + core.plan.spiCount)
    return { errno: '-EINVAL', message: `${fn}(${intid}): INTID beyond GICD_TYPER.ITLinesNumber` };
  if (call.do === 'request-irq') {
    if (desc !== undefined && !(desc.shared && call.shared)) {
      return {
        errno: '-EBUSY',
        message: `genirq: Flags mismatch irq ${intid}. (${call.name}) vs. (${desc.name})`,
      };
    }
    return null;
  }
  if (core.plans.every((plan) => plan.nmi === 'none')) {
    return {
      errno: '-EINVAL',
      message: `request_nmi(${intid}): the irqchip does not support NMIs — boot a CONFIG_ARM64_PSEUDO_NMI kernel with irqchip.gicv3_pseudo_nmi=1`,
    };
  }
  if (call.shared)
    return {
      errno: '-EINVAL',
      message: `request_nmi(${intid}): NMIs cannot be shared (IRQF_SHARED)`,
    };
  if (desc !== undefined)
    return {
      errno: '-EBUSY',
      message: `genirq: Flags mismatch irq ${intid}. (${call.name}) vs. (${desc.name})`,
    };
  const view = core.gic.interrupt(intid, intid < 32 ? 0 : undefined);
  if (view.enabled)
    return { errno: '-EINVAL', message: `GICv3: Cannot set NMI property of enabled IRQ ${intid}` };
  return null;
}

function describe(call: GuestCall): string {
  switch (call.do) {
    case 'request-irq':
      return `request_irq(${call.intid}, "${call.name}") = 0`;
    case 'request-nmi':
      return `request_nmi(${call.intid}, "${call.name}") = 0`;
    case 'enable-irq':
      return `enable_irq(${call.intid})`;
    case 'disable-irq':
      return `disable_irq(${call.intid})`;
  }
}
