import { blocked, notApplicable, passed, priorityRegister, type Gate } from './gate-context.ts';
import { hex2 } from './hex.ts';
import { cpuGroupEnable, groupLabel, groupPriorityMask, IDLE_PRIORITY } from './priority.ts';

export const cpuGroupGate: Gate = (ctx) => {
  const group = groupLabel(ctx.irq.group, ctx.ds);
  if (!ctx.cpu || ctx.pe === null)
    return notApplicable(`${group} enabled at the CPU interface`, 'no target PE');
  const { enabled, register } = cpuGroupEnable(ctx.cpu, ctx.irq.group);
  const check = `${group} enabled at CPU interface ${ctx.pe} (${register})`;
  if (enabled) return passed(check, `${register}.Enable=1 on PE ${ctx.pe}`);
  return blocked(
    check,
    `${register}.Enable=0 on PE ${ctx.pe}: the CPU interface ignores ${group}`,
    `write 1 to ${register} on PE ${ctx.pe}`,
    `${group} is disabled at CPU interface ${ctx.pe} (${register}=0)`,
  );
};

export const pmrGate: Gate = (ctx) => {
  const check = 'Priority below the priority mask (ICC_PMR_EL1)';
  if (!ctx.cpu || ctx.pe === null) return notApplicable(check, 'no target PE');
  const pmr = ctx.cpu.pmr;
  const prio = ctx.priority;
  if (ctx.superpriority) {
    // QEMU icc_hppi_can_preempt: a Non-secure NMI with DS=0 is masked by a Secure-half PMR (§6)
    if (!ctx.ds && ctx.irq.group === 'G1NS' && pmr < 0x80)
      return blocked(
        check,
        `NMI (superpriority ${hex2(prio)}) is masked: PMR ${hex2(pmr)} is in the Secure half (< 0x80)`,
        `write a PMR ≥ 0x80 to ICC_PMR_EL1 on PE ${ctx.pe}`,
        `${ctx.name} (NMI) is masked by PMR ${hex2(pmr)} on PE ${ctx.pe}`,
      );
    return passed(check, `non-maskable: superpriority ignores PMR ${hex2(pmr)}`);
  }
  const pseudo = ctx.pseudoNmi;
  const irqOff =
    pseudo.enabled && pseudo.irqOffPmr === pmr
      ? ' (PMR = GIC_PRIO_IRQOFF: the guest runs with interrupts disabled)'
      : '';
  if (prio < pmr) {
    const isPseudoNmi =
      pseudo.enabled && pseudo.nmiPriority !== null && prio === pseudo.nmiPriority;
    return passed(
      check,
      `priority ${hex2(prio)} < PMR ${hex2(pmr)}${isPseudoNmi ? ': a pseudo-NMI passes the IRQ mask' : ''}`,
    );
  }
  const fix =
    pmr === 0
      ? `write ICC_PMR_EL1 on PE ${ctx.pe}: PMR 0x00 masks every interrupt (Linux writes 0xF0, or 0xE0 with pseudo-NMIs)`
      : `write a PMR above ${hex2(prio)} to ICC_PMR_EL1 on PE ${ctx.pe}, or give ${ctx.name} a priority below ${hex2(pmr)} (${priorityRegister(ctx.irq.intid)})`;
  return blocked(
    check,
    `priority ${hex2(prio)} is not < PMR ${hex2(pmr)}: masked by PMR${irqOff}`,
    fix,
    `${ctx.name} is masked by PMR on PE ${ctx.pe} (priority ${hex2(prio)} is not < PMR ${hex2(pmr)})`,
  );
};

export const runningPriorityGate: Gate = (ctx) => {
  const check = 'Group priority above the running priority (ICC_RPR_EL1)';
  if (!ctx.cpu || ctx.pe === null) return notApplicable(check, 'no target PE');
  const cpu = ctx.cpu;
  const rpr = cpu.runningPriority;
  const mask = groupPriorityMask(cpu, ctx.irq.group);
  const eoir = ctx.irq.group === 'G0' ? 'ICC_EOIR0_EL1' : 'ICC_EOIR1_EL1';
  if (ctx.superpriority) {
    const nmiActive =
      ctx.irq.group === 'G1S' ? cpu.activePriorities.nmiS : cpu.activePriorities.nmiNs;
    if (nmiActive)
      return blocked(
        check,
        'an NMI is already active (ICC_AP1R0_EL1.NMI=1): NMIs do not nest',
        `the running NMI handler writes ${eoir} (priority drop)`,
        `${ctx.name} (NMI) waits: another NMI is running on PE ${ctx.pe}`,
      );
    if (ctx.priority <= (rpr & mask) || rpr === IDLE_PRIORITY)
      return passed(
        check,
        `superpriority ${hex2(ctx.priority)} preempts running priority ${hex2(rpr)}`,
      );
  }
  if (rpr === IDLE_PRIORITY)
    return passed(check, 'nothing is active: running priority 0xFF (idle)');
  const gp = ctx.priority & mask;
  const running = rpr & mask;
  if (gp < running)
    return passed(
      check,
      `group priority ${hex2(gp)} < running priority ${hex2(running)} (binary point mask ${hex2(mask)}): it preempts`,
    );
  return blocked(
    check,
    `group priority ${hex2(gp)} is not < running priority ${hex2(running)} (binary point mask ${hex2(mask)}): waits for the running handler`,
    `the running handler's ${eoir} write (priority drop) lets it in`,
    `${ctx.name} waits for the running priority ${hex2(rpr)} on PE ${ctx.pe} to drop`,
  );
};
