import type { Gic } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import {
  GICR_CTLR_FIELDS,
  GICR_TYPER_FIELDS,
  GICR_WAKER_FIELDS,
  ICFGR_OFFSET,
  IGROUPR,
  INMIR,
  IPRIORITYR_OFFSET,
  ISACTIVER,
  ISENABLER,
  ISPENDR,
  SGI_BASE,
  type FieldSpec,
} from './catalogue.ts';
import { registerView, warningsFor } from './decode.ts';
import { bitFamilyView, configView, priorityView, type FamilyPlace } from './families.ts';
import type { WarningEvent } from './input.ts';
import { wordAt } from './words.ts';

const ctlrMeaning = (field: FieldSpec, v: number): string | null => {
  const group: Readonly<Record<string, string>> = {
    DPG0: 'Group 0',
    DPG1NS: 'Non-secure Group 1',
    DPG1S: 'Secure Group 1',
  };
  const g = group[field.name];
  return g ? `${g} 1-of-N: ${v ? 'not participating' : 'participating'}` : null;
};

const wakerMeaning = (field: FieldSpec, v: number): string | null => {
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
  const waker = (r.processorSleep ? 2n : 0n) | (r.childrenAsleep ? 4n : 0n);
  const rd = (name: string, offset: number, width: 32 | 64, access: 'RW' | 'RO') => ({
    name,
    block: 'redistributor' as const,
    offset,
    width,
    access,
  });
  const out: RegisterValueView[] = [
    // GICR_CTLR and GICR_TYPER have no read side effects; the engine discards the read events
    registerView(
      rd('GICR_CTLR', 0x0, 32, 'RW'),
      gic.readRedistributor(pe, 0x0, 4),
      GICR_CTLR_FIELDS,
      ctlrMeaning,
      warnings('GICR_CTLR'),
    ),
    registerView(
      rd('GICR_TYPER', 0x8, 64, 'RO'),
      gic.readRedistributor(pe, 0x8, 8),
      GICR_TYPER_FIELDS,
      (field, v) => (field.name === 'Processor_Number' ? `PE ${v}` : null),
      warnings('GICR_TYPER'),
    ),
    registerView(
      rd('GICR_WAKER', 0x14, 32, 'RW'),
      waker,
      GICR_WAKER_FIELDS,
      wakerMeaning,
      warnings('GICR_WAKER'),
    ),
  ];
  const banked = intid !== null && intid < 32 ? intid : null;
  const word = wordAt(gic, 0, 32, pe);
  const at: FamilyPlace = {
    prefix: 'GICR_',
    block: 'redistributor',
    base: SGI_BASE,
    n: 0,
    first: 0,
    selected: banked,
    warnings,
  };
  for (const family of [IGROUPR, ISENABLER, ISPENDR, ISACTIVER])
    out.push(bitFamilyView(family, word, at));
  const n4 = Math.floor((banked ?? 0) / 4);
  out.push(
    priorityView(wordAt(gic, n4 * 4, 4, pe), { ...at, n: n4, first: n4 * 4 }, IPRIORITYR_OFFSET),
  );
  out.push(configView(wordAt(gic, 0, 16, pe), at, ICFGR_OFFSET));
  out.push(configView(wordAt(gic, 16, 16, pe), { ...at, n: 1, first: 16 }, ICFGR_OFFSET));
  if (gic.config.nmi) out.push(bitFamilyView(INMIR, word, at));
  return out;
}
