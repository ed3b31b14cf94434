import type { RegisterField } from '../../arch/index.ts';
import type { Gic } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import { mmio, mmioHolding } from './catalogue.ts';
import { compose, noMeaning, registerView, warningsFor } from './decode.ts';
import { BIT_FAMILIES, CONFIG, NMI, PRIORITY, familyView, type FamilyPlace } from './families.ts';
import type { WarningEvent } from './input.ts';

const ctlrMeaning = (field: RegisterField, v: number): string | null => {
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

const typerMeaning = (field: RegisterField, v: number): string | null => {
  if (field.name === 'ITLinesNumber')
    return `INTIDs up to ${Math.min(32 * (v + 1) - 1, 1019)} (${Math.min(32 * v, 988)} SPIs)`;
  if (field.name === 'NMI') return v ? 'GICv3.3 NMIs supported' : 'no architected NMIs';
  if (field.name === 'No1N') return v ? '1-of-N routing not supported' : '1-of-N routing supported';
  return null;
};

/** GICD_CTLR from the Distributor view: the Secure view with DS=0, the only view with DS=1. */
function ctlrView(gic: Gic, warnings: readonly string[]): RegisterValueView {
  const d = gic.distributor();
  const ctlr = mmio('GICD_CTLR', 0, d.ds ? 'single-security-state' : 'secure');
  const value: Readonly<Record<string, boolean>> = d.ds
    ? { EnableGrp0: d.enableGrp0, EnableGrp1: d.enableGrp1Ns, ARE: d.are, DS: true }
    : {
        EnableGrp0: d.enableGrp0,
        EnableGrp1NS: d.enableGrp1Ns,
        EnableGrp1S: d.enableGrp1S,
        ARE_S: d.are,
        ARE_NS: d.are,
      };
  return registerView(ctlr, compose(ctlr, value), ctlrMeaning, warnings);
}

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
  const spi = intid !== null && intid >= 32 && intid <= gic.config.maxSpiIntId ? intid : 32;
  const typer = mmio('GICD_TYPER');
  const iidr = mmio('GICD_IIDR');
  const out: RegisterValueView[] = [
    ctlrView(gic, warnings('GICD_CTLR')),
    // ID registers have no read side effects; the engine discards the register-read events
    registerView(typer, gic.peekDistributor(typer.offset, 4), typerMeaning, warnings(typer.name)),
    registerView(iidr, gic.peekDistributor(iidr.offset, 4), noMeaning, warnings(iidr.name)),
  ];
  const at: FamilyPlace = { pe: null, selected: intid, warnings };
  for (const [stem, reading] of BIT_FAMILIES)
    out.push(familyView(gic, mmioHolding(`GICD_${stem}<n>`, spi), reading, at));
  out.push(familyView(gic, mmioHolding('GICD_IPRIORITYR<n>', spi), PRIORITY, at));
  out.push(familyView(gic, mmioHolding('GICD_ICFGR<n>', spi), CONFIG, at));
  out.push(irouterView(gic, spi, warnings));
  if (gic.config.nmi) out.push(familyView(gic, mmioHolding('GICD_INMIR<n>', spi), NMI, at));
  return out;
}

function irouterView(
  gic: Gic,
  spi: number,
  warnings: (name: string) => readonly string[],
): RegisterValueView {
  const register = mmioHolding('GICD_IROUTER<n>', spi);
  const route = gic.interrupt(spi).route;
  const value = route ? BigInt(route.irouter) : 0n;
  const target = route?.targetPe ?? null;
  return registerView(
    register,
    value,
    (field, v) => {
      if (field.name !== 'Interrupt_Routing_Mode') return null;
      if (v) return target === null ? '1-of-N: no participating PE' : `1-of-N: now PE ${target}`;
      return target === null ? 'targeted: no PE has this affinity' : `targeted: PE ${target}`;
    },
    warnings(register.name),
  );
}
