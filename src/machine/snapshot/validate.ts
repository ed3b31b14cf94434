import { z } from 'zod';
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
  const parsed = schema.safeParse(raw);
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

const nat = z.number().int().min(0);
const time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const u32 = z.number().int().min(0).max(0xffffffff);

const schemas = new WeakMap<Scenario, z.ZodType>();

function stateSchema(scenario: Scenario): z.ZodType {
  const cached = schemas.get(scenario);
  if (cached !== undefined) return cached;
  const peCount = scenario.machine.pes;
  const maxIntid = 31 + scenario.machine.spis;
  const pe = z
    .number()
    .int()
    .min(0)
    .max(peCount - 1);
  const intid = z.number().int().min(0).max(maxIntid);
  const lineIntid = z.number().int().min(16).max(maxIntid);
  const lineKey = z.string().regex(/^\d+(@\d+)?$/, 'expected "intid" or "intid@pe"');
  const opValue = z.union([z.number().int(), z.object({ var: z.string() }).strict()]);
  const offset = nat.max(0x1ffff);
  const sysreg = z.enum(SYSREG_NAMES);
  const op = z.discriminatedUnion('op', [
    z
      .object({
        op: z.literal('dist-write'),
        offset,
        value: opValue,
        size: z.union([z.literal(1), z.literal(4), z.literal(8)]),
      })
      .strict(),
    z
      .object({
        op: z.literal('dist-read'),
        offset,
        size: z.union([z.literal(4), z.literal(8)]),
        into: z.string().optional(),
      })
      .strict(),
    z
      .object({
        op: z.literal('redist-write'),
        offset,
        value: opValue,
        size: z.union([z.literal(1), z.literal(4)]),
      })
      .strict(),
    z
      .object({
        op: z.literal('redist-read'),
        offset,
        size: z.literal(4),
        into: z.string().optional(),
      })
      .strict(),
    z.object({ op: z.literal('poll-dist'), offset, mask: u32 }).strict(),
    z.object({ op: z.literal('poll-redist'), offset, mask: u32 }).strict(),
    z.object({ op: z.literal('dist-rmw'), offset, clear: u32, set: u32 }).strict(),
    z.object({ op: z.literal('redist-rmw'), offset, clear: u32, set: u32 }).strict(),
    z.object({ op: z.literal('sysreg-write'), name: sysreg, value: opValue }).strict(),
    z.object({ op: z.literal('sysreg-read'), name: sysreg, into: z.string().optional() }).strict(),
    z.object({ op: z.literal('daif'), set: z.boolean() }).strict(),
    z.object({ op: z.literal('allint'), value: z.boolean() }).strict(),
    z.object({ op: z.literal('work'), ns: time, label: z.string() }).strict(),
    z.object({ op: z.literal('log'), text: z.string() }).strict(),
    z
      .object({
        op: z.literal('send-ipi'),
        ipi: z.number().int().min(0).max(15),
        targets: z.array(pe),
      })
      .strict(),
    z.object({ op: z.literal('set-sctlr-nmi'), value: z.boolean() }).strict(),
    z.object({ op: z.literal('secondaries-start') }).strict(),
    z.object({ op: z.literal('boot-done') }).strict(),
    z.object({ op: z.literal('critical-section'), enter: z.boolean() }).strict(),
    z.object({ op: z.literal('call'), index: nat }).strict(),
    z.object({ op: z.literal('irq-path') }).strict(),
    z.object({ op: z.literal('dispatch') }).strict(),
    z.object({ op: z.literal('handle'), nmi: z.boolean() }).strict(),
    z.object({ op: z.literal('device-ack'), intid }).strict(),
    z.object({ op: z.literal('eret') }).strict(),
  ]);
  const masks = z.object({ i: z.boolean(), f: z.boolean(), allint: z.boolean() }).strict();
  const frame = z
    .object({
      kind: z.enum(['task', 'irq', 'fiq', 'superpriority-irq']),
      label: z.string(),
      intid: intid.nullable(),
      nmi: z.boolean(),
      ops: z.array(op),
      vars: z.record(z.string(), z.number().int()),
      saved: masks.nullable(),
      enteredAt: time,
      workEnd: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER),
    })
    .strict();
  const peState = z
    .object({
      index: pe,
      masks,
      sctlrNmi: z.boolean(),
      frames: z.array(frame).min(1, 'a PE has at least its task frame'),
      runAt: time.nullable(),
      runToken: nat,
      criticalSection: z.boolean(),
      booted: z.boolean(),
    })
    .strict();
  const agendaItem = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('pe-run'), pe, token: nat }).strict(),
    z
      .object({
        kind: z.literal('timeline'),
        index: nat.max(Math.max(scenario.timeline.length - 1, 0)),
      })
      .strict(),
    z
      .object({
        kind: z.literal('expect'),
        index: nat.max(Math.max(scenario.expect.length - 1, 0)),
      })
      .strict(),
    z
      .object({
        kind: z.literal('device-fire'),
        device: nat.max(Math.max(scenario.devices.length - 1, 0)),
        pe: pe.nullable(),
      })
      .strict(),
    z.object({ kind: z.literal('lower-line'), intid: lineIntid, pe: pe.nullable() }).strict(),
  ]);
  const desc = z
    .object({
      intid,
      name: z.string(),
      kind: z.enum(['irq', 'nmi', 'percpu-irq', 'percpu-nmi', 'ipi', 'ipi-nmi']),
      trigger: z.enum(['level', 'edge']),
      shared: z.boolean(),
      enabled: z.boolean(),
      handlerNs: time,
    })
    .strict();
  const schema = z
    .object({
      now: time,
      queue: z
        .object({
          heap: z.array(z.object({ at: time, seq: nat, item: agendaItem }).strict()),
          nextSeq: nat,
        })
        .strict(),
      pes: z.array(peState).length(peCount, `expected one entry per PE (${peCount})`),
      guest: z
        .object({
          calls: z.array(setupCallSchema),
          descs: z.record(z.string(), desc),
          counts: z.record(
            z.string(),
            z.array(nat).length(peCount, `expected one count per PE (${peCount})`),
          ),
          log: z
            .array(z.object({ at: time, pe: pe.nullable(), text: z.string() }).strict())
            .max(2 * LOG_KEPT),
          logTotal: nat,
          logTexts: z.record(z.string(), z.number().int().min(1)),
          booted: z.boolean(),
        })
        .strict(),
      devices: z
        .array(z.object({ asserted: z.array(lineKey), cursor: nat }).strict())
        .length(
          scenario.devices.length,
          `expected one entry per device (${scenario.devices.length})`,
        ),
      injector: z
        .object({
          mode: injectorModeSchema,
          last: z.object({ intid, pe: pe.nullable() }).strict().nullable(),
          chosen: z.array(intid),
          held: z.array(lineKey),
        })
        .strict(),
      prng: u32,
      eventSeq: nat,
      timelineNext: nat.max(scenario.timeline.length),
      expectNext: nat.max(scenario.expect.length),
      results: z
        .array(z.object({ passed: z.boolean(), actual: z.string() }).strict().nullable())
        .length(
          scenario.expect.length,
          `expected one entry per expectation (${scenario.expect.length})`,
        ),
    })
    .strict();
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
