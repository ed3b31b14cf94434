import type { RegisterField } from '../../arch/index.ts';
import type { Gic } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import { mmio, mmioHolding } from './catalogue.ts';
import { compose, registerView, warningsFor } from './decode.ts';
import { BIT_FAMILIES, CONFIG, NMI, PRIORITY, familyView, type FamilyPlace } from './families.ts';
import type { WarningEvent } from './input.ts';

const ctlrMeaning = (field: RegisterField, v: number): string | null => {
  const group: Readonly<Record<string, string>> = {
    DPG0: 'Group 0',
    DPG1NS: 'Non-secure Group 1',
    DPG1S: 'Secure Group 1',
  };
  const g = group[field.name];
  return g ? `${g} 1-of-N: ${v ? 'not participating' : 'participating'}` : null;
};

const wakerMeaning = (field: RegisterField, v: number): string | null => {
  if (field.name === 'ProcessorSleep')
    return v ? 'asleep: interrupts are not forwarded to the CPU interface' : 'awake';
  if (field.name === 'ChildrenAsleep') return v ? 'CPU interface quiescent' : 'CPU interface on';
  return null;
};

/** The selected PE's Redistributor: RD_base control registers, then SGI_base for its SGIs/PPIs. */
export function redistributorPanel(
  gic: Gic,
  pe: number,
  intid: number | null,
  recent: readonly WarningEvent[],
): RegisterValueView[] {
  const warnings = (name: string) => warningsFor(recent, name, pe);
  const r = gic.redistributor(pe);
  const waker = mmio('GICR_WAKER');
  const ctlr = mmio('GICR_CTLR');
  const typer = mmio('GICR_TYPER');
  const out: RegisterValueView[] = [
    // GICR_CTLR and GICR_TYPER have no read side effects; the engine discards the read events
    registerView(ctlr, gic.peekRedistributor(pe, ctlr.offset, 4), ctlrMeaning, warnings(ctlr.name)),
    registerView(
      typer,
      gic.peekRedistributor(pe, typer.offset, 8),
      (field, v) => (field.name === 'Processor_Number' ? `PE ${v}` : null),
      warnings(typer.name),
    ),
    registerView(
      waker,
      compose(waker, { ProcessorSleep: r.processorSleep, ChildrenAsleep: r.childrenAsleep }),
      wakerMeaning,
      warnings(waker.name),
    ),
  ];
  const banked = intid !== null && intid < 32 ? intid : null;
  const at: FamilyPlace = { pe, selected: banked, warnings };
  for (const [stem, reading] of BIT_FAMILIES)
    out.push(familyView(gic, mmio(`GICR_${stem}0`), reading, at));
  out.push(familyView(gic, mmioHolding('GICR_IPRIORITYR<n>', banked ?? 0), PRIORITY, at));
  out.push(familyView(gic, mmio('GICR_ICFGR0'), CONFIG, at));
  out.push(familyView(gic, mmio('GICR_ICFGR1'), CONFIG, at));
  if (gic.config.nmi) out.push(familyView(gic, mmio('GICR_INMIR0'), NMI, at));
  return out;
}
