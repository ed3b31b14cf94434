import type { GicSnapshot, GicSnapshotJson, ResolvedGicConfig } from './api.ts';
import { deliver } from './delivery.ts';
import { Emitter } from './events.ts';
import { markAllDirty, refresh, updateParticipation } from './interrupts.ts';
import type { Model } from './model.ts';
import { affinityKey, FIELD_RULES, gicdCtlrProblem, targetedPe } from './snapshot-rules.ts';
import { persistentLayout, viewOf, type FieldPlacement } from './state-layout.ts';
import { clearDerived, createState, type GicState } from './state.ts';

/**
 * Snapshots (docs/gic-api.md § Snapshots). Taking one copies the persistent buffer; restoring
 * one builds a whole new state aside — copy, check every field, rebuild the delivery caches,
 * check that the rebuild changed nothing — and only then swaps it in, so a damaged snapshot
 * leaves the model exactly as it was.
 */

/** The snapshot object, its buffer object and the shared config reference, in heap bytes. */
const SNAPSHOT_OBJECT_BYTES = 240;

export function takeSnapshot(s: GicState): GicSnapshot {
  const data = s.persistent.slice();
  return {
    format: 'gicscope.gic',
    version: 2,
    config: s.cfg,
    data,
    gicdCtlr: s.gicdCtlr,
    rrLast: s.rrLast,
    rng: s.rng,
    bytes: data.byteLength + SNAPSHOT_OBJECT_BYTES,
  };
}

export function snapshotToJson(snap: GicSnapshot): GicSnapshotJson {
  const fields: Record<string, number[]> = {};
  for (const placement of persistentLayout(snap.config).fields)
    fields[placement.spec.name] = Array.from(viewOf(snap.data.buffer, shifted(placement, snap)));
  return {
    format: 'gicscope.gic',
    version: 2,
    config: snap.config,
    fields,
    gicdCtlr: snap.gicdCtlr,
    rrLast: snap.rrLast,
    rng: snap.rng,
  };
}

/** A compact snapshot as plain JSON (arrays of numbers), for files. */
export const gicSnapshotToJson = snapshotToJson;

function shifted(p: FieldPlacement, snap: GicSnapshot): FieldPlacement {
  return { ...p, byteOffset: p.byteOffset + snap.data.byteOffset };
}

class SnapshotError extends Error {
  constructor(message: string) {
    super(`restore: ${message}`);
    this.name = 'SnapshotError';
  }
}

function fail(message: string): never {
  throw new SnapshotError(message);
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

/** Which interrupt or PE element `i` of a field stands for, for messages. */
function describeElement(s: GicState, p: FieldPlacement, i: number): string {
  switch (p.spec.unit) {
    case 'slot': {
      if (i >= s.spiBase) return `SPI ${i - s.spiBase + 32}`;
      const intid = i & 31;
      return `${intid < 16 ? 'SGI' : 'PPI'} ${intid} of PE ${i >> 5}`;
    }
    case 'spi':
      return `SPI ${i + 32}`;
    case 'pe':
      return `PE ${i}`;
    case 'pe-group':
      return `PE ${Math.floor(i / 3)} ${['G0', 'G1S', 'G1NS'][i % 3] ?? ''}`;
    case 'pe-apr': {
      const g = Math.floor(i / 4) % 3;
      return `PE ${Math.floor(i / 12)} ${g === 0 ? 'AP0R' : g === 1 ? 'AP1R (S)' : 'AP1R (NS)'}${i & 3}`;
    }
    case 'pe-word':
      return `PE ${i >> 1} ${i & 1 ? 'upper' : 'lower'} word`;
  }
}

const TYPE_RANGE = { u32: [0, 0xffffffff], i16: [-0x8000, 0x7fff], u8: [0, 0xff] } as const;

function checkConfig(cfg: ResolvedGicConfig, raw: unknown): void {
  if (!isObject(raw)) fail('config is missing');
  const keys: readonly (keyof ResolvedGicConfig)[] = [
    'peCount',
    'spiCount',
    'maxSpiIntId',
    'securityExtensions',
    'priorityBits',
    'preemptionBits',
    'nmi',
    'oneOfN',
    'profile',
    'seed',
  ];
  for (const key of keys) {
    if (raw[key] !== cfg[key])
      fail(
        `config.${key} is ${JSON.stringify(raw[key])} but this GIC has ${JSON.stringify(cfg[key])}: the snapshot was taken from a GIC with a different configuration`,
      );
  }
  const affinity = raw.affinity;
  if (!Array.isArray(affinity) || affinity.length !== cfg.affinity.length)
    fail('config.affinity does not list one affinity per PE of this GIC');
  cfg.affinity.forEach((a, pe) => {
    if (affinityKey(affinity[pe]) !== affinityKey(a))
      fail(`config.affinity[${pe}] differs from this GIC's PE ${pe}`);
  });
}

/** Copies the snapshot's fields into `t`'s persistent buffer, checking type and length. */
function load(t: GicState, raw: Record<string, unknown>, fields: readonly FieldPlacement[]): void {
  if ('data' in raw) {
    const data = raw.data;
    if (Object.prototype.toString.call(data) !== '[object Uint8Array]')
      fail('data must be a Uint8Array (or give `fields` as in snapshotJson())');
    const bytes = data as Uint8Array;
    if (bytes.byteLength !== t.persistent.byteLength)
      fail(`data has ${bytes.byteLength} bytes, this GIC's state has ${t.persistent.byteLength}`);
    t.persistent.set(bytes);
    return;
  }
  const given = raw.fields;
  if (!isObject(given)) fail('neither data nor fields is present');
  const known = new Set(fields.map((p) => p.spec.name));
  for (const name of Object.keys(given))
    if (!known.has(name)) fail(`fields.${name} is not part of this model's state`);
  for (const p of fields) {
    const name = p.spec.name;
    const values = given[name];
    if (!Array.isArray(values)) fail(`field ${name} is missing or not an array`);
    if (values.length !== p.length)
      fail(`field ${name} has ${values.length} elements, this GIC has ${p.length}`);
    const [lo, hi] = TYPE_RANGE[p.spec.type];
    const view = viewOf(t.persistent.buffer, p);
    for (let i = 0; i < p.length; i++) {
      const v: unknown = values[i];
      if (!isInt(v) || v < lo || v > hi)
        fail(
          `field ${name}[${i}] (${describeElement(t, p, i)}) is ${JSON.stringify(v)}; it must be an integer ${lo}…${hi}`,
        );
      view[i] = v;
    }
  }
}

function checkFields(t: GicState, fields: readonly FieldPlacement[]): void {
  for (const p of fields) {
    const rule = FIELD_RULES[p.spec.name as keyof typeof FIELD_RULES];
    const view = viewOf(t.persistent.buffer, p);
    for (let i = 0; i < p.length; i++) {
      const problem = rule(t, i, view[i] ?? 0);
      if (problem !== null)
        fail(`field ${p.spec.name}[${i}] (${describeElement(t, p, i)}) is ${view[i]}: ${problem}`);
    }
  }
  for (let spi = 0; spi < t.spiCount; spi++) {
    const target = targetedPe(t, spi);
    if (target === null) continue;
    if (t.routeTarget[spi] !== target)
      fail(
        `field routeTarget[${spi}] (SPI ${spi + 32}) is ${t.routeTarget[spi]} but its GICD_IROUTER names ${target < 0 ? 'no PE' : `PE ${target}`}`,
      );
    if (t.unplaced[spi] !== 0)
      fail(`field unplaced[${spi}] (SPI ${spi + 32}) is set but the SPI is not routed 1-of-N`);
  }
}

function checkScalars(t: GicState, raw: Record<string, unknown>): void {
  const { gicdCtlr, rrLast, rng } = raw;
  if (!isInt(gicdCtlr) || gicdCtlr < 0 || gicdCtlr > 0xffffffff)
    fail(`gicdCtlr is ${JSON.stringify(gicdCtlr)}; it must be an unsigned 32-bit integer`);
  const problem = gicdCtlrProblem(t, gicdCtlr);
  if (problem !== null) fail(`gicdCtlr is 0x${gicdCtlr.toString(16)}: it ${problem}`);
  if (!isInt(rrLast) || rrLast < -1 || rrLast >= t.peCount)
    fail(`rrLast is ${JSON.stringify(rrLast)}; it must be -1…${t.peCount - 1}`);
  if (!isInt(rng) || rng < 0 || rng > 0xffffffff)
    fail(`rng is ${JSON.stringify(rng)}; it must be an unsigned 32-bit integer`);
  t.gicdCtlr = gicdCtlr;
  t.rrLast = rrLast;
  t.rng = rng;
}

/**
 * Rebuilds the derived state of `t` without events. A consistent state is a fixed point of the
 * rebuild; if it moved a 1-of-N SPI (a target that does not participate, a waiting SPI that
 * could be placed), the snapshot is refused and the field named.
 */
function rebuild(t: GicState, fields: readonly FieldPlacement[]): void {
  const before = t.persistent.slice();
  const scalars = [t.rrLast, t.rng];
  clearDerived(t);
  for (let spi = 0; spi < t.spiCount; spi++) t.unplacedCount += t.unplaced[spi] ?? 0;
  for (let pe = 0; pe < t.peCount; pe++) updateParticipation(t, pe);
  const quiet: Model = { s: t, ev: new Emitter(), hi: 0, contexts: [] };
  for (let slot = 0; slot < t.slotCount; slot++) refresh(quiet, slot);
  markAllDirty(t);
  deliver(quiet);
  const after = t.persistent;
  for (let i = 0; i < after.length; i++) {
    if (after[i] === before[i]) continue;
    const width = (f: FieldPlacement): number =>
      f.spec.type === 'u32' ? 4 : f.spec.type === 'i16' ? 2 : 1;
    const p = fields.find(
      (f) => i >= f.byteOffset && i < f.byteOffset + f.length * width(f),
    ) as FieldPlacement;
    const index = Math.floor((i - p.byteOffset) / width(p));
    fail(
      `field ${p.spec.name}[${index}] (${describeElement(t, p, index)}) is inconsistent with the rest of the state: 1-of-N routing would change it`,
    );
  }
  if (t.rrLast !== scalars[0] || t.rng !== scalars[1])
    fail('rrLast/rng are inconsistent with the 1-of-N routing state');
}

/** The state a restore fills before swapping it in; the previous state becomes the next spare. */
const spares = new WeakMap<Model, GicState>();

export function restoreSnapshot(m: Model, input: unknown): void {
  const cfg = m.s.cfg;
  if (!isObject(input) || input.format !== 'gicscope.gic')
    fail('not a gicscope GIC snapshot (format must be "gicscope.gic")');
  if (input.version !== 2) fail(`version ${JSON.stringify(input.version)} is not supported (2)`);
  checkConfig(cfg, input.config);
  const t = spares.get(m) ?? createState(cfg);
  spares.set(m, t);
  const layout = persistentLayout(cfg);
  load(t, input, layout.fields);
  checkScalars(t, input);
  checkFields(t, layout.fields);
  rebuild(t, layout.fields);
  spares.set(m, m.s);
  m.s = t;
}
