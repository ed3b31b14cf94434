import type { Gic } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import {
  GICD_CTLR_DS1,
  GICD_CTLR_SECURE,
  GICD_IIDR_FIELDS,
  GICD_IROUTER_FIELDS,
  GICD_TYPER_FIELDS,
  ICFGR_OFFSET,
  IGROUPR,
  INMIR,
  IPRIORITYR_OFFSET,
  IROUTER_OFFSET,
  ISACTIVER,
  ISENABLER,
  ISPENDR,
  type FieldSpec,
} from './catalogue.ts';
import { noMeaning, registerView, warningsFor } from './decode.ts';
import { bitFamilyView, configView, priorityView, type FamilyPlace } from './families.ts';
import type { WarningEvent } from './input.ts';
import { wordAt } from './words.ts';

/** GICD_CTLR from the Distributor view: the Secure view with DS=0, the only view with DS=1. */
function ctlrValue(gic: Gic): bigint {
  const d = gic.distributor();
  const bit = (on: boolean, n: number) => (on ? 1n << BigInt(n) : 0n);
  if (d.ds) return bit(d.enableGrp0, 0) | bit(d.enableGrp1Ns, 1) | bit(d.are, 4) | (1n << 6n);
  return (
    bit(d.enableGrp0, 0) |
    bit(d.enableGrp1Ns, 1) |
    bit(d.enableGrp1S, 2) |
    bit(d.are, 4) |
    bit(d.are, 5)
  );
}

const ctlrMeaning = (field: FieldSpec, v: number): string | null => {
  const group: Readonly<Record<string, string>> = {
    EnableGrp0: 'Group 0',
    EnableGrp1: 'Group 1',
    EnableGrp1NS: 'Non-secure Group 1',
    EnableGrp1S: 'Secure Group 1',
  };
  const g = group[field.name];
  if (g) return `${g} ${v ? 'forwarded' : 'not forwarded'}`;
  if (field.name === 'DS') return v ? 'single security state' : 'two security states';
  return null;
};

const typerMeaning = (field: FieldSpec, v: number): string | null => {
  if (field.name === 'ITLinesNumber')
    return `INTIDs up to ${Math.min(32 * (v + 1) - 1, 1019)} (${Math.min(32 * v, 988)} SPIs)`;
  if (field.name === 'NMI') return v ? 'GICv3.3 NMIs supported' : 'no architected NMIs';
  if (field.name === 'No1N') return v ? '1-of-N routing not supported' : '1-of-N routing supported';
  return null;
};

/**
 * GICD registers: the control and ID registers, then each per-INTID family's word holding the
 * selected SPI (the first SPI word when an SGI/PPI or nothing is selected).
 */
export function distributorPanel(
  gic: Gic,
  intid: number | null,
  recent: readonly WarningEvent[],
): RegisterValueView[] {
  const warnings = (name: string) => warningsFor(recent, name, null);
  const d = gic.distributor();
  const spi = intid !== null && intid >= 32 && intid <= gic.config.maxSpiIntId ? intid : 32;
  const out: RegisterValueView[] = [
    registerView(
      { name: 'GICD_CTLR', block: 'distributor', offset: 0, width: 32, access: 'RW' },
      ctlrValue(gic),
      d.ds ? GICD_CTLR_DS1 : GICD_CTLR_SECURE,
      ctlrMeaning,
      warnings('GICD_CTLR'),
    ),
    // ID registers have no read side effects; the engine discards the register-read events
    registerView(
      { name: 'GICD_TYPER', block: 'distributor', offset: 4, width: 32, access: 'RO' },
      gic.readDistributor(0x4, 4),
      GICD_TYPER_FIELDS,
      typerMeaning,
      warnings('GICD_TYPER'),
    ),
    registerView(
      { name: 'GICD_IIDR', block: 'distributor', offset: 8, width: 32, access: 'RO' },
      gic.readDistributor(0x8, 4),
      GICD_IIDR_FIELDS,
      noMeaning,
      warnings('GICD_IIDR'),
    ),
  ];
  const n32 = Math.floor(spi / 32);
  const bits = wordAt(gic, n32 * 32, 32, null);
  const at32: FamilyPlace = {
    prefix: 'GICD_',
    block: 'distributor',
    base: 0,
    n: n32,
    first: n32 * 32,
    selected: intid,
    warnings,
  };
  for (const family of [IGROUPR, ISENABLER, ISPENDR, ISACTIVER])
    out.push(bitFamilyView(family, bits, at32));
  const n4 = Math.floor(spi / 4);
  out.push(
    priorityView(
      wordAt(gic, n4 * 4, 4, null),
      { ...at32, n: n4, first: n4 * 4 },
      IPRIORITYR_OFFSET,
    ),
  );
  const n16 = Math.floor(spi / 16);
  out.push(
    configView(wordAt(gic, n16 * 16, 16, null), { ...at32, n: n16, first: n16 * 16 }, ICFGR_OFFSET),
  );
  out.push(irouterView(gic, spi, warnings));
  if (gic.config.nmi) out.push(bitFamilyView(INMIR, bits, at32));
  return out;
}

function irouterView(
  gic: Gic,
  spi: number,
  warnings: (name: string) => readonly string[],
): RegisterValueView {
  const name = `GICD_IROUTER${spi}`;
  const route = gic.interrupt(spi).route;
  const value = route ? BigInt(route.irouter) : 0n;
  const target = route?.targetPe ?? null;
  return registerView(
    { name, block: 'distributor', offset: IROUTER_OFFSET + 8 * spi, width: 64, access: 'RW' },
    value,
    GICD_IROUTER_FIELDS,
    (field, v) => {
      if (field.name !== 'Interrupt_Routing_Mode') return null;
      if (v) return target === null ? '1-of-N: no participating PE' : `1-of-N: now PE ${target}`;
      return target === null ? 'targeted: no PE has this affinity' : `targeted: PE ${target}`;
    },
    warnings(name),
  );
}
