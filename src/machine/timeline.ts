import { describeItsCommand } from '../gic/index.ts';
import { sendMsi } from './devices/index.ts';
import { lpiConfigOps } from './guest/its-driver.ts';
import { appendTask, emit, hex, scheduleAt } from './core.ts';
import type { Core } from './core.ts';
import { injectNmi } from './injector/index.ts';
import { raiseLine } from './devices/index.ts';
import type { Action, RegisterTarget } from './scenario/index.ts';
import { toBigInt } from './scenario/index.ts';
import { err, ok } from '../lib/index.ts';
import type { Result } from '../lib/index.ts';
import { peekBeforeWrite, writeReport, type WriteReport } from './write-report.ts';

export function describeTarget(t: RegisterTarget): string {
  switch (t.block) {
    case 'distributor':
      return `GICD+${hex(toBigInt(t.offset))}`;
    case 'redistributor':
      return `GICR${t.pe}+${hex(toBigInt(t.offset))}`;
    case 'cpu-interface':
      return `${t.register} (PE${t.pe})`;
  }
}

/**
 * A register write from outside the guest (scenario or UI edit), checked for range first (it
 * must fit the access: 8 × size bits, or 64 for a system register). Within that the register
 * keeps what hardware would; the report says what it holds now and why that differs.
 */
export function writeRegister(
  core: Core,
  target: RegisterTarget,
  raw: number | string,
): Result<WriteReport, string> {
  let value: bigint;
  try {
    value = toBigInt(raw);
  } catch {
    return err(`"${String(raw)}" is not a number: write a non-negative integer or 0x… hex`);
  }
  const width = target.block === 'cpu-interface' ? 64 : 8 * target.size;
  if (value < 0n || value >= 1n << BigInt(width)) {
    return err(`${hex(value)} does not fit in ${width} bits (${describeTarget(target)})`);
  }
  const label = describeTarget(target);
  if (target.block !== 'distributor' && target.pe >= core.plan.peCount) {
    return err(`PE ${target.pe} does not exist (this machine has ${core.plan.peCount})`);
  }
  const before = peekBeforeWrite(core.gic, target);
  switch (target.block) {
    case 'distributor':
      core.gic.writeDistributor(Number(toBigInt(target.offset)), value, target.size);
      break;
    case 'redistributor':
      core.gic.writeRedistributor(target.pe, Number(toBigInt(target.offset)), value, target.size);
      break;
    case 'cpu-interface':
      core.gic.writeSysreg(target.pe, target.register, value);
      break;
  }
  const report = writeReport(core.gic, target, value, before);
  emit(core, {
    kind: 'register-edited',
    target: label,
    value: hex(value),
    held: report.held === null ? null : hex(report.held),
    notes: report.notes,
  });
  return ok(report);
}

/** A deliberate read from outside the guest; reads with side effects (IAR) happen for real. */
export function readRegister(core: Core, target: RegisterTarget): Result<bigint, string> {
  if (target.block !== 'distributor' && target.pe >= core.plan.peCount) {
    return err(`PE ${target.pe} does not exist (this machine has ${core.plan.peCount})`);
  }
  switch (target.block) {
    case 'distributor':
      return ok(core.gic.readDistributor(Number(toBigInt(target.offset)), target.size));
    case 'redistributor':
      return ok(
        core.gic.readRedistributor(target.pe, Number(toBigInt(target.offset)), target.size),
      );
    case 'cpu-interface':
      return ok(core.gic.readSysreg(target.pe, target.register));
  }
}

export function describeAction(a: Action): string {
  switch (a.do) {
    case 'raise-line':
    case 'lower-line':
    case 'pulse-line':
      return `${a.do} INTID ${a.intid}${a.pe === undefined ? '' : ` on PE${a.pe}`}`;
    case 'write-register':
      return `write ${describeTarget(a.target)} = ${String(a.value)}`;
    case 'inject-nmi':
      return `inject NMI${a.mode === undefined ? '' : ` (${a.mode})`}`;
    case 'enter-critical-section':
      return `PE${a.pe} local_irq_disable()${a.for === undefined ? '' : ` for ${a.for} ns`}`;
    case 'leave-critical-section':
      return `PE${a.pe} local_irq_enable()`;
    case 'send-ipi':
      return `PE${a.from} sends IPI${a.ipi} to ${a.to === 'others' ? 'all others' : a.to.map((p) => `PE${p}`).join(', ')}`;
    case 'run-until':
      return 'run until';
    case 'request-irq':
    case 'request-nmi':
    case 'enable-irq':
    case 'disable-irq':
      return `${a.do.replace('-', '_')}(${a.intid})`;
    case 'send-msi':
      return `${a.device} sends MSI vector ${a.vector}`;
    case 'lpi-config':
      return `PE${a.pe} writes LPI ${a.intid} configuration: priority 0x${a.priority.toString(16)}, ${a.enabled ? 'enabled' : 'disabled'}${a.invalidate === 'none' ? ', no INV' : `, then ${a.invalidate.toUpperCase()}`}`;
    case 'set-irq-affinity':
      return `LPI ${a.intid} affinity → CPU${a.pe} (MOVI)`;
    case 'its-command':
      return `PE${a.pe} ITS command ${describeItsCommand(a.command)}`;
  }
}

export function applyAction(core: Core, index: number): void {
  const a = core.scenario.timeline[index];
  if (a === undefined) return;
  emit(core, { kind: 'action-applied', index, action: describeAction(a) });
  switch (a.do) {
    case 'raise-line':
      raiseLine(core, a.intid, a.pe ?? null);
      return;
    case 'lower-line':
      core.gic.setLevel(a.intid, false, a.pe);
      return;
    case 'pulse-line':
      core.gic.setLevel(a.intid, true, a.pe);
      scheduleAt(core, core.state.now, { kind: 'lower-line', intid: a.intid, pe: a.pe ?? null });
      return;
    case 'write-register': {
      const r = writeRegister(core, a.target, a.value);
      if (!r.ok)
        emit(core, { kind: 'guest-logged', pe: null, text: `write-register refused: ${r.error}` });
      return;
    }
    case 'inject-nmi':
      injectNmi(core, a.mode ?? core.state.injector.mode);
      return;
    case 'enter-critical-section':
      appendTask(core, a.pe, [
        { op: 'critical-section', enter: true },
        ...(a.for === undefined
          ? []
          : [
              { op: 'work', ns: a.for, label: 'critical section' } as const,
              { op: 'critical-section', enter: false } as const,
            ]),
      ]);
      return;
    case 'leave-critical-section':
      appendTask(core, a.pe, [{ op: 'critical-section', enter: false }]);
      return;
    case 'send-ipi': {
      const targets =
        a.to === 'others'
          ? Array.from({ length: core.plan.peCount }, (_, i) => i).filter((p) => p !== a.from)
          : a.to;
      appendTask(core, a.from, [{ op: 'send-ipi', ipi: a.ipi, targets }]);
      return;
    }
    case 'run-until':
      return;
    case 'send-msi': {
      const index = core.scenario.devices.findIndex(
        (d) => d.type === 'msi-device' && d.name === a.device,
      );
      if (index < 0)
        emit(core, { kind: 'guest-logged', pe: null, text: `send-msi: no MSI device ${a.device}` });
      else sendMsi(core, index, a.vector);
      return;
    }
    case 'lpi-config': {
      const desc = core.state.guest.descs[a.intid];
      const msi = desc?.msi ?? { deviceId: 0, eventId: 0, pe: 0 };
      appendTask(
        core,
        a.pe,
        lpiConfigOps({ ...msi, intid: a.intid }, a.priority, a.enabled, a.invalidate),
      );
      return;
    }
    case 'set-irq-affinity': {
      const desc = core.state.guest.descs[a.intid];
      if (desc?.msi === undefined) {
        emit(core, {
          kind: 'guest-logged',
          pe: null,
          text: `set-irq-affinity: LPI ${a.intid} is no MSI the guest mapped`,
        });
        return;
      }
      desc.msi = { ...desc.msi, pe: a.pe };
      // the shell that writes smp_affinity runs on the new CPU here
      appendTask(core, a.pe, [
        {
          op: 'its-command',
          command: {
            name: 'MOVI',
            deviceId: desc.msi.deviceId,
            eventId: desc.msi.eventId,
            icid: a.pe,
          },
        },
        { op: 'its-command', command: { name: 'SYNC', rdBase: a.pe } },
      ]);
      return;
    }
    case 'its-command':
      appendTask(core, a.pe, [{ op: 'its-command', command: a.command }]);
      return;
    case 'request-irq':
    case 'request-nmi':
    case 'enable-irq':
    case 'disable-irq': {
      const { at: _at, ...call } = a;
      core.state.guest.calls.push(call);
      appendTask(core, 0, [{ op: 'call', index: core.state.guest.calls.length - 1 }]);
      return;
    }
  }
}
