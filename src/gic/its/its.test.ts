import { describe, expect, it } from 'vitest';
import { createGic } from '../index.ts';
import {
  COLT,
  DEVT,
  ittOf,
  itsRig,
  mapCollections,
  mapDevice,
  PROP,
} from '../testing/its-setup.ts';

const GITS_TRANSLATER = 0x10040;

describe('ITS registers (IHI 0069 §9.19)', () => {
  it('GITS_TYPER: physical LPIs, 12-byte ITT entries, 16-bit IDs, PTA as configured', () => {
    expect(createGic({ peCount: 2, spiCount: 32, lpis: true }).readIts(0x8, 8)).toBe(0x1f0001efb1n);
    const pta = createGic({ peCount: 2, spiCount: 32, lpis: true, itsPta: true });
    expect((pta.readIts(0x8, 8) >> 19n) & 1n).toBe(1n);
  });

  it('GITS_CTLR.Quiescent: set while disabled; cleared once enabled (QEMU keeps it set)', () => {
    const arch = itsRig().gic;
    expect(arch.readIts(0x0, 4)).toBe(0x1n);
    const qemu = itsRig({ profile: 'qemu' }).gic;
    expect(qemu.readIts(0x0, 4)).toBe(0x80000001n);
    expect(createGic({ peCount: 1, spiCount: 32, lpis: true }).readIts(0x0, 4)).toBe(0x80000000n);
  });

  it('GITS_BASER<n>: Type and Entry_Size are read-only, BASER2–7 RAZ/WI', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, lpis: true });
    expect(gic.readIts(0x100, 8)).toBe(0x0107000000000200n);
    expect(gic.readIts(0x108, 8)).toBe(0x0407000000000200n);
    gic.writeIts(0x100, 0xff1f000040000000n, 8);
    expect(gic.readIts(0x100, 8)).toBe(0xf907000040000000n);
    gic.writeIts(0x110, 0x8000000040000000n, 8);
    expect(gic.readIts(0x110, 8)).toBe(0n);
  });

  it('GITS_CBASER and GITS_BASER<n> cannot change while the ITS is enabled', () => {
    const rig = itsRig();
    rig.gic.writeIts(0x80, 0x8000000041000000n, 8);
    expect(rig.gic.readIts(0x80, 8)).not.toBe(0x8000000041000000n);
    expect(rig.warnings()).toContain('its-register-locked');
  });

  it('without an ITS the frame reads as zero and says so', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    const warnings: string[] = [];
    gic.subscribe((e) => e.kind === 'warning' && warnings.push(e.code));
    expect(gic.readIts(0x8, 8)).toBe(0n);
    expect(warnings).toEqual(['unimplemented-offset']);
  });
});

describe('ITS commands (IHI 0069 §5.3)', () => {
  it('MAPC, MAPD, MAPTI, then INT: the LPI becomes pending on the collection’s Redistributor', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8195, 0xa0, true);
    mapDevice(rig, 2, [[20, 8195, 3]]);
    rig.run({ name: 'INT', deviceId: 2, eventId: 20 });
    expect(rig.gic.redistributorLpis(3).pending).toEqual([8195]);
    expect(rig.gic.cpuInterface(3).hppi).toMatchObject({
      intid: 8195,
      group: 'G1NS',
      priority: 0xa0,
    });
    expect(rig.gic.readIts(0x90, 8)).toBe(rig.gic.readIts(0x88, 8));
  });

  it('an LPI has no active state: acknowledge clears its pending bit, EOIR drops the priority', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8195, 0x80, true);
    mapDevice(rig, 2, [[20, 8195, 0]]);
    rig.run({ name: 'INT', deviceId: 2, eventId: 20 });
    expect(rig.gic.readSysreg(0, 'ICC_IAR1_EL1')).toBe(8195n);
    expect(rig.gic.lpi(8195, 0).pending).toBe(false);
    expect(rig.gic.readMemory(0x40200000 + (8195 >> 3), 1) & (1n << 3n)).toBe(0n);
    expect(rig.gic.readSysreg(0, 'ICC_RPR_EL1')).toBe(0x80n);
    rig.gic.writeSysreg(0, 'ICC_EOIR1_EL1', 8195);
    expect(rig.gic.readSysreg(0, 'ICC_RPR_EL1')).toBe(0xffn);
    rig.gic.writeSysreg(0, 'ICC_DIR_EL1', 8195);
    expect(rig.warnings()).toContain('dir-of-lpi');
  });

  it('GITS_TRANSLATER: a device write carries its DeviceID; the EventID is the value', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8200, 0xa0, true);
    mapDevice(rig, 8, [[1, 8200, 1]]);
    rig.gic.sendMsi(8, 1);
    expect(rig.gic.redistributorLpis(1).pending).toEqual([8200]);
    const t = rig.events.findLast((e) => e.kind === 'its-translated');
    expect(t).toMatchObject({
      source: 'GITS_TRANSLATER',
      deviceId: 8,
      eventId: 1,
      intid: 8200,
      icid: 1,
      pe: 1,
      error: null,
    });
    rig.gic.writeIts(GITS_TRANSLATER, 1, 4); // a CPU write: DeviceID 0, not mapped
    expect(rig.warnings()).toContain('its-device-unmapped');
  });

  it('MAPI: the EventID is the LPI', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8196, 0xa0, true);
    rig.run(
      { name: 'MAPD', deviceId: 9, size: 13, ittAddress: 0x40600000, valid: true },
      { name: 'MAPI', deviceId: 9, eventId: 8196, icid: 0 },
      { name: 'INT', deviceId: 9, eventId: 8196 },
    );
    expect(rig.gic.redistributorLpis(0).pending).toEqual([8196]);
  });

  it('CLEAR removes the pending state; DISCARD also removes the mapping', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.config(8193, 0xa0, true);
    mapDevice(rig, 1, [[0, 8193, 0]]);
    rig.run({ name: 'INT', deviceId: 1, eventId: 0 }, { name: 'CLEAR', deviceId: 1, eventId: 0 });
    expect(rig.gic.redistributorLpis(0).pending).toEqual([]);
    rig.run({ name: 'INT', deviceId: 1, eventId: 0 }, { name: 'DISCARD', deviceId: 1, eventId: 0 });
    expect(rig.gic.redistributorLpis(0).pending).toEqual([]);
    rig.run({ name: 'INT', deviceId: 1, eventId: 0 });
    expect(rig.warnings()).toContain('its-event-unmapped');
  });

  it('MOVI moves a pending LPI with its mapping; MOVALL moves everything pending', () => {
    const rig = itsRig();
    mapCollections(rig);
    for (const intid of [8192, 8193]) rig.config(intid, 0xa0, true);
    mapDevice(rig, 4, [
      [0, 8192, 0],
      [1, 8193, 0],
    ]);
    rig.run(
      { name: 'INT', deviceId: 4, eventId: 0 },
      { name: 'MOVI', deviceId: 4, eventId: 0, icid: 2 },
    );
    expect(rig.gic.redistributorLpis(0).pending).toEqual([]);
    expect(rig.gic.redistributorLpis(2).pending).toEqual([8192]);
    rig.run({ name: 'INT', deviceId: 4, eventId: 1 }, { name: 'MOVALL', rdBase1: 0, rdBase2: 3 });
    expect(rig.gic.redistributorLpis(3).pending).toEqual([8193]);
    rig.run({ name: 'INT', deviceId: 4, eventId: 0 });
    expect(rig.gic.redistributorLpis(2).pending).toEqual([8192]); // the ITE now names collection 2
  });

  it('errors are named warnings and the queue goes on', () => {
    const rig = itsRig();
    mapCollections(rig);
    mapDevice(rig, 2, [[1, 8192, 0]]);
    rig.run(
      { name: 'INT', deviceId: 5, eventId: 0 },
      { name: 'INT', deviceId: 2, eventId: 40 },
      { name: 'INT', deviceId: 2, eventId: 7 },
      { name: 'MAPD', deviceId: 600, size: 4, ittAddress: ittOf(1), valid: true },
      { name: 'MAPD', deviceId: 3, size: 20, ittAddress: ittOf(3), valid: true },
      { name: 'MAPTI', deviceId: 2, eventId: 2, intid: 100, icid: 0 },
      { name: 'MAPC', icid: 9, rdBase: 7, valid: true },
      { name: 'MAPTI', deviceId: 2, eventId: 3, intid: 8194, icid: 9 },
      { name: 'INT', deviceId: 2, eventId: 3 },
      { name: 'unknown', number: 0x42 },
    );
    expect(rig.warnings()).toEqual([
      'its-device-unmapped',
      'its-event-out-of-range',
      'its-event-unmapped',
      'its-id-out-of-range',
      'its-size-out-of-range',
      'its-intid-not-lpi',
      'its-rdbase-invalid',
      'its-collection-unmapped',
      'its-unknown-command',
    ]);
    expect(rig.gic.its()?.creadr).toBe(rig.gic.its()?.cwriter);
    expect(rig.gic.its()?.stalled).toBe(false);
  });

  it('a table entry outside memory stalls the queue; Retry restarts it (QEMU: any CWRITER write)', () => {
    const rig = itsRig();
    mapCollections(rig);
    rig.run(
      { name: 'MAPD', deviceId: 4, size: 4, ittAddress: 0x70000000, valid: true },
      { name: 'MAPTI', deviceId: 4, eventId: 0, intid: 8192, icid: 0 },
      { name: 'SYNC', rdBase: 0 },
    );
    const its = rig.gic.its();
    expect(its?.stalled).toBe(true);
    expect(its?.creadr).toBe((its?.cwriter ?? 0) - 2);
    expect(rig.gic.readIts(0x90, 8) & 1n).toBe(1n);
    expect(rig.warnings()).toContain('its-memory-fault');
    rig.gic.writeIts(0x88, rig.gic.readIts(0x88, 8), 8); // no Retry: nothing happens
    expect(rig.gic.its()?.creadr).toBe(its?.creadr);
  });

  it('INVALL re-reads the collection’s configuration; INV one LPI’s (cache until invalidated)', () => {
    const rig = itsRig({ lpiConfigCache: 'until-invalidated' });
    mapCollections(rig);
    rig.config(8195, 0xa0, true);
    mapDevice(rig, 2, [[20, 8195, 1]]);
    rig.run({ name: 'INT', deviceId: 2, eventId: 20 });
    rig.config(8195, 0xa0, false); // disabled in memory, not invalidated
    expect(rig.gic.cpuInterface(1).hppi?.intid).toBe(8195);
    expect(rig.gic.lpi(8195, 1).stale).toBe(true);
    rig.run({ name: 'INV', deviceId: 2, eventId: 20 });
    expect(rig.gic.cpuInterface(1).hppi).toBeNull();
    rig.config(8195, 0x90, true);
    expect(rig.gic.cpuInterface(1).hppi).toBeNull();
    rig.run({ name: 'INVALL', icid: 1 }, { name: 'SYNC', rdBase: 1 });
    expect(rig.gic.cpuInterface(1).hppi).toMatchObject({ intid: 8195, priority: 0x90 });
  });

  it('two-level device table: a DeviceID whose level-1 entry is invalid has no DTE (IHI 0069 §5.2)', () => {
    const rig = itsRig({}, { flatDeviceTable: false });
    const l1 = 0x40700000;
    const l2 = 0x40710000;
    rig.gic.writeIts(0x0, 0, 4);
    rig.gic.writeIts(0x100, (3n << 62n) | BigInt(l1), 8); // Valid, Indirect, 4 KB pages
    rig.gic.writeMemory(l1 + 8, (1n << 63n) | BigInt(l2), 8); // level-1 entry 1: DeviceIDs 512–1023
    rig.gic.writeIts(0x0, 1, 4);
    mapCollections(rig);
    rig.config(8192, 0xa0, true);
    mapDevice(rig, 600, [[0, 8192, 0]]);
    mapDevice(rig, 1100, [[0, 8192, 0]]);
    rig.gic.sendMsi(600, 0);
    expect(rig.gic.redistributorLpis(0).pending).toEqual([8192]);
    expect(rig.gic.readMemory(l2 + (600 - 512) * 8, 8) & 1n).toBe(1n);
    rig.gic.sendMsi(1100, 0);
    expect(rig.warnings()).toContain('its-device-unmapped');
    expect(rig.gic.its()?.devices.map((d) => d.deviceId)).toEqual([600]);
  });

  it('GITS_TYPER.PTA=1: collections name Redistributors by physical address', () => {
    const rig = itsRig({ itsPta: true });
    rig.config(8192, 0xa0, true);
    rig.run({ name: 'MAPC', icid: 0, rdBase: (0x080a0000 + 2 * 0x20000) >> 16, valid: true });
    mapDevice(rig, 1, [[0, 8192, 0]]);
    rig.gic.sendMsi(1, 0);
    expect(rig.gic.redistributorLpis(2).pending).toEqual([8192]);
    rig.run({ name: 'MAPC', icid: 1, rdBase: 2, valid: true }); // a processor number: no RD there
    expect(rig.warnings()).toContain('its-rdbase-invalid');
  });

  it('the tables are where GITS_BASER<n> put them, in this model’s entry formats', () => {
    const rig = itsRig();
    rig.run({ name: 'MAPC', icid: 5, rdBase: 3, valid: true });
    expect(rig.gic.readMemory(COLT + 5 * 8, 8)).toBe(1n + 3n * 2n);
    rig.run({ name: 'MAPD', deviceId: 7, size: 4, ittAddress: 0x40400700, valid: true });
    expect(rig.gic.readMemory(DEVT + 7 * 8, 8)).toBe(1n + 4n * 2n + (0x40400700n >> 8n) * 64n);
    expect(PROP).toBe(0x40100000);
  });
});
