import { describe, expect, it } from 'vitest';
import {
  CPU_INTERFACE_REGISTERS,
  DISTRIBUTOR_REGISTERS,
  REDISTRIBUTOR_REGISTERS,
  SYSREG_NAMES,
  findDistributorRegister,
  findRedistributorRegister,
} from '../index.ts';
import type { RegisterSpec } from './types.ts';

function overlaps(specs: readonly RegisterSpec[]): string[] {
  const out: string[] = [];
  for (const a of specs) {
    for (const b of specs) {
      if (a === b || a.frame !== b.frame) continue;
      const aEnd = a.offset + a.count * a.stride;
      if (b.offset >= a.offset && b.offset < aEnd) out.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return out;
}

describe('register catalogue', () => {
  it('no two MMIO registers of a frame overlap', () => {
    expect(overlaps([...DISTRIBUTOR_REGISTERS, ...REDISTRIBUTOR_REGISTERS])).toEqual([]);
  });

  it('every field lies inside its register width and is named', () => {
    const bad = [...DISTRIBUTOR_REGISTERS, ...REDISTRIBUTOR_REGISTERS, ...CPU_INTERFACE_REGISTERS]
      .flatMap((r) =>
        [...r.fields, ...Object.values(('views' in r && r.views) || {}).flat()].map(
          (fl) => [r, fl] as const,
        ),
      )
      .filter(([r, fl]) => fl.hi >= r.width || fl.lo > fl.hi || fl.name === '')
      .map(([r, fl]) => `${r.name}.${fl.name}`);
    expect(bad).toEqual([]);
  });

  it('per-INTID fields repeat once per INTID, named with <x> as IHI 0069 names them', () => {
    const arrays = [...DISTRIBUTOR_REGISTERS, ...REDISTRIBUTOR_REGISTERS].filter(
      (r) => r.perIntId && r.perIntId.bitsPerIntId < 64,
    );
    const bad = arrays
      .filter((r) => r.fields.length !== 1 || r.fields[0].repeat !== r.perIntId?.bitsPerIntId)
      .map((r) => r.name);
    expect(bad).toEqual([]);
    const repeated = [...arrays, ...CPU_INTERFACE_REGISTERS].flatMap((r) =>
      r.fields.filter((fl) => fl.repeat !== undefined),
    );
    expect(
      repeated.filter((fl) => !fl.name.includes('<x>') || (fl.hi - fl.lo + 1) % (fl.repeat ?? 1)),
    ).toEqual([]);
    const field = (name: string) =>
      [...DISTRIBUTOR_REGISTERS, ...REDISTRIBUTOR_REGISTERS].find((r) => r.name === name)?.fields[0]
        .name;
    expect(field('GICD_ICENABLER<n>')).toBe('Clear_enable_bit<x>');
    expect(field('GICR_ICFGR1')).toBe('Int_config<x>');
    expect(field('GICR_IPRIORITYR<n>')).toBe('Priority_offset_<x>B');
  });

  it('every system register name the model accepts has a catalogue entry, with unique encodings', () => {
    expect(CPU_INTERFACE_REGISTERS.map((r) => r.name).sort()).toEqual([...SYSREG_NAMES].sort());
    const encodings = CPU_INTERFACE_REGISTERS.map((r) => JSON.stringify(r.encoding));
    expect(new Set(encodings).size).toBe(encodings.length);
  });

  it.each([
    [0x0, 'GICD_CTLR'],
    [0x104, 'GICD_ISENABLER1'],
    [0x423, 'GICD_IPRIORITYR8'],
    [0x6100, 'GICD_IROUTER32'],
    [0x6104, 'GICD_IROUTER32_hi'],
    [0xffe8, 'GICD_PIDR2'],
    [0x20, null],
  ])('Distributor offset %i › %s', (offset, name) => {
    expect(findDistributorRegister(offset)?.name ?? null).toBe(name);
  });

  it.each([
    [0x14, 'GICR_WAKER'],
    [0xc, 'GICR_TYPER_hi'],
    [0x10418, 'GICR_IPRIORITYR6'],
    [0x10c04, 'GICR_ICFGR1'],
    [0x10f80, 'GICR_INMIR0'],
    [0x40, 'GICR_SETLPIR'],
    [0x50, null],
  ])('Redistributor offset %i › %s', (offset, name) => {
    expect(findRedistributorRegister(offset)?.name ?? null).toBe(name);
  });
});
