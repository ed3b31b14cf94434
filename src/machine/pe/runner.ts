import { encodeItsCommand } from '../../gic/index.ts';
import type { ItsCommand } from '../../gic/index.ts';
import { GITS, ITS_MEMORY } from '../guest/its-driver.ts';
import type { SysregAccessOptions } from '../../gic/index.ts';
import { emit, log, pe as peOf, planOf, wake } from '../core.ts';
import type { Core } from '../core.ts';
import { deviceAck, startDevices } from '../devices/index.ts';
import { expandCall } from '../guest/calls.ts';
import { entryOps, exitOps, handlingOps, irqPathOps, isSpecial } from '../guest/driver-entry.ts';
import { IPI_HANDLER_NS, ipiName } from '../guest/ipi.ts';
import type { Op, OpValue } from '../guest/ops.ts';
import type { Frame, PeState } from '../state.ts';
import { exceptionToTake, masksOnEntry } from './pstate.ts';

/** Virtual cost of each kind of step, in ns (a simple in-order core at ~1 GHz). */
const COST = { sysreg: 10, mmio: 40, pstate: 2, entry: 20, eret: 10 } as const;
const POLL_LIMIT = 1000;

function top(p: PeState): Frame {
  const frame = p.frames[p.frames.length - 1];
  if (frame === undefined) throw new Error(`PE ${p.index} has no frame`);
  return frame;
}

/** One turn of a PE: take an exception if one is due, else run ops until one takes time. */
export function runPe(core: Core, index: number): void {
  const p = peOf(core, index);
  p.runAt = null;
  core.running = index;
  let delay: number | null;
  try {
    delay = turn(core, p);
  } finally {
    core.running = null;
  }
  if (delay !== null) wake(core, index, core.state.now + delay);
  else if (exceptionToTake(core.gic.outputs(index), p.masks, p.sctlrNmi) !== null)
    wake(core, index);
}

/**
 * An output line changed: a PE in WFI wakes; a PE inside a long `work` step is interrupted
 * there if the exception can be taken now (the rest of the work resumes after the ERET).
 */
export function interruptPe(core: Core, index: number): void {
  const p = peOf(core, index);
  if (p.runAt === null) {
    wake(core, index);
    return;
  }
  const workEnd = top(p).vars.__workEnd;
  if (
    workEnd !== undefined &&
    workEnd > core.state.now &&
    exceptionToTake(core.gic.outputs(index), p.masks, p.sctlrNmi) !== null
  ) {
    p.runAt = null;
    wake(core, index);
  }
}

/** Returns the time until the PE's next turn, or null when it waits for interrupts (WFI). */
function turn(core: Core, p: PeState): number | null {
  const frame = top(p);
  const workEnd = frame.vars.__workEnd;
  if (workEnd !== undefined) {
    delete frame.vars.__workEnd;
    if (workEnd > core.state.now) {
      frame.ops.unshift({ op: 'work', ns: workEnd - core.state.now, label: 'resumed' });
    }
  }
  if (takeException(core, p)) return COST.entry;
  for (;;) {
    const frame = top(p);
    const op = frame.ops.shift();
    if (op === undefined) {
      if (frame.kind === 'task') return null;
      eret(core, p);
      continue;
    }
    const cost = execute(core, p, frame, op);
    if (cost > 0) return cost;
  }
}

function takeException(core: Core, p: PeState): boolean {
  const kind = exceptionToTake(core.gic.outputs(p.index), p.masks, p.sctlrNmi);
  if (kind === null) return false;
  const interrupted = top(p).label;
  const saved = p.masks;
  p.masks = masksOnEntry(p.sctlrNmi, p.masks);
  p.frames.push({
    kind,
    label: kind,
    intid: null,
    nmi: kind === 'superpriority-irq',
    ops: entryOps(planOf(core, p.index), kind),
    vars: {},
    saved,
    enteredAt: core.state.now,
  });
  emit(core, {
    kind: 'exception-taken',
    pe: p.index,
    exception: kind,
    depth: p.frames.length - 1,
    interrupted,
  });
  return true;
}

function eret(core: Core, p: PeState): void {
  const frame = p.frames.pop();
  if (frame === undefined || frame.kind === 'task' || frame.saved === null)
    throw new Error('ERET without an exception');
  p.masks = frame.saved;
  emit(core, {
    kind: 'exception-returned',
    pe: p.index,
    exception: frame.kind,
    depth: p.frames.length - 1,
    intid: frame.intid,
  });
}

function value(frame: Frame, v: OpValue): number {
  return typeof v === 'number' ? v : (frame.vars[v.var] ?? 0);
}

function sysregOpts(core: Core, name: string): SysregAccessOptions | undefined {
  return core.plan.pmrAccessSecure && (name === 'ICC_PMR_EL1' || name === 'ICC_RPR_EL1')
    ? { secure: true }
    : undefined;
}

function low32(v: bigint): number {
  return Number(BigInt.asUintN(32, v));
}

/** Runs one op; returns its virtual cost (0: the PE continues at once). */
function execute(core: Core, p: PeState, frame: Frame, op: Op): number {
  const gic = core.gic;
  const i = p.index;
  switch (op.op) {
    case 'dist-write':
      gic.writeDistributor(op.offset, BigInt(value(frame, op.value)), op.size);
      return COST.mmio;
    case 'dist-read': {
      const v = low32(gic.readDistributor(op.offset, op.size));
      if (op.into !== undefined) frame.vars[op.into] = v;
      return COST.mmio;
    }
    case 'redist-write':
      gic.writeRedistributor(i, op.offset, BigInt(value(frame, op.value)), op.size);
      return COST.mmio;
    case 'redist-read': {
      const v = low32(gic.readRedistributor(i, op.offset, op.size));
      if (op.into !== undefined) frame.vars[op.into] = v;
      return COST.mmio;
    }
    case 'dist-rmw': {
      const v = low32(gic.readDistributor(op.offset, 4));
      gic.writeDistributor(op.offset, BigInt(((v & ~op.clear) | op.set) >>> 0), 4);
      return 2 * COST.mmio;
    }
    case 'redist-rmw': {
      const v = low32(gic.readRedistributor(i, op.offset, 4));
      gic.writeRedistributor(i, op.offset, BigInt(((v & ~op.clear) | op.set) >>> 0), 4);
      return 2 * COST.mmio;
    }
    case 'poll-dist':
    case 'poll-redist': {
      const v = low32(
        op.op === 'poll-dist'
          ? gic.readDistributor(op.offset, 4)
          : gic.readRedistributor(i, op.offset, 4),
      );
      if ((v & op.mask) !== 0) {
        const polls = (frame.vars.__polls ?? 0) + 1;
        frame.vars.__polls = polls;
        if (polls < POLL_LIMIT) frame.ops.unshift(op);
        else
          log(
            core,
            i,
            op.op === 'poll-dist'
              ? 'GICv3: RWP timeout, gone fishing'
              : `GICv3: CPU${i}: redistributor failed to wakeup...`,
          );
      } else {
        frame.vars.__polls = 0;
      }
      return COST.mmio;
    }
    case 'sysreg-write':
      gic.writeSysreg(i, op.name, BigInt(value(frame, op.value)), sysregOpts(core, op.name));
      return COST.sysreg;
    case 'sysreg-read': {
      const v = low32(gic.readSysreg(i, op.name, sysregOpts(core, op.name)));
      if (op.into !== undefined) frame.vars[op.into] = op.name.includes('IAR') ? v & 0xffffff : v;
      return COST.sysreg;
    }
    case 'daif':
      p.masks = { ...p.masks, i: op.set, f: op.set };
      emit(core, { kind: 'masks-changed', pe: i, masks: p.masks });
      return COST.pstate;
    case 'allint':
      p.masks = { ...p.masks, allint: op.value };
      emit(core, { kind: 'masks-changed', pe: i, masks: p.masks });
      return COST.pstate;
    case 'set-sctlr-nmi':
      p.sctlrNmi = op.value;
      gic.setPeNmiEnabled(i, op.value);
      emit(core, { kind: 'sctlr-nmi-changed', pe: i, value: op.value });
      return COST.pstate;
    case 'work':
      frame.vars.__workEnd = core.state.now + op.ns;
      return op.ns;
    case 'log':
      log(core, i, op.text);
      return 0;
    case 'send-ipi':
      return sendIpi(core, i, op.ipi, op.targets);
    case 'secondaries-start':
      for (let other = 1; other < core.plan.peCount; other++) wake(core, other);
      return 0;
    case 'boot-done':
      core.state.guest.booted = true;
      p.booted = true;
      emit(core, { kind: 'boot-completed', pe: i });
      startDevices(core, core.state.now);
      return 0;
    case 'critical-section':
      return criticalSection(core, p, op.enter);
    case 'call': {
      const call = core.state.guest.calls[op.index];
      if (call !== undefined) frame.ops.unshift(...expandCall(core, i, call));
      return 0;
    }
    case 'irq-path': {
      const path = irqPathOps(planOf(core, i), frame.vars.savedPmr ?? 0);
      if (path.forcedNmi) frame.vars.forcedNmi = 1;
      frame.ops.unshift(...path.ops);
      return 0;
    }
    case 'dispatch':
      dispatch(core, i, frame);
      return 0;
    case 'handle':
      handle(core, p, frame, op.nmi);
      return 0;
    case 'device-ack':
      deviceAck(core, op.intid, i);
      return COST.mmio;
    case 'eret':
      eret(core, p);
      return COST.eret;
    case 'redist-write64':
      gic.writeRedistributor(i, op.offset, BigInt(op.value), 8);
      return COST.mmio;
    case 'its-write':
      gic.writeIts(op.offset, BigInt(op.value), op.size);
      return COST.mmio;
    case 'its-read':
      gic.readIts(op.offset, op.size);
      return COST.mmio;
    case 'mem-write':
      gic.writeMemory(op.address, op.value, op.size);
      return COST.pstate;
    case 'mem-fill':
      for (let a = 0; a < op.length; a += 8) {
        gic.writeMemory(op.address + a, BigInt(op.byte) * 0x0101010101010101n, 8);
      }
      // a memset at ~16 bytes per ns
      return Math.max(1, Math.round(op.length / 16));
    case 'its-command':
      return itsCommand(core, op.command);
  }
}

/** The ITS command queue the driver owns: 64 KB at ITS_MEMORY.queue (its-driver.ts). */
const QUEUE_BYTES = 16 * 0x1000;

/** its_send_single_command: write the command, advance GITS_CWRITER, read GITS_CREADR. */
function itsCommand(core: Core, command: ItsCommand): number {
  const g = core.state.guest;
  const at = g.itsCwriter ?? 0;
  encodeItsCommand(command).forEach((dw, n) =>
    core.gic.writeMemory(ITS_MEMORY.queue + at + 8 * n, dw, 8),
  );
  g.itsCwriter = (at + 32) % QUEUE_BYTES;
  core.gic.writeIts(GITS.CWRITER, BigInt(g.itsCwriter), 8);
  core.gic.readIts(GITS.CREADR, 8);
  return 2 * COST.mmio + 4 * COST.pstate;
}

function dispatch(core: Core, index: number, frame: Frame): void {
  const intid = frame.vars.intid ?? 1023;
  const plan = planOf(core, index);
  if (isSpecial(intid)) {
    frame.label = `spurious (INTID ${intid})`;
    frame.ops.unshift(...exitOps(plan));
    return;
  }
  const nmi =
    frame.kind === 'superpriority-irq' ||
    frame.vars.forcedNmi === 1 ||
    (plan.nmi === 'pseudo' && frame.vars.rpr === plan.values.rprNmi);
  frame.intid = intid;
  frame.nmi = nmi;
  frame.label = `${nameOf(core, intid)} (INTID ${intid}${nmi ? ', NMI' : ''})`;
  // An LPI has no active state: Linux never writes ICC_DIR_EL1 for INTIDs >= 8192.
  const handling = handlingOps(plan, nmi).filter(
    (op) => !(intid >= 8192 && op.op === 'sysreg-write' && op.name === 'ICC_DIR_EL1'),
  );
  frame.ops.unshift(...handling, ...exitOps(plan));
}

function nameOf(core: Core, intid: number): string {
  const desc = core.state.guest.descs[intid];
  if (desc === undefined) return 'unrequested';
  return intid < 16 ? `IPI${intid} ${desc.name}` : desc.name;
}

/** The flow handler: kstat_incr_irqs_this_cpu, then the device's handler body. */
function handle(core: Core, p: PeState, frame: Frame, nmi: boolean): void {
  const intid = frame.vars.intid ?? 1023;
  const desc = core.state.guest.descs[intid];
  const key = desc === undefined ? 'err' : String(intid);
  const row = (core.state.guest.counts[key] ??= new Array<number>(core.plan.peCount).fill(0));
  row[p.index] = (row[p.index] ?? 0) + 1;
  emit(core, {
    kind: 'interrupt-handled',
    pe: p.index,
    intid,
    name: desc?.name ?? 'Err',
    nmi,
    count: row[p.index] ?? 0,
  });
  if (desc === undefined) {
    frame.ops.unshift({ op: 'log', text: `unexpected IRQ trap at INTID ${intid}` });
    return;
  }
  const ns = intid < 16 ? (IPI_HANDLER_NS[intid] ?? 500) : desc.handlerNs;
  frame.ops.unshift({ op: 'work', ns, label: desc.name }, { op: 'device-ack', intid });
}

function criticalSection(core: Core, p: PeState, enter: boolean): number {
  p.criticalSection = enter;
  emit(core, { kind: enter ? 'critical-section-entered' : 'critical-section-left', pe: p.index });
  const plan = planOf(core, p.index);
  if (plan.nmi === 'pseudo') {
    const v = enter ? plan.pmrIrqOff : plan.pmrIrqOn;
    core.gic.writeSysreg(p.index, 'ICC_PMR_EL1', BigInt(v), sysregOpts(core, 'ICC_PMR_EL1'));
    return COST.sysreg;
  }
  p.masks = { ...p.masks, i: enter, f: enter };
  emit(core, { kind: 'masks-changed', pe: p.index, masks: p.masks });
  return COST.pstate;
}

/** gic_send_sgi: one ICC_SGI1R_EL1 write per Aff3.Aff2.Aff1 cluster, IRM=0 with a target list. */
function sendIpi(core: Core, from: number, ipi: number, targets: readonly number[]): number {
  emit(core, { kind: 'ipi-sent', pe: from, ipi, name: ipiName(ipi), targets });
  const clusters = new Map<
    string,
    { aff3: number; aff2: number; aff1: number; rs: number; list: number }
  >();
  for (const t of targets) {
    const a = core.plan.affinity[t];
    if (a === undefined) continue;
    const rs = a.aff0 >> 4;
    const key = `${a.aff3}.${a.aff2}.${a.aff1}.${rs}`;
    const c = clusters.get(key) ?? { aff3: a.aff3, aff2: a.aff2, aff1: a.aff1, rs, list: 0 };
    c.list |= 1 << (a.aff0 & 15);
    clusters.set(key, c);
  }
  for (const c of clusters.values()) {
    const v =
      (BigInt(c.aff3) << 48n) |
      (BigInt(c.rs) << 44n) |
      (BigInt(c.aff2) << 32n) |
      (BigInt(ipi) << 24n) |
      (BigInt(c.aff1) << 16n) |
      BigInt(c.list);
    core.gic.writeSysreg(from, 'ICC_SGI1R_EL1', v);
  }
  return COST.sysreg * Math.max(1, clusters.size);
}
