import { describe, expect, it } from 'vitest';
import { createGic } from '../index.ts';
import { bootedGic, setUpSpi } from '../testing/setup.ts';
import { itsRig, mapCollections, mapDevice, pendTable, PROP } from '../testing/its-setup.ts';

const GICR_CTLR = 0x0;
const GICR_PROPBASER = 0x70;
const GICR_PENDBASER = 0x78;

describe('Redistributor LPI registers (IHI 0069 §9.11)', () => {
  it('GICD_TYPER and GICR_TYPER say LPIs are there (LPIS, IDbits, PLPIS, DirectLPI)', () => {
    const gic = createGic({ peCount: 2, spiCount: 32, lpis: true, lpiIdBits: 16 });
    const typer = Number(gic.readDistributor(0x4, 4));
    expect((typer >> 17) & 1).toBe(1);
    expect((typer >> 19) & 0x1f).toBe(15);
    expect(Number(gic.readRedistributor(0, 0x8, 4)) & 0b1001).toBe(0b1001);
    const qemu = createGic({ peCount: 2, spiCount: 32, profile: 'qemu' });
    expect(Number(qemu.readRedistributor(0, 0x8, 4)) & 0b1001).toBe(0b0001);
    expect(createGic({ peCount: 1, spiCount: 32 }).readRedistributor(0, 0x8, 4) & 1n).toBe(0n);
  });

  it('GICR_CTLR.EnableLPIs cannot be cleared when CES=0 (architecture); QEMU sets CES and clears it', () => {
    const arch = itsRig();
    arch.gic.writeRedistributor(0, GICR_CTLR, 0, 4);
    expect(arch.gic.readRedistributor(0, GICR_CTLR, 4)).toBe(1n);
    expect(arch.warnings()).toContain('enable-lpis-clear-ignored');
    const qemu = itsRig({ profile: 'qemu' });
    expect(qemu.gic.readRedistributor(0, GICR_CTLR, 4)).toBe(3n);
    qemu.gic.writeRedistributor(0, GICR_CTLR, 0, 4);
    expect(qemu.gic.readRedistributor(0, GICR_CTLR, 4)).toBe(2n);
  });

  it('GICR_PROPBASER written while EnableLPIs=1 is ignored (architecture) or used at once (QEMU)', () => {
    const arch = itsRig();
    const before = arch.gic.readRedistributor(0, GICR_PROPBASER, 8);
    arch.gic.writeRedistributor(0, GICR_PROPBASER, 0x41000000 | 13, 8);
    expect(arch.gic.readRedistributor(0, GICR_PROPBASER, 8)).toBe(before);
    expect(arch.warnings()).toContain('lpi-table-base-locked');
    const qemu = itsRig({ profile: 'qemu' });
    qemu.gic.writeRedistributor(0, GICR_PROPBASER, 0x41000000 | 13, 8);
    expect(qemu.gic.redistributorLpis(0).configTable).toBe(0x41000000);
  });

  it('EnableLPIs 0→1 reads the pending table, unless PTZ says it is zero (QEMU reads it anyway)', () => {
    for (const [profile, ptz, expected] of [
      ['architecture', false, [8200]],
      ['architecture', true, []],
      ['qemu', true, [8200]],
    ] as const) {
      const gic = bootedGic({ peCount: 1, lpis: true, profile });
      gic.writeMemory(PROP + 8, 0xa3, 1);
      gic.writeMemory(pendTable(0) + 8200 / 8, 1, 1); // "firmware" left 8200 pending
      gic.writeRedistributor(0, GICR_PROPBASER, PROP | 13, 8);
      gic.writeRedistributor(0, GICR_PENDBASER, (ptz ? 1n << 62n : 0n) | BigInt(pendTable(0)), 8);
      gic.writeRedistributor(0, GICR_CTLR, 1, 4);
      expect(gic.redistributorLpis(0).pending, `${profile} PTZ=${ptz}`).toEqual(expected);
    }
  });

  it('GICR_PENDBASER.PTZ is write-only (architecture); QEMU stores it', () => {
    const arch = bootedGic({ peCount: 1, lpis: true });
    arch.writeRedistributor(0, GICR_PENDBASER, (1n << 62n) | 0x40200000n, 8);
    expect(arch.readRedistributor(0, GICR_PENDBASER, 8)).toBe(0x40200000n);
    const qemu = bootedGic({ peCount: 1, profile: 'qemu' });
    qemu.writeRedistributor(0, GICR_PENDBASER, (1n << 62n) | 0x40200000n, 8);
    expect(qemu.readRedistributor(0, GICR_PENDBASER, 8)).toBe((1n << 62n) | 0x40200000n);
  });

  it('an LPI beyond GICR_PROPBASER.IDbits is not recognised', () => {
    const rig = itsRig();
    mapCollections(rig);
    mapDevice(rig, 1, [
      [0, 16383, 0],
      [1, 16384, 0],
    ]);
    rig.gic.sendMsi(1, 0);
    rig.gic.sendMsi(1, 1);
    expect(rig.gic.redistributorLpis(0).pending).toEqual([16383]);
    expect(rig.warnings()).toContain('lpi-out-of-range');
  });

  it('GICR_SETLPIR / CLRLPIR / INVLPIR / INVALLR (DirectLPI); QEMU 7.2 has none', () => {
    const rig = itsRig();
    rig.config(8194, 0xa0, true);
    rig.gic.writeRedistributor(1, 0x40, 8194, 8);
    expect(rig.gic.redistributorLpis(1).pending).toEqual([8194]);
    rig.config(8194, 0xa0, false);
    expect(rig.gic.cpuInterface(1).hppi?.intid).toBe(8194);
    rig.gic.writeRedistributor(1, 0xa0, 8194, 8);
    expect(rig.gic.cpuInterface(1).hppi).toBeNull();
    rig.config(8194, 0xa0, true);
    rig.gic.writeRedistributor(1, 0xb0, 0, 8);
    expect(rig.gic.cpuInterface(1).hppi?.intid).toBe(8194);
    rig.gic.writeRedistributor(1, 0x48, 8194, 8);
    expect(rig.gic.redistributorLpis(1).pending).toEqual([]);
    expect(rig.gic.readRedistributor(1, 0xc0, 4)).toBe(0n);
    const qemu = itsRig({ profile: 'qemu' });
    const warnings: string[] = [];
    qemu.gic.subscribe((e) => e.kind === 'warning' && warnings.push(e.code));
    qemu.gic.readRedistributor(0, 0xa0, 8);
    expect(warnings).toEqual(['unimplemented-offset']);
  });
});

describe('LPIs at the CPU interface (IHI 0069 §4.1, reference §3.4, §4.5)', () => {
  it('GICD_CTLR.EnableGrp1NS withdraws a pending LPI from the HPPI at once and brings it back', () => {
    const rig = itsRig();
    const secure = rig.gic.config.securityExtensions;
    const ctlr = Number(rig.gic.readDistributor(0x0, 4, { secure }));
    rig.config(8194, 0xa0, true);
    rig.gic.writeRedistributor(1, 0x40, 8194, 8); // GICR_SETLPIR: the only pending interrupt
    expect(rig.gic.cpuInterface(1).hppi?.intid).toBe(8194);
    rig.gic.writeDistributor(0x0, ctlr & ~0b10, 4, { secure }); // EnableGrp1NS = 0
    expect(rig.gic.cpuInterface(1).hppi).toBeNull();
    expect(rig.gic.outputs(1).irq).toBe(false);
    rig.gic.writeDistributor(0x0, ctlr, 4, { secure });
    expect(rig.gic.cpuInterface(1).hppi?.intid).toBe(8194);
    expect(rig.gic.outputs(1).irq).toBe(true);
  });

  it('priority comes from the configuration byte, seen through the Non-secure view when DS=0', () => {
    const rig = itsRig({ securityExtensions: true });
    mapCollections(rig);
    rig.config(8192, 0x40, true);
    mapDevice(rig, 1, [[0, 8192, 0]]);
    rig.gic.sendMsi(1, 0);
    expect(rig.gic.cpuInterface(0).hppi).toMatchObject({
      intid: 8192,
      priority: 0xa0,
      group: 'G1NS',
    });
  });

  it('an SPI wins a tie with an LPI (lower INTID); a higher-priority LPI preempts a running SPI', () => {
    const rig = itsRig();
    mapCollections(rig);
    setUpSpi(rig.gic, 40, { priority: 0xa0, trigger: 'edge' });
    rig.config(8192, 0xa0, true);
    rig.config(8193, 0x80, true);
    mapDevice(rig, 1, [
      [0, 8192, 0],
      [1, 8193, 0],
    ]);
    rig.gic.sendMsi(1, 0);
    rig.gic.setLevel(40, true);
    expect(rig.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(40n);
    expect(rig.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(1023n); // 0xa0 cannot preempt 0xa0
    rig.gic.sendMsi(1, 1);
    expect(rig.gic.outputs(0).irq).toBe(true);
    expect(rig.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(8193n);
    rig.gic.writeSysreg(0, 'ICC_EOIR1_EL1', 8193);
    rig.gic.writeSysreg(0, 'ICC_EOIR1_EL1', 40);
    expect(rig.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(8192n);
  });

  it('PMR masks LPIs like any interrupt; with Group 1 disabled at the CPU interface nothing is signalled', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8192, 0xa0, true);
    mapDevice(rig, 1, [[0, 8192, 0]]);
    rig.gic.writeSysreg(0, 'ICC_PMR_EL1', 0xa0);
    rig.gic.sendMsi(1, 0);
    expect(rig.gic.outputs(0).irq).toBe(false);
    rig.gic.writeSysreg(0, 'ICC_PMR_EL1', 0xb0);
    expect(rig.gic.outputs(0).irq).toBe(true);
    rig.gic.writeSysreg(0, 'ICC_IGRPEN1_EL1', 0);
    expect(rig.gic.outputs(0).irq).toBe(false);
  });

  it('rescan (QEMU): a change without INV shows up when the best LPI stops pending', () => {
    const rig = itsRig({ lpiConfigCache: 'rescan' });
    mapCollections(rig);
    rig.config(8192, 0xa0, true);
    rig.config(8193, 0x90, true);
    mapDevice(rig, 1, [
      [0, 8192, 0],
      [1, 8193, 0],
    ]);
    rig.gic.sendMsi(1, 0);
    rig.config(8192, 0xa0, false); // no INV
    rig.gic.sendMsi(1, 1);
    expect(rig.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(8193n); // the rescan drops 8192
    rig.gic.writeSysreg(0, 'ICC_EOIR1_EL1', 8193);
    expect(rig.gic.cpuInterface(0).hppi).toBeNull();
    const cached = itsRig({ lpiConfigCache: 'until-invalidated' });
    mapCollections(cached);
    cached.config(8192, 0xa0, true);
    cached.config(8193, 0x90, true);
    mapDevice(cached, 1, [
      [0, 8192, 0],
      [1, 8193, 0],
    ]);
    cached.gic.sendMsi(1, 0);
    cached.config(8192, 0xa0, false);
    cached.gic.sendMsi(1, 1);
    expect(cached.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(8193n);
    cached.gic.writeSysreg(0, 'ICC_EOIR1_EL1', 8193);
    expect(cached.gic.cpuInterface(0).hppi?.intid).toBe(8192); // still the cached, enabled byte
  });
});

describe('LPI and ITS state in snapshots', () => {
  it('restore brings back memory, pending LPIs, cached configuration and the ITS registers', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8192, 0xa0, true);
    rig.config(8193, 0x90, true);
    mapDevice(rig, 1, [
      [0, 8192, 2],
      [1, 8193, 2],
    ]);
    rig.gic.sendMsi(1, 0);
    rig.gic.sendMsi(1, 1);
    const snap = rig.gic.snapshot();
    const json = JSON.parse(JSON.stringify(rig.gic.snapshotJson())) as ReturnType<
      typeof rig.gic.snapshotJson
    >;
    const views = () => ({
      lpis: rig.gic.redistributorLpis(2),
      cpu: rig.gic.cpuInterface(2),
      its: rig.gic.its(),
      memory: rig.gic.readMemory(PROP, 8),
    });
    const before = views();
    expect(rig.gic.readSysreg(2, 'ICC_IAR1_EL1')).toBe(8193n);
    rig.gic.reset();
    expect(rig.gic.readMemory(PROP, 8)).toBe(0n);
    rig.gic.restore(snap);
    expect(views()).toEqual(before);
    rig.gic.reset();
    rig.gic.restore(json);
    expect(views()).toEqual(before);
    expect(rig.gic.readSysreg(2, 'ICC_IAR1_EL1')).toBe(8193n);
  });
});
