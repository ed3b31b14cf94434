import { bitRegister, blocked, notApplicable, passed, type Gate } from './gate-context.ts';
import { hex2 } from './hex.ts';
import { signalLine } from './priority.ts';

const bit = (on: boolean) => (on ? 1 : 0);

export const peMaskGate: Gate = (ctx) => {
  if (!ctx.cpu || ctx.pe === null || !ctx.masks)
    return notApplicable('PE masks (PSTATE.I/F/ALLINT)', 'no target PE');
  const { masks, cpu, pe } = ctx;
  if (ctx.superpriority) {
    const check = `PE ${pe} takes the NMI (PSTATE.ALLINT, SCTLR_EL1.NMI)`;
    if (cpu.sctlrNmi) {
      if (masks.allint)
        return blocked(
          check,
          'PSTATE.ALLINT=1 masks superpriority interrupts (SCTLR_EL1.NMI=1)',
          `PE ${pe} clears ALLINT (MSR ALLINT, #0) or returns from the exception`,
          `${ctx.name} (NMI) is masked by PSTATE.ALLINT on PE ${pe}`,
        );
      return passed(
        check,
        `SCTLR_EL1.NMI=1 and ALLINT=0: PSTATE.I=${bit(masks.i)} does not mask it; ICC_IAR1_EL1 returns 1022, ICC_NMIAR1_EL1 acknowledges it`,
      );
    }
    if (masks.i)
      return blocked(
        check,
        'SCTLR_EL1.NMI=0: to the PE the NMI is an ordinary IRQ, masked by PSTATE.I=1',
        `set SCTLR_EL1.NMI (FEAT_NMI) on PE ${pe}, or PE ${pe} clears PSTATE.I`,
        `${ctx.name} (NMI) is masked by PSTATE.I on PE ${pe}: SCTLR_EL1.NMI=0`,
      );
    return passed(check, 'SCTLR_EL1.NMI=0: taken as an ordinary IRQ; PSTATE.I=0');
  }
  const line = signalLine(cpu, ctx.ds, ctx.irq.group);
  const flag = line === 'fiq' ? 'F' : 'I';
  const masked = line === 'fiq' ? masks.f : masks.i;
  const check = `PE ${pe} takes the ${line.toUpperCase()} (PSTATE.${flag})`;
  if (!masked) return passed(check, `PSTATE.${flag}=0`);
  const pseudo =
    ctx.pseudoNmi.enabled && line === 'irq'
      ? ' (with pseudo-NMIs Linux masks with PMR; PSTATE.I=1 means exception entry or an NMI handler, which blocks pseudo-NMIs too)'
      : '';
  return blocked(
    check,
    `PSTATE.${flag}=1 on PE ${pe}: the ${line.toUpperCase()} is masked${pseudo}`,
    `PE ${pe} clears PSTATE.${flag} (MSR DAIFClr, or the handler returns)`,
    `${ctx.name} is masked by PSTATE.${flag} on PE ${pe}`,
  );
};

export const notActiveGate: Gate = (ctx) => {
  const check = 'Not already active';
  if (!ctx.irq.active) return passed(check, `${ctx.name} is not active`);
  const on = ctx.irq.activeOn !== null ? ` on PE ${ctx.irq.activeOn}` : '';
  const split = ctx.cpu?.eoiModeNs ?? false;
  return blocked(
    check,
    `${ctx.name} is already active${on}: it is signalled again only after deactivation`,
    `its handler writes ${split ? 'ICC_DIR_EL1 (EOImode=1)' : ctx.irq.group === 'G0' ? 'ICC_EOIR0_EL1' : 'ICC_EOIR1_EL1'} with INTID ${ctx.irq.intid}`,
    `${ctx.name} is already active${on}`,
  );
};

export const pendingGate: Gate = (ctx) => {
  const check = 'Pending';
  if (ctx.irq.pending) {
    const why = ctx.irq.latch ? 'latched' : 'its level-sensitive line is high';
    return passed(check, `${ctx.name} is pending (${why})`);
  }
  const line =
    ctx.irq.trigger === 'level' ? 'its level-sensitive line is low' : 'no edge has arrived';
  return blocked(
    check,
    `${ctx.name} is not pending: ${line} and no ISPENDR write latched it`,
    `raise its device line, or write 1 to ${bitRegister('ISPENDR', ctx.irq.intid)}`,
    `${ctx.name} is not pending: nothing raised it`,
  );
};

export const firstInLineGate: Gate = (ctx) => {
  const check = 'Highest priority pending at its CPU interface (HPPI)';
  if (!ctx.cpu || ctx.pe === null) return notApplicable(check, 'no target PE');
  const hppi = ctx.cpu.hppi;
  if (hppi === null || hppi.intid === ctx.irq.intid)
    return passed(
      check,
      hppi ? `${ctx.name} is the HPPI of PE ${ctx.pe}` : 'no other interrupt is ahead',
    );
  return blocked(
    check,
    `INTID ${hppi.intid} (priority ${hex2(hppi.priority)}) is ahead of it at PE ${ctx.pe}`,
    null,
    `${ctx.name} waits behind INTID ${hppi.intid} on PE ${ctx.pe}`,
  );
};
