import { describe, expect, it } from 'vitest';
import { machineEngineFactory } from '../machine-engine.ts';

const load = (id: string) => machineEngineFactory.load({ kind: 'builtin', id });

describe('the ITS as the diagram sees it (MachineView.its)', () => {
  it('a machine without an ITS sends none', () => {
    const engine = load('rfc-nmi');
    engine.runUntil(101_000);
    expect('its' in engine.view()).toBe(false);
    engine.runUntil(151_000);
    expect('its' in engine.diff()).toBe(false);
  });

  it('msi-nic: the first MSI makes LPI 8192 pending on PE 0, then in service; the gate has it', () => {
    const engine = load('msi-nic');
    engine.runUntil(140_000);
    const before = engine.view().its!;
    expect(before).toMatchObject({ enabled: true, stalled: false, last: null });
    expect(before.creadr).toBe(before.cwriter);
    expect(before.devices).toEqual([{ deviceId: 8, events: 4, mapped: 4 }]);
    // each vector's collection is on its own CPU: one mapped LPI per Redistributor
    expect(before.redistributors.map((r) => r.lpis.map((l) => [l.key, l.state]))).toEqual([
      [['pe0:lpi:8192', 'inactive']],
      [['pe1:lpi:8193', 'inactive']],
      [['pe2:lpi:8194', 'inactive']],
      [['pe3:lpi:8195', 'inactive']],
    ]);

    engine.runUntil(150_000);
    const diff = engine.diff();
    expect(diff.its?.last).toMatchObject({
      source: 'GITS_TRANSLATER',
      deviceId: 8,
      eventId: 0,
      intid: 8192,
      icid: 0,
      pe: 0,
      error: null,
      time: 150_000,
    });
    expect(diff.its?.redistributors[0].lpis[0]).toMatchObject({
      class: 'lpi',
      state: 'pending',
      enabled: true,
      priority: 0xc0,
      group: 'g1ns',
      name: 'eth0-rx-0',
    });
    // the guest idles with PSTATE.I set (WFI wakes on the IRQ line): the gate says so
    expect(diff.gates?.find((g) => g.pe === 0)?.entries).toEqual([
      expect.objectContaining({ key: 'pe0:lpi:8192', intid: 8192, mark: 'masked-by-pe' }),
    ]);
    const translated = engine.drainEvents(100).events.find((e) => e.kind === 'its-translated');
    expect(translated?.path).toEqual(['its', 'redistributor:0']);
    expect(translated?.fields).toMatchObject({ deviceId: 8, eventId: 0, icid: 0, error: null });

    engine.runUntil(150_100);
    const serving = engine.diff();
    expect(serving.its?.redistributors[0].lpis[0].state).toBe('active');
    expect(serving.gates?.find((g) => g.pe === 0)?.entries).toEqual([]);
    const ack = engine.drainEvents(100).events.find((e) => e.kind === 'acknowledged');
    expect(ack?.path).toEqual(['pe0:lpi:8192', 'cpu:0']);
  });

  it('a pending LPI above the PMR is held back at the gate, with the explainer’s words', () => {
    const engine = load('msi-nic');
    engine.runUntil(149_000);
    engine.writeRegister({ block: 'sysreg', pe: 0, name: 'ICC_PMR_EL1' }, 0x80n);
    engine.runUntil(150_000);
    const gate = engine.view().gates![0];
    expect(gate.entries).toEqual([
      expect.objectContaining({ key: 'pe0:lpi:8192', mark: 'masked-by-pmr' }),
    ]);
    expect(gate.entries[0].reason).toMatch(/0xC0 is not < PMR 0x80/);
  });

  it('its-trigger: INT after MAPD V=0 is a translation error, and survives a restore', () => {
    const engine = load('its-trigger');
    engine.runUntil(300_100);
    const last = engine.view().its!.last;
    expect(last).toMatchObject({
      source: 'INT',
      deviceId: 2,
      eventId: 20,
      intid: null,
      pe: null,
      error: 'its-device-unmapped',
    });
    const snapshot = engine.snapshot();
    const other = load('its-trigger');
    other.restore(engine.snapshotText(snapshot));
    expect(other.view().its!.last).toEqual(last);
  });
});
