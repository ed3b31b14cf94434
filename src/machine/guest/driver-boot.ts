import type { Op } from './ops.ts';
import type { GuestPlan } from './plan.ts';
import { affinityValue } from './plan.ts';
import {
  GICD,
  GICD_CTLR_LINUX_ENABLE,
  GICD_CTLR_RWP,
  GICR,
  GICR_CTLR_RWP,
  GICR_WAKER_CHILDREN_ASLEEP,
  GICR_WAKER_PROCESSOR_SLEEP,
  ICC_CTLR_EOIMODE,
  repeatByte,
} from './registers.ts';

const ALL = 0xffff_ffff;

/** gic_dist_init: disable, everything Group 1 NS, level, default priority, off, enable, route. */
export function distributorInit(plan: GuestPlan): Op[] {
  const lines = 32 + plan.spiCount;
  const ops: Op[] = [
    { op: 'dist-read', offset: GICD.TYPER, size: 4 },
    { op: 'dist-read', offset: GICD.CTLR, size: 4, into: 'ctlr' },
    { op: 'log', text: `GICv3: ${plan.spiCount} SPIs implemented` },
    { op: 'dist-write', offset: GICD.CTLR, value: 0, size: 4 },
    { op: 'poll-dist', offset: GICD.CTLR, mask: GICD_CTLR_RWP },
  ];
  for (let i = 32; i < lines; i += 32)
    ops.push({ op: 'dist-write', offset: GICD.IGROUPR + i / 8, value: ALL, size: 4 });
  for (let i = 32; i < lines; i += 16)
    ops.push({ op: 'dist-write', offset: GICD.ICFGR + i / 4, value: 0, size: 4 });
  const prio = repeatByte(plan.irqPriority);
  for (let i = 32; i < lines; i += 4)
    ops.push({ op: 'dist-write', offset: GICD.IPRIORITYR + i, value: prio, size: 4 });
  for (let i = 32; i < lines; i += 32) {
    ops.push({ op: 'dist-write', offset: GICD.ICACTIVER + i / 8, value: ALL, size: 4 });
    ops.push({ op: 'dist-write', offset: GICD.ICENABLER + i / 8, value: ALL, size: 4 });
  }
  ops.push({ op: 'poll-dist', offset: GICD.CTLR, mask: GICD_CTLR_RWP });
  ops.push({ op: 'dist-write', offset: GICD.CTLR, value: GICD_CTLR_LINUX_ENABLE, size: 4 });
  ops.push({ op: 'poll-dist', offset: GICD.CTLR, mask: GICD_CTLR_RWP });
  const boot = Number(affinityValue(plan.affinity[0] ?? { aff0: 0, aff1: 0, aff2: 0, aff3: 0 }));
  for (let i = 32; i < lines; i++)
    ops.push({ op: 'dist-write', offset: GICD.IROUTER + 8 * i, value: boot, size: 8 });
  return ops;
}

/** Boot-time messages the driver prints once. */
export function bootMessages(plan: GuestPlan, anyPseudo: boolean): Op[] {
  const ops: Op[] = [];
  if (plan.kernel === '6.11+') {
    const ds = plan.security === 'ds1' ? 1 : 0;
    const fiq = plan.security === 'ds0-fiq1' ? 1 : 0;
    ops.push({ op: 'log', text: `GICv3: GICD_CTLR.DS=${ds}, SCR_EL3.FIQ=${fiq}` });
  }
  if (anyPseudo)
    ops.push({
      op: 'log',
      text: 'GICv3: Pseudo-NMIs enabled using relaxed ICC_PMR_EL1 synchronisation',
    });
  if (plan.eoiMode === 1) ops.push({ op: 'log', text: 'GIC: Using split EOI/Deactivate mode' });
  return ops;
}

/** Per-PE bring-up: arch priority masking, Redistributor wake, SGI/PPI config, CPU interface. */
export function cpuInit(plan: GuestPlan, pe: number, probeGroup0: boolean): Op[] {
  const aff = plan.affinity[pe] ?? { aff0: pe, aff1: 0, aff2: 0, aff3: 0 };
  const ops: Op[] = [];
  if (plan.nmi === 'pseudo') {
    // init_gic_priority_masking runs from the CPU feature code before the GIC driver.
    ops.push({
      op: 'sysreg-write',
      name: 'ICC_PMR_EL1',
      value: plan.pmrIrqOn | plan.values.psrISet,
    });
  }
  ops.push(
    { op: 'redist-rmw', offset: GICR.WAKER, clear: GICR_WAKER_PROCESSOR_SLEEP, set: 0 },
    { op: 'poll-redist', offset: GICR.WAKER, mask: GICR_WAKER_CHILDREN_ASLEEP },
    {
      op: 'log',
      text: `GICv3: CPU${pe}: found redistributor ${((aff.aff3 << 24) | (aff.aff2 << 16) | (aff.aff1 << 8) | aff.aff0).toString(16)}`,
    },
    { op: 'redist-write', offset: GICR.IGROUPR0, value: ALL, size: 4 },
    { op: 'redist-write', offset: GICR.ICACTIVER0, value: ALL, size: 4 },
    { op: 'redist-write', offset: GICR.ICENABLER0, value: ALL, size: 4 },
  );
  const prio = repeatByte(plan.irqPriority);
  for (let i = 0; i < 32; i += 4)
    ops.push({ op: 'redist-write', offset: GICR.IPRIORITYR + i, value: prio, size: 4 });
  ops.push({ op: 'poll-redist', offset: GICR.CTLR, mask: GICR_CTLR_RWP });
  // gic_enable_sre: SRE is already set (EL2/EL3 enabled it), so the driver only reads it.
  ops.push({ op: 'sysreg-read', name: 'ICC_SRE_EL1', into: 'sre' });
  if (probeGroup0) {
    // gic_has_group0: a value only the Secure/DS=1 view keeps (reference §5.4).
    ops.push({ op: 'sysreg-read', name: 'ICC_PMR_EL1', into: 'pmr' });
    ops.push({ op: 'sysreg-write', name: 'ICC_PMR_EL1', value: 1 << (8 - plan.priorityBits) });
    ops.push({ op: 'sysreg-read', name: 'ICC_PMR_EL1', into: 'probe' });
    ops.push({ op: 'sysreg-write', name: 'ICC_PMR_EL1', value: { var: 'pmr' } });
  }
  if (plan.nmi !== 'pseudo')
    ops.push({ op: 'sysreg-write', name: 'ICC_PMR_EL1', value: plan.pmrDefault });
  ops.push({ op: 'sysreg-write', name: 'ICC_BPR1_EL1', value: 0 });
  ops.push({
    op: 'sysreg-write',
    name: 'ICC_CTLR_EL1',
    value: plan.eoiMode === 1 ? ICC_CTLR_EOIMODE : 0,
  });
  const group0 = plan.security !== 'ds0-fiq1';
  const aprs = plan.priorityBits >= 7 ? 4 : plan.priorityBits === 6 ? 2 : 1;
  if (group0)
    for (let n = aprs - 1; n >= 0; n--)
      ops.push({ op: 'sysreg-write', name: `ICC_AP0R${n}_EL1` as 'ICC_AP0R0_EL1', value: 0 });
  for (let n = aprs - 1; n >= 0; n--)
    ops.push({ op: 'sysreg-write', name: `ICC_AP1R${n}_EL1` as 'ICC_AP1R0_EL1', value: 0 });
  ops.push({ op: 'sysreg-write', name: 'ICC_IGRPEN1_EL1', value: 1 });
  if (plan.nmi === 'architected') ops.push({ op: 'set-sctlr-nmi', value: true });
  return ops;
}

/** local_daif_restore(DAIF_PROCCTX) at the end of bring-up: interrupts on. */
export function enableInterrupts(plan: GuestPlan): Op[] {
  const ops: Op[] = [];
  if (plan.nmi === 'pseudo')
    ops.push({ op: 'sysreg-write', name: 'ICC_PMR_EL1', value: plan.pmrIrqOn });
  if (plan.nmi === 'architected') ops.push({ op: 'allint', value: false });
  ops.push({ op: 'daif', set: false });
  return ops;
}
