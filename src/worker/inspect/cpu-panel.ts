import type { Gic } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import {
  ACKNOWLEDGE_REGISTERS,
  ICC_BPR0,
  ICC_BPR1,
  ICC_CTLR,
  ICC_HPPIR0,
  ICC_HPPIR1,
  ICC_IGRPEN0,
  ICC_IGRPEN1,
  ICC_NMIAR1,
  ICC_PMR,
  ICC_RPR,
  ICC_SRE,
  WRITE_ONLY_SYSREGS,
  type FieldSpec,
  type SysregSpec,
} from './catalogue.ts';
import { noMeaning, registerView, warningsFor, type Meaning } from './decode.ts';
import { hex2 } from './hex.ts';
import type { WarningEvent } from './input.ts';
import { groupPriorityMask } from './priority.ts';

/** Number of ICC_AP0R<n>/AP1R<n> registers for the preemption bits (reference §4.4). */
const aprCount = (preemptionBits: number) =>
  preemptionBits >= 7 ? 4 : preemptionBits === 6 ? 2 : 1;

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
    spec: SysregSpec,
    value: bigint | null,
    meaning: Meaning = noMeaning,
    fields = spec.fields,
  ) =>
    registerView(
      { name: spec.name, block: 'sysreg', offset: null, width: spec.width, access: spec.access },
      value,
      fields,
      meaning,
      warningsFor(recent, spec.name, pe),
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
  const out: RegisterValueView[] = [
    view(
      ICC_PMR,
      BigInt(cpu.pmr),
      (_f, v) => `priorities below ${hex2(v)} pass (lower value = higher)`,
    ),
    view(
      ICC_RPR,
      BigInt(cpu.runningPriority) | (cpu.runningNmi ? 1n << 63n : 0n),
      rprMeaning,
      rprFields(config.nmi),
    ),
    view(ICC_BPR0, BigInt(cpu.bpr0), maskMeaning(groupPriorityMask(cpu, 'G0'))),
    view(ICC_BPR1, BigInt(bpr1), maskMeaning(groupPriorityMask(cpu, 'G1NS'))),
    view(ICC_CTLR, gic.readSysreg(pe, ICC_CTLR.name), ctlrMeaning),
    view(ICC_IGRPEN0, cpu.igrpen0 ? 1n : 0n, enableMeaning('Group 0')),
    view(ICC_IGRPEN1, cpu.igrpen1Ns ? 1n : 0n, enableMeaning('Group 1')),
    view(ICC_HPPIR0, gic.readSysreg(pe, ICC_HPPIR0.name), intidMeaning),
    view(ICC_HPPIR1, gic.readSysreg(pe, ICC_HPPIR1.name), intidMeaning),
  ];
  const shift = 8 - config.preemptionBits;
  const aprMeaning =
    (regno: number): Meaning =>
    (field, v) => {
      if (field.name === 'NMI') return v ? 'an NMI is active' : null;
      return v
        ? `group priority ${hex2(((regno * 32 + field.bits[1]) << shift) & 0xff)} active`
        : null;
    };
  const { ap0r, ap1rNs, nmiNs } = cpu.activePriorities;
  for (let n = 0; n < aprCount(config.preemptionBits); n++) {
    const ap0 = BigInt(ap0r[n] ?? 0);
    out.push(view(aprSpec(`ICC_AP0R${n}_EL1`, false), ap0, aprMeaning(n), aprFields(ap0, false)));
    const nmiBit = n === 0 && config.nmi;
    const ap1 = BigInt(ap1rNs[n] ?? 0) | (nmiBit && nmiNs ? 1n << 63n : 0n);
    out.push(view(aprSpec(`ICC_AP1R${n}_EL1`, nmiBit), ap1, aprMeaning(n), aprFields(ap1, nmiBit)));
  }
  out.push(view(ICC_SRE, gic.readSysreg(pe, ICC_SRE.name)));
  for (const spec of ACKNOWLEDGE_REGISTERS) out.push(view(spec, null));
  if (config.nmi) out.push(view(ICC_NMIAR1, null));
  for (const spec of WRITE_ONLY_SYSREGS) out.push(view(spec, null));
  return out;
}

const rprFields = (nmi: boolean): readonly FieldSpec[] =>
  nmi ? ICC_RPR.fields : ICC_RPR.fields.filter((field) => field.bits[0] < 32);

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

const aprSpec = (name: string, nmiBit: boolean): SysregSpec => ({
  name,
  access: 'RW',
  width: 64,
  fields: nmiBit ? [{ name: 'NMI', bits: [63, 63] }] : [],
});

/** One field per set bit (P<x>), plus the NMI bit of AP1R0 when GICv3.3 NMIs exist. */
function aprFields(value: bigint, nmiBit: boolean): readonly FieldSpec[] {
  const fields: FieldSpec[] = [];
  for (let x = 0; x < 32; x++)
    if ((value >> BigInt(x)) & 1n) fields.push({ name: `P${x}`, bits: [x, x] });
  if (nmiBit) fields.push({ name: 'NMI', bits: [63, 63] });
  return fields;
}
