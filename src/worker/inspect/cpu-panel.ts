import type { Gic } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import { sysreg, type PanelRegister } from './catalogue.ts';
import {
  compose,
  fieldValue,
  noMeaning,
  registerView,
  warningsFor,
  type Meaning,
} from './decode.ts';
import { hex2 } from './hex.ts';
import type { WarningEvent } from './input.ts';
import { groupPriorityMask } from './priority.ts';

/** Number of ICC_AP0R<n>/AP1R<n> registers for the preemption bits (reference §4.4). */
const aprCount = (preemptionBits: number) =>
  preemptionBits >= 7 ? 4 : preemptionBits === 6 ? 2 : 1;

/** Shown without a value: a read acknowledges (offered as an action instead), or write-only. */
const VALUELESS = [
  'ICC_IAR0_EL1',
  'ICC_IAR1_EL1',
  'ICC_NMIAR1_EL1',
  'ICC_EOIR0_EL1',
  'ICC_EOIR1_EL1',
  'ICC_DIR_EL1',
  'ICC_SGI0R_EL1',
  'ICC_SGI1R_EL1',
];

/**
 * The selected PE's ICC registers. Values come from the CPU interface view; HPPIR, CTLR and SRE
 * reads have no side effects. IAR0/IAR1/NMIAR1 acknowledge when read: their value is null.
 */
export function cpuPanel(
  gic: Gic,
  pe: number,
  recent: readonly WarningEvent[],
): RegisterValueView[] {
  const cpu = gic.cpuInterface(pe);
  const config = gic.config;
  const view = (
    register: PanelRegister,
    value: bigint | null,
    meaning: Meaning = noMeaning,
    fields = register.fields,
  ) =>
    registerView(
      register,
      register.unreadable ? null : value,
      meaning,
      warningsFor(recent, register.name, pe),
      fields,
    );
  const bpr1 = cpu.cbprNs ? Math.min(cpu.bpr0 + 1, 7) : cpu.bpr1Ns;
  const maskMeaning =
    (mask: number): Meaning =>
    () =>
      `group priority = bits set in ${hex2(mask)}`;
  const enableMeaning =
    (group: string): Meaning =>
    (_f, v) =>
      `${group} ${v ? 'enabled' : 'disabled'} at this CPU interface`;
  const intidMeaning: Meaning = (_f, v) => (v === 1023 ? 'none (1023)' : `INTID ${v}`);
  const rpr = sysreg('ICC_RPR_EL1');
  const out: RegisterValueView[] = [
    view(
      sysreg('ICC_PMR_EL1'),
      BigInt(cpu.pmr),
      (_f, v) => `priorities below ${hex2(v)} pass (lower value = higher)`,
    ),
    view(
      rpr,
      compose(rpr, { Priority: cpu.runningPriority, NMI: cpu.runningNmi }),
      rprMeaning,
      rpr.fields.filter((field) => config.nmi || field.hi < 32),
    ),
    view(sysreg('ICC_BPR0_EL1'), BigInt(cpu.bpr0), maskMeaning(groupPriorityMask(cpu, 'G0'))),
    view(sysreg('ICC_BPR1_EL1'), BigInt(bpr1), maskMeaning(groupPriorityMask(cpu, 'G1NS'))),
    view(sysreg('ICC_CTLR_EL1'), gic.peekSysreg(pe, 'ICC_CTLR_EL1'), ctlrMeaning),
    view(sysreg('ICC_IGRPEN0_EL1'), cpu.igrpen0 ? 1n : 0n, enableMeaning('Group 0')),
    view(sysreg('ICC_IGRPEN1_EL1'), cpu.igrpen1Ns ? 1n : 0n, enableMeaning('Group 1')),
    view(sysreg('ICC_HPPIR0_EL1'), gic.peekSysreg(pe, 'ICC_HPPIR0_EL1'), intidMeaning),
    view(sysreg('ICC_HPPIR1_EL1'), gic.peekSysreg(pe, 'ICC_HPPIR1_EL1'), intidMeaning),
  ];
  const shift = 8 - config.preemptionBits;
  const aprMeaning =
    (regno: number): Meaning =>
    (field, v) => {
      if (field.name === 'NMI') return v ? 'an NMI is active' : null;
      return v ? `group priority ${hex2(((regno * 32 + field.lo) << shift) & 0xff)} active` : null;
    };
  /** One field per set bit (P<x>), plus the NMI bit of AP1R0 when GICv3.3 NMIs exist (nmi set). */
  const apr = (name: string, regno: number, bits: number, nmi: boolean | null) => {
    const register = sysreg(name);
    const value = BigInt(bits) | (nmi ? compose(register, { NMI: true }) : 0n);
    const fields = register.fields.filter((field) =>
      field.name === 'NMI' ? nmi !== null : fieldValue(value, field) === 1,
    );
    return view(register, value, aprMeaning(regno), fields);
  };
  const { ap0r, ap1rNs, nmiNs } = cpu.activePriorities;
  for (let n = 0; n < aprCount(config.preemptionBits); n++) {
    out.push(apr(`ICC_AP0R${n}_EL1`, n, ap0r[n] ?? 0, null));
    out.push(apr(`ICC_AP1R${n}_EL1`, n, ap1rNs[n] ?? 0, n === 0 && config.nmi ? nmiNs : null));
  }
  out.push(view(sysreg('ICC_SRE_EL1'), gic.peekSysreg(pe, 'ICC_SRE_EL1')));
  for (const name of VALUELESS)
    if (config.nmi || name !== 'ICC_NMIAR1_EL1') out.push(view(sysreg(name), null));
  return out;
}

const rprMeaning: Meaning = (field, v) => {
  if (field.name === 'Priority')
    return v === 0xff ? 'idle: nothing active' : `running at ${hex2(v)}`;
  if (field.name === 'NMI') return v ? 'running an NMI' : null;
  return null;
};

const ctlrMeaning: Meaning = (field, v) => {
  if (field.name === 'EOImode')
    return v ? 'EOIR drops priority, DIR deactivates' : 'EOIR drops and deactivates';
  if (field.name === 'CBPR') return v ? 'Group 1 uses BPR0' : null;
  if (field.name === 'PRIbits') return `${v + 1} priority bits`;
  return null;
};
