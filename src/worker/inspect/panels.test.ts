import { describe, expect, it } from 'vitest';
import type { GicEvent } from '../../gic/index.ts';
import { buildInspection } from './index.ts';
import { inputFor, linuxLikeGic, spi } from './testing.ts';

const byName = <T extends { readonly name: string }>(list: readonly T[], name: string) =>
  list.find((r) => r.name === name);

describe('register panels generated from the register table', () => {
  it('GICD: the word holding the selected SPI, each field decoded by name', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    const view = buildInspection(inputFor(gic, 1, 40));
    const ctlr = byName(view.distributor, 'GICD_CTLR');
    expect(ctlr?.fields.filter((f) => f.value).map((f) => f.name)).toEqual([
      'EnableGrp1',
      'ARE',
      'DS',
    ]);
    const isenabler = byName(view.distributor, 'GICD_ISENABLER1');
    expect(isenabler).toMatchObject({ offset: 0x104, access: 'W1S', value: '0x00000100' });
    expect(isenabler?.fields).toContainEqual({
      name: 'Set_enable_bit8',
      bits: [8, 8],
      value: 1,
      meaning: 'SPI 40 enabled',
    });
    expect(byName(view.distributor, 'GICD_IPRIORITYR10')?.fields[0].meaning).toBe(
      'SPI 40 priority 0xA0',
    );
    expect(byName(view.distributor, 'GICD_IROUTER40')?.fields).toContainEqual(
      expect.objectContaining({ name: 'Interrupt_Routing_Mode', meaning: 'targeted: PE 1' }),
    );
  });

  it('clear-type registers sit next to their set-type ones, so a panel write disables', () => {
    const gic = linuxLikeGic();
    spi(gic, 40);
    const names = buildInspection(inputFor(gic, 1, 40)).distributor.map((r) => r.name);
    expect(
      names.slice(names.indexOf('GICD_ISENABLER1'), names.indexOf('GICD_IPRIORITYR10')),
    ).toEqual([
      'GICD_ISENABLER1',
      'GICD_ICENABLER1',
      'GICD_ISPENDR1',
      'GICD_ICPENDR1',
      'GICD_ISACTIVER1',
      'GICD_ICACTIVER1',
    ]);
    const icenabler = byName(buildInspection(inputFor(gic, 1, 40)).distributor, 'GICD_ICENABLER1');
    expect(icenabler).toMatchObject({ offset: 0x184, access: 'W1C', value: '0x00000100' });
    expect(icenabler?.fields).toContainEqual({
      name: 'Clear_enable_bit8',
      bits: [8, 8],
      value: 1,
      meaning: 'SPI 40 enabled',
    });
    gic.writeDistributor(icenabler?.offset ?? -1, 1 << 8, 4);
    expect(gic.interrupt(40).enabled).toBe(false);
    const gicr = buildInspection(inputFor(gic, 1, 27)).redistributor;
    expect(byName(gicr, 'GICR_ICENABLER0')).toMatchObject({ offset: 0x10180, access: 'W1C' });
    expect(byName(gicr, 'GICR_ICACTIVER0')?.offset).toBe(0x10380);
  });

  it('GICR: RD_base and SGI_base registers of the selected PE', () => {
    const gic = linuxLikeGic();
    gic.writeRedistributor(1, 0x14, 2, 4);
    const view = buildInspection(inputFor(gic, 1, 27));
    expect(byName(view.redistributor, 'GICR_WAKER')?.fields[0]).toMatchObject({
      name: 'ProcessorSleep',
      value: 1,
    });
    expect(byName(view.redistributor, 'GICR_TYPER')?.fields).toContainEqual(
      expect.objectContaining({ name: 'Processor_Number', value: 1 }),
    );
    expect(byName(view.redistributor, 'GICR_IPRIORITYR6')?.offset).toBe(0x10418);
    expect(byName(view.redistributor, 'GICR_ISENABLER0')?.offset).toBe(0x10100);
  });

  it('ICC: acknowledge registers have no value and viewing never acknowledges', () => {
    const gic = linuxLikeGic({ nmi: true });
    spi(gic, 40);
    const seen: GicEvent['kind'][] = [];
    gic.subscribe((e) => seen.push(e.kind));
    const view = buildInspection(inputFor(gic, 1, 40));
    expect(byName(view.cpuInterface, 'ICC_IAR1_EL1')?.value).toBeNull();
    expect(byName(view.cpuInterface, 'ICC_NMIAR1_EL1')?.value).toBeNull();
    expect(byName(view.cpuInterface, 'ICC_HPPIR1_EL1')?.fields[0].value).toBe(40);
    expect(byName(view.cpuInterface, 'ICC_PMR_EL1')?.value).toBe('0x00000000000000F0');
    expect(gic.interrupt(40).state).toBe('pending');
    expect(seen.filter((k) => k !== 'register-read')).toEqual([]);
  });

  it('ICC_AP1R0_EL1 shows the active group-priority level after an acknowledge', () => {
    const gic = linuxLikeGic();
    spi(gic, 40, { priority: 0x80 });
    gic.readSysreg(1, 'ICC_IAR1_EL1');
    const view = buildInspection(inputFor(gic, 1, 40));
    const ap1r0 = byName(view.cpuInterface, 'ICC_AP1R0_EL1');
    expect(ap1r0?.fields.map((f) => f.meaning)).toEqual(['group priority 0x80 active']);
    expect(byName(view.cpuInterface, 'ICC_RPR_EL1')?.fields[0].meaning).toBe('running at 0x80');
  });

  it('a warning shows next to the register it concerns', () => {
    const gic = linuxLikeGic();
    const warnings: Extract<GicEvent, { kind: 'warning' }>[] = [];
    gic.subscribe((e) => {
      if (e.kind === 'warning') warnings.push(e);
    });
    gic.writeDistributor(0x6000 + 8 * 40, 7, 8);
    const view = buildInspection({ ...inputFor(gic, 1, 40), recentWarnings: warnings });
    expect(byName(view.distributor, 'GICD_IROUTER40')?.warnings[0]).toMatch(/^irouter-no-pe/);
  });
});
