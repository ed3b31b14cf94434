import * as z from 'zod/mini';
import { SYSREG_NAMES } from '../../arch/index.ts';
import { injectorModeSchema, setupCallSchema } from '../scenario/schema-actions.ts';
import type { Scenario } from '../scenario/index.ts';
import { LOG_KEPT } from '../state.ts';
import type { MachineState } from '../state.ts';

/**
 * The machine state a snapshot may hold, checked before anything is restored: every field's
 * presence, type and range for this scenario (PE indices, INTIDs, device, timeline and
 * expectation indices), then what ties fields together (the agenda is a heap in time order, a
 * PE's frame 0 is its task, an irq_desc sits under its own INTID). Returns null or a message
 * that names the field ("pes[2].frames[1].ops[0].size: …").
 */
export function machineStateProblem(scenario: Scenario, raw: unknown): string | null {
  const schema = stateSchema(scenario);
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return issue === undefined ? 'invalid' : `${pathOf(issue.path)}: ${issue.message}`;
  }
  return relationsProblem(scenario, parsed.data as MachineState);
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = 'state';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

// zod/mini, as the scenario schema: the worker loads this before the first screen
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const nat = z.int().check(z.minimum(0));
const time = intIn(0, Number.MAX_SAFE_INTEGER);
const u32 = intIn(0, 0xffffffff);

const schemas = new WeakMap<Scenario, z.ZodMiniType>();

function stateSchema(scenario: Scenario): z.ZodMiniType {
  const cached = schemas.get(scenario);
  if (cached !== undefined) return cached;
  const peCount = scenario.machine.pes;
  const maxIntid = 31 + scenario.machine.spis;
  const pe = intIn(0, peCount - 1);
  const intid = intIn(0, maxIntid);
  const lineIntid = intIn(16, maxIntid);
  const lineKey = z.string().check(z.regex(/^\d+(@\d+)?$/, 'expected "intid" or "intid@pe"'));
  const opValue = z.union([z.int(), z.strictObject({ var: z.string() })]);
  const offset = intIn(0, 0x1ffff);
  const sysreg = z.enum(SYSREG_NAMES);
  const op = z.discriminatedUnion('op', [
    z.strictObject({
      op: z.literal('dist-write'),
      offset,
      value: opValue,
      size: z.union([z.literal(1), z.literal(4), z.literal(8)]),
    }),
    z.strictObject({
      op: z.literal('dist-read'),
      offset,
      size: z.union([z.literal(4), z.literal(8)]),
      into: z.optional(z.string()),
    }),
    z.strictObject({
      op: z.literal('redist-write'),
      offset,
      value: opValue,
      size: z.union([z.literal(1), z.literal(4)]),
    }),
    z.strictObject({
      op: z.literal('redist-read'),
      offset,
      size: z.literal(4),
      into: z.optional(z.string()),
    }),
    z.strictObject({ op: z.literal('poll-dist'), offset, mask: u32 }),
    z.strictObject({ op: z.literal('poll-redist'), offset, mask: u32 }),
    z.strictObject({ op: z.literal('dist-rmw'), offset, clear: u32, set: u32 }),
    z.strictObject({ op: z.literal('redist-rmw'), offset, clear: u32, set: u32 }),
    z.strictObject({ op: z.literal('sysreg-write'), name: sysreg, value: opValue }),
    z.strictObject({ op: z.literal('sysreg-read'), name: sysreg, into: z.optional(z.string()) }),
    z.strictObject({ op: z.literal('daif'), set: z.boolean() }),
    z.strictObject({ op: z.literal('allint'), value: z.boolean() }),
    z.strictObject({ op: z.literal('work'), ns: time, label: z.string() }),
    z.strictObject({ op: z.literal('log'), text: z.string() }),
    z.strictObject({
      op: z.literal('send-ipi'),
      ipi: intIn(0, 15),
      targets: z.array(pe),
    }),
    z.strictObject({ op: z.literal('set-sctlr-nmi'), value: z.boolean() }),
    z.strictObject({ op: z.literal('secondaries-start') }),
    z.strictObject({ op: z.literal('boot-done') }),
    z.strictObject({ op: z.literal('critical-section'), enter: z.boolean() }),
    z.strictObject({ op: z.literal('call'), index: nat }),
    z.strictObject({ op: z.literal('irq-path') }),
    z.strictObject({ op: z.literal('dispatch') }),
    z.strictObject({ op: z.literal('handle'), nmi: z.boolean() }),
    z.strictObject({ op: z.literal('device-ack'), intid }),
    z.strictObject({ op: z.literal('eret') }),
  ]);
  const masks = z.strictObject({ i: z.boolean(), f: z.boolean(), allint: z.boolean() });
  const frame = z.strictObject({
    kind: z.enum(['task', 'irq', 'fiq', 'superpriority-irq']),
    label: z.string(),
    intid: z.nullable(intid),
    nmi: z.boolean(),
    ops: z.array(op),
    vars: z.record(z.string(), z.int()),
    saved: z.nullable(masks),
    enteredAt: time,
    workEnd: intIn(-1, Number.MAX_SAFE_INTEGER),
  });
  const peState = z.strictObject({
    index: pe,
    masks,
    sctlrNmi: z.boolean(),
    frames: z.array(frame).check(z.minLength(1, 'a PE has at least its task frame')),
    runAt: z.nullable(time),
    runToken: nat,
    criticalSection: z.boolean(),
    booted: z.boolean(),
  });
  const agendaItem = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('pe-run'), pe, token: nat }),
    z.strictObject({
      kind: z.literal('timeline'),
      index: intIn(0, Math.max(scenario.timeline.length - 1, 0)),
    }),
    z.strictObject({
      kind: z.literal('expect'),
      index: intIn(0, Math.max(scenario.expect.length - 1, 0)),
    }),
    z.strictObject({
      kind: z.literal('device-fire'),
      device: intIn(0, Math.max(scenario.devices.length - 1, 0)),
      pe: z.nullable(pe),
    }),
    z.strictObject({ kind: z.literal('lower-line'), intid: lineIntid, pe: z.nullable(pe) }),
  ]);
  // with an ITS the guest also names its MSI vectors: LPIs from 8192 (IHI 0069 §1.2.2)
  const descIntid = scenario.machine.its ? z.union([intid, intIn(8192, 2 ** 20 - 1)]) : intid;
  const desc = z.strictObject({
    intid: descIntid,
    name: z.string(),
    kind: z.enum(['irq', 'nmi', 'percpu-irq', 'percpu-nmi', 'ipi', 'ipi-nmi', 'msi']),
    trigger: z.enum(['level', 'edge']),
    shared: z.boolean(),
    enabled: z.boolean(),
    handlerNs: time,
    msi: z.optional(z.strictObject({ deviceId: nat, eventId: nat, pe })),
  });
  const schema = z.strictObject({
    now: time,
    queue: z.strictObject({
      heap: z.array(z.strictObject({ at: time, seq: nat, item: agendaItem })),
      nextSeq: nat,
    }),
    pes: z.array(peState).check(z.length(peCount, `expected one entry per PE (${peCount})`)),
    guest: z.strictObject({
      calls: z.array(setupCallSchema),
      descs: z.record(z.string(), desc),
      counts: z.record(
        z.string(),
        z.array(nat).check(z.length(peCount, `expected one count per PE (${peCount})`)),
      ),
      log: z
        .array(z.strictObject({ at: time, pe: z.nullable(pe), text: z.string() }))
        .check(z.maxLength(2 * LOG_KEPT)),
      logTotal: nat,
      logTexts: z.record(z.string(), z.int().check(z.minimum(1))),
      booted: z.boolean(),
    }),
    devices: z
      .array(z.strictObject({ asserted: z.array(lineKey), cursor: nat }))
      .check(
        z.length(
          scenario.devices.length,
          `expected one entry per device (${scenario.devices.length})`,
        ),
      ),
    injector: z.strictObject({
      mode: injectorModeSchema,
      last: z.nullable(z.strictObject({ intid, pe: z.nullable(pe) })),
      chosen: z.array(intid),
      held: z.array(lineKey),
    }),
    prng: u32,
    eventSeq: nat,
    timelineNext: intIn(0, scenario.timeline.length),
    expectNext: intIn(0, scenario.expect.length),
    results: z
      .array(z.nullable(z.strictObject({ passed: z.boolean(), actual: z.string() })))
      .check(
        z.length(
          scenario.expect.length,
          `expected one entry per expectation (${scenario.expect.length})`,
        ),
      ),
  });
  schemas.set(scenario, schema);
  return schema;
}

/** What ties fields together, once each field is well-formed. */
function relationsProblem(scenario: Scenario, s: MachineState): string | null {
  const heap = s.queue.heap;
  for (let i = 0; i < heap.length; i++) {
    const e = heap[i];
    if (e === undefined) continue;
    if (e.seq >= s.queue.nextSeq)
      return `state.queue.heap[${i}].seq: ${e.seq} is not below queue.nextSeq ${s.queue.nextSeq}`;
    const parent = heap[(i - 1) >> 1];
    if (
      i > 0 &&
      parent !== undefined &&
      (e.at < parent.at || (e.at === parent.at && e.seq < parent.seq))
    )
      return `state.queue.heap[${i}]: comes before its parent in time order (the agenda is not a heap)`;
  }
  for (let p = 0; p < s.pes.length; p++) {
    const pe = s.pes[p];
    if (pe === undefined) continue;
    if (pe.index !== p) return `state.pes[${p}].index: is ${pe.index}, expected ${p}`;
    for (let f = 0; f < pe.frames.length; f++) {
      const frame = pe.frames[f];
      if (frame === undefined) continue;
      const where = `state.pes[${p}].frames[${f}]`;
      if (f === 0 && (frame.kind !== 'task' || frame.saved !== null))
        return `${where}: frame 0 must be the task (kind "task", saved null)`;
      if (f > 0 && (frame.kind === 'task' || frame.saved === null))
        return `${where}: a handler frame must be an exception (irq, fiq, superpriority-irq) with saved masks`;
      for (let o = 0; o < frame.ops.length; o++) {
        const op = frame.ops[o];
        if (op?.op === 'call' && op.index >= s.guest.calls.length)
          return `${where}.ops[${o}].index: ${op.index} names no guest call (${s.guest.calls.length})`;
      }
    }
  }
  for (const [key, desc] of Object.entries(s.guest.descs)) {
    if (String(desc.intid) !== key)
      return `state.guest.descs.${key}.intid: is ${desc.intid}, expected ${key}`;
  }
  for (const key of Object.keys(s.guest.counts)) {
    if (key !== 'err' && !/^\d+$/.test(key))
      return `state.guest.counts.${key}: expected an INTID or "err"`;
  }
  if (s.guest.log.length > s.guest.logTotal)
    return `state.guest.logTotal: ${s.guest.logTotal} is less than the ${s.guest.log.length} lines kept`;
  const last = s.guest.log[s.guest.log.length - 1];
  if (last !== undefined && last.at > s.now)
    return `state.guest.log: its newest line (at ${last.at}) is later than now (${s.now})`;
  if (s.injector.chosen.length > 0 && s.injector.last === null)
    return 'state.injector.last: is null although NMIs were injected';
  void scenario;
  return null;
}
