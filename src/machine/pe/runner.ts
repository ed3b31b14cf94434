import type { SysregAccessOptions } from '../../gic/index.ts';
import { emit, log, pe as peOf, planOf, runNext, wake } from '../core.ts';
import type { Core } from '../core.ts';
import { deviceAck, startDevices } from '../devices/index.ts';
import { expandCall } from '../guest/calls.ts';
import { isSpecial } from '../guest/driver-entry.ts';
import { IPI_HANDLER_NS, ipiName } from '../guest/ipi.ts';
import type { Op, OpValue } from '../guest/ops.ts';
import { handlerBody, programsOf } from '../guest/programs.ts';
import type { Frame, PeState } from '../state.ts';
import { exceptionToTake, masksOf, masksOnEntry } from './pstate.ts';

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
  const workEnd = top(p).workEnd;
  if (
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
  const workEnd = frame.workEnd;
  if (workEnd >= 0) {
    frame.workEnd = -1;
    if (workEnd > core.state.now) {
      frame.ops.push({ op: 'work', ns: workEnd - core.state.now, label: 'resumed' });
    }
  }
  if (takeException(core, p)) return COST.entry;
  for (;;) {
    const frame = top(p);
    const op = frame.ops.pop();
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
  const ops: Op[] = [];
  runNext(ops, programsOf(planOf(core, p.index)).entry[kind]);
  p.frames.push({
    kind,
    label: kind,
    intid: null,
    nmi: kind === 'superpriority-irq',
    ops,
    vars: {},
    saved,
    enteredAt: core.state.now,
    workEnd: -1,
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

/** IAR reads keep only the INTID field (bits [23:0]), as the driver masks them. */
function isAcknowledgeRegister(name: string): boolean {
  return name === 'ICC_IAR1_EL1' || name === 'ICC_NMIAR1_EL1' || name === 'ICC_IAR0_EL1';
}

/** Runs one op; returns its virtual cost (0: the PE continues at once). */
function execute(core: Core, p: PeState, frame: Frame, op: Op): number {
  const gic = core.gic;
  const i = p.index;
  switch (op.op) {
    case 'dist-write':
      gic.writeDistributor(op.offset, value(frame, op.value), op.size);
      return COST.mmio;
    case 'dist-read': {
      const v = gic.readDistributor32(op.offset, op.size);
      if (op.into !== undefined) frame.vars[op.into] = v;
      return COST.mmio;
    }
    case 'redist-write':
      gic.writeRedistributor(i, op.offset, value(frame, op.value), op.size);
      return COST.mmio;
    case 'redist-read': {
      const v = gic.readRedistributor32(i, op.offset, op.size);
      if (op.into !== undefined) frame.vars[op.into] = v;
      return COST.mmio;
    }
    case 'dist-rmw': {
      const v = gic.readDistributor32(op.offset, 4);
      gic.writeDistributor(op.offset, ((v & ~op.clear) | op.set) >>> 0, 4);
      return 2 * COST.mmio;
    }
    case 'redist-rmw': {
      const v = gic.readRedistributor32(i, op.offset, 4);
      gic.writeRedistributor(i, op.offset, ((v & ~op.clear) | op.set) >>> 0, 4);
      return 2 * COST.mmio;
    }
    case 'poll-dist':
    case 'poll-redist': {
      const v =
        op.op === 'poll-dist'
          ? gic.readDistributor32(op.offset, 4)
          : gic.readRedistributor32(i, op.offset, 4);
      if ((v & op.mask) !== 0) {
        const polls = (frame.vars.__polls ?? 0) + 1;
        frame.vars.__polls = polls;
        if (polls < POLL_LIMIT) frame.ops.push(op);
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
      gic.writeSysreg(i, op.name, value(frame, op.value), sysregOpts(core, op.name));
      return COST.sysreg;
    case 'sysreg-read': {
      const v = gic.readSysreg32(i, op.name, sysregOpts(core, op.name));
      if (op.into !== undefined)
        frame.vars[op.into] = isAcknowledgeRegister(op.name) ? v & 0xffffff : v;
      return COST.sysreg;
    }
    case 'daif':
      p.masks = masksOf(op.set, op.set, p.masks.allint);
      emit(core, { kind: 'masks-changed', pe: i, masks: p.masks });
      return COST.pstate;
    case 'allint':
      p.masks = masksOf(p.masks.i, p.masks.f, op.value);
      emit(core, { kind: 'masks-changed', pe: i, masks: p.masks });
      return COST.pstate;
    case 'set-sctlr-nmi':
      p.sctlrNmi = op.value;
      gic.setPeNmiEnabled(i, op.value);
      emit(core, { kind: 'sctlr-nmi-changed', pe: i, value: op.value });
      return COST.pstate;
    case 'work':
      frame.workEnd = core.state.now + op.ns;
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
      if (call !== undefined) runNext(frame.ops, expandCall(core, i, call));
      return 0;
    }
    case 'irq-path': {
      const plan = planOf(core, i);
      const irqsOn = (frame.vars.savedPmr ?? 0) === plan.pmrIrqOn;
      const path = programsOf(plan).irqPath[irqsOn ? 0 : 1];
      if (path.forcedNmi) frame.vars.forcedNmi = 1;
      runNext(frame.ops, path.ops);
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
  }
}

function dispatch(core: Core, index: number, frame: Frame): void {
  const intid = frame.vars.intid ?? 1023;
  const plan = planOf(core, index);
  const programs = programsOf(plan);
  if (isSpecial(intid)) {
    frame.label = `spurious (INTID ${intid})`;
    runNext(frame.ops, programs.exit);
    return;
  }
  const nmi =
    frame.kind === 'superpriority-irq' ||
    frame.vars.forcedNmi === 1 ||
    (plan.nmi === 'pseudo' && frame.vars.rpr === plan.values.rprNmi);
  frame.intid = intid;
  frame.nmi = nmi;
  frame.label = labelOf(core, intid, nmi);
  runNext(frame.ops, programs.handling[nmi ? 1 : 0]);
}

/** A handler frame's label ("eth0 (INTID 40)"), made once per name, INTID and NMI-ness. */
const labels = new WeakMap<Core, Map<number, { readonly name: string; readonly label: string }>>();

function labelOf(core: Core, intid: number, nmi: boolean): string {
  const name = core.state.guest.descs[intid]?.name ?? null;
  let byKey = labels.get(core);
  if (byKey === undefined)
    labels.set(
      core,
      (byKey = new Map<number, { readonly name: string; readonly label: string }>()),
    );
  const key = intid * 2 + (nmi ? 1 : 0);
  const cached = byKey.get(key);
  if (cached !== undefined && cached.name === (name ?? '')) return cached.label;
  const shown = name === null ? 'unrequested' : intid < 16 ? `IPI${intid} ${name}` : name;
  const label = `${shown} (INTID ${intid}${nmi ? ', NMI' : ''})`;
  byKey.set(key, { name: name ?? '', label });
  return label;
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
    frame.ops.push({ op: 'log', text: `unexpected IRQ trap at INTID ${intid}` });
    return;
  }
  const ns = intid < 16 ? (IPI_HANDLER_NS[intid] ?? 500) : desc.handlerNs;
  runNext(frame.ops, handlerBody(desc, ns));
}

function criticalSection(core: Core, p: PeState, enter: boolean): number {
  p.criticalSection = enter;
  emit(core, { kind: enter ? 'critical-section-entered' : 'critical-section-left', pe: p.index });
  const plan = planOf(core, p.index);
  if (plan.nmi === 'pseudo') {
    const v = enter ? plan.pmrIrqOff : plan.pmrIrqOn;
    core.gic.writeSysreg(p.index, 'ICC_PMR_EL1', v, sysregOpts(core, 'ICC_PMR_EL1'));
    return COST.sysreg;
  }
  p.masks = masksOf(enter, enter, p.masks.allint);
  emit(core, { kind: 'masks-changed', pe: p.index, masks: p.masks });
  return COST.pstate;
}

/** gic_send_sgi: one ICC_SGI1R_EL1 write per Aff3.Aff2.Aff1 cluster, IRM=0 with a target list. */
function sendIpi(core: Core, from: number, ipi: number, targets: readonly number[]): number {
  emit(core, { kind: 'ipi-sent', pe: from, ipi, name: ipiName(ipi), targets });
  // Clusters in the order their first target appears: packed Aff3.Aff2.Aff1.RS → target list.
  const keys: number[] = [];
  const lists: number[] = [];
  for (const t of targets) {
    const a = core.plan.affinity[t];
    if (a === undefined) continue;
    const key = ((a.aff3 << 24) | (a.aff2 << 16) | (a.aff1 << 8) | (a.aff0 >> 4)) >>> 0;
    let k = keys.indexOf(key);
    if (k < 0) k = keys.push(key) - 1;
    lists[k] = (lists[k] ?? 0) | (1 << (a.aff0 & 15));
  }
  keys.forEach((key, k) => {
    const aff3 = key >>> 24;
    const aff2 = (key >>> 16) & 0xff;
    const aff1 = (key >>> 8) & 0xff;
    const rs = key & 0xf;
    const low = ((ipi << 24) | (aff1 << 16) | (lists[k] ?? 0)) >>> 0;
    // Aff3 [55:48], RS [47:44], Aff2 [39:32]: a number while it stays below 2^53.
    const value =
      aff3 < 32
        ? aff3 * 2 ** 48 + rs * 2 ** 44 + aff2 * 2 ** 32 + low
        : (BigInt(aff3) << 48n) | (BigInt(rs) << 44n) | (BigInt(aff2) << 32n) | BigInt(low);
    core.gic.writeSysreg(from, 'ICC_SGI1R_EL1', value);
  });
  return COST.sysreg * Math.max(1, keys.length);
}
