import { appendTask, emit, scheduleAt } from '../core.ts';
import type { Core } from '../core.ts';
import { nextRandom } from '../../lib/index.ts';
import type { DeviceConfig, GuestCall } from '../scenario/index.ts';
import { lineKey } from '../state.ts';

/** PPI of the EL1 virtual timer (Linux's arch_timer under virt) and the EL1 physical timer. */
export const VIRTUAL_TIMER_PPI = 27;
export const PHYSICAL_TIMER_PPI = 30;

export function deviceIntid(d: DeviceConfig): number | null {
  switch (d.type) {
    case 'arch-timer':
      return d.timer === 'virtual' ? VIRTUAL_TIMER_PPI : PHYSICAL_TIMER_PPI;
    case 'uart-pl011':
    case 'spi-source':
    case 'pmu':
      return d.intid;
    case 'ipi-source':
      return null;
  }
}

export function deviceName(d: DeviceConfig): string {
  switch (d.type) {
    case 'arch-timer':
      return 'arch_timer';
    case 'uart-pl011':
      return 'uart-pl011';
    case 'spi-source':
      return d.name;
    case 'pmu':
      return 'arm-pmu';
    case 'ipi-source':
      return `ipi-source (IPI${d.ipi})`;
  }
}

function devicePes(core: Core, d: DeviceConfig): number[] {
  if (!('pes' in d) || d.pes === 'all')
    return Array.from({ length: core.plan.peCount }, (_, i) => i);
  return [...d.pes];
}

/** The request_irq / request_percpu_irq calls the device drivers make at boot. */
export function driverCalls(core: Core, explicit: ReadonlySet<number>): GuestCall[] {
  const calls: GuestCall[] = [];
  for (const d of core.scenario.devices) {
    const intid = deviceIntid(d);
    if (intid === null || explicit.has(intid) || calls.some((c) => c.intid === intid)) continue;
    const trigger = d.type === 'spi-source' ? d.trigger : 'level';
    // arm_pmu asks for an NMI first and falls back to an IRQ (reference §5.5).
    const asNmi = d.type === 'pmu' && core.plan.nmi === 'pseudo';
    calls.push({
      do: asNmi ? 'request-nmi' : 'request-irq',
      intid,
      name: deviceName(d),
      trigger,
      shared: false,
      route: 'boot-pe',
    });
  }
  return calls;
}

/** First deadlines of every device, relative to boot completion. */
export function startDevices(core: Core, bootEnd: number): void {
  core.scenario.devices.forEach((d, index) => {
    switch (d.type) {
      case 'arch-timer':
      case 'pmu':
        for (const pe of devicePes(core, d))
          scheduleAt(core, d.start ?? bootEnd + d.period, {
            kind: 'device-fire',
            device: index,
            pe,
          });
        return;
      case 'uart-pl011':
        if (d.receiveAt[0] !== undefined)
          scheduleAt(core, d.receiveAt[0], { kind: 'device-fire', device: index, pe: null });
        return;
      case 'spi-source':
        if (d.period !== undefined)
          scheduleAt(core, d.start ?? bootEnd + d.period, {
            kind: 'device-fire',
            device: index,
            pe: null,
          });
        return;
      case 'ipi-source':
        scheduleAt(core, d.start ?? bootEnd + d.period, {
          kind: 'device-fire',
          device: index,
          pe: null,
        });
        return;
    }
  });
}

/**
 * Raises a line from outside (timeline): a device that owns the INTID holds it, so its handler
 * can clear it as for the device's own interrupts.
 */
export function raiseLine(core: Core, intid: number, pe: number | null): void {
  const index = core.scenario.devices.findIndex((d) => deviceIntid(d) === intid);
  const d = core.scenario.devices[index];
  if (d !== undefined && !(d.type === 'spi-source' && d.trigger === 'edge')) {
    assert(core, index, intid, d.type === 'arch-timer' || d.type === 'pmu' ? pe : null);
    return;
  }
  core.gic.setLevel(intid, true, pe ?? undefined);
}

function assert(core: Core, index: number, intid: number, pe: number | null): void {
  const runtime = core.state.devices[index];
  const key = lineKey(intid, pe);
  if (runtime !== undefined && !runtime.asserted.includes(key)) runtime.asserted.push(key);
  core.gic.setLevel(intid, true, pe ?? undefined);
}

export function fireDevice(core: Core, index: number, pe: number | null): void {
  const d = core.scenario.devices[index];
  const runtime = core.state.devices[index];
  if (d === undefined || runtime === undefined) return;
  const intid = deviceIntid(d);
  if (intid !== null) emit(core, { kind: 'device-fired', device: deviceName(d), intid, pe });
  switch (d.type) {
    case 'arch-timer':
    case 'pmu':
      if (intid !== null) assert(core, index, intid, pe);
      return;
    case 'uart-pl011': {
      assert(core, index, d.intid, null);
      runtime.cursor++;
      const next = d.receiveAt[runtime.cursor];
      if (next !== undefined)
        scheduleAt(core, Math.max(next, core.state.now), {
          kind: 'device-fire',
          device: index,
          pe: null,
        });
      return;
    }
    case 'spi-source':
      if (d.trigger === 'edge') {
        core.gic.setLevel(d.intid, true);
        core.gic.setLevel(d.intid, false);
      } else {
        assert(core, index, d.intid, null);
      }
      if (d.period !== undefined)
        scheduleAt(core, core.state.now + d.period, {
          kind: 'device-fire',
          device: index,
          pe: null,
        });
      return;
    case 'ipi-source': {
      const n = core.plan.peCount;
      const a = nextRandom(core.state.prng);
      const b = nextRandom(a.state);
      core.state.prng = b.state;
      const from = Math.floor(a.value * n);
      const to = n > 1 ? (from + 1 + Math.floor(b.value * (n - 1))) % n : from;
      appendTask(core, from, [{ op: 'send-ipi', ipi: d.ipi, targets: [to] }]);
      scheduleAt(core, core.state.now + d.period, { kind: 'device-fire', device: index, pe: null });
      return;
    }
  }
}

/**
 * The handler clears the device's interrupt: the timer is reprogrammed (its level line drops
 * before the EOI, reference §12), the UART's ICR written, the PMU overflow cleared.
 */
export function deviceAck(core: Core, intid: number, pe: number): void {
  const devices = core.scenario.devices;
  for (let index = 0; index < devices.length; index++) {
    const d = devices[index];
    if (deviceIntid(d) !== intid) continue;
    const runtime = core.state.devices[index];
    if (runtime === undefined) continue;
    const perPe = d.type === 'arch-timer' || d.type === 'pmu';
    const at = runtime.asserted.indexOf(lineKey(intid, perPe ? pe : null));
    if (at < 0) continue;
    runtime.asserted.splice(at, 1);
    core.gic.setLevel(intid, false, perPe ? pe : undefined);
    if (perPe)
      scheduleAt(core, core.state.now + d.period, { kind: 'device-fire', device: index, pe });
  }
}
