import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../machine.ts';
import { parseScenario, parseScenarioText } from './parse.ts';

// One set of rules: whatever parseScenario accepts, the machine builds and runs; whatever it
// refuses is refused with a JSON path. The generator covers every device, action and check, with
// values drawn both inside and at the edges of what the model implements.

const SPI_COUNTS = [32, 64, 96, 960, 988];
const REGISTERS = [
  'ICC_PMR_EL1',
  'ICC_BPR1_EL1',
  'ICC_IGRPEN1_EL1',
  'ICC_CTLR_EL1',
  'ICC_SGI1R_EL1',
];

/** Mostly valid, now and then a value at or past an edge (1 in 40), so many scenarios run. */
function edge<T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 40, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );
}

interface Shape {
  readonly pes: number;
  readonly spis: number;
  readonly runUntil: number;
}

function parts({ pes, spis, runUntil }: Shape) {
  const maxIntid = 31 + spis;
  const pe = edge(fc.integer({ min: 0, max: pes - 1 }), -1, pes, 256, 0.5);
  const sgiPpi = fc.integer({ min: 16, max: 31 });
  const spi = edge(fc.integer({ min: 32, max: Math.min(maxIntid, 80) }), maxIntid + 1, 1020, 8192);
  const anyIntid = fc.oneof(sgiPpi, spi, fc.integer({ min: 0, max: 15 }));
  const at = edge(
    fc.oneof(
      fc.integer({ min: 0, max: runUntil }),
      fc.integer({ min: 0, max: Math.floor(runUntil / 1000) }).map((n) => `${n}us`),
    ),
    runUntil + 1,
    -1,
    1.5,
    '1.5ns',
    1e308,
  );
  const period = edge(
    fc.oneof(
      fc.integer({ min: 2_000, max: 60_000 }),
      fc.integer({ min: 2, max: 60 }).map((n) => `${n}us`),
    ),
    0,
    '0us',
    -5,
    0.25,
  );
  const value = edge(fc.integer({ min: 0, max: 0xff }), '0x1ffffffffffffffff', 3.5, -1, 'ff');
  const target = fc.oneof(
    fc.record({
      block: fc.constant('distributor'),
      offset: edge(
        fc.constantFrom(0, 0x4, 0x100, 0x104, 0x180, 0x400, 0x420, '0x6100', 0xfffc),
        0x10000,
        '0xffffffffffff',
        'zz',
      ),
      size: edge(fc.constantFrom(1, 4), 3, 16),
    }),
    fc.record({
      block: fc.constant('redistributor'),
      pe,
      offset: edge(fc.constantFrom(0, 0x14, 0x10100, 0x10400, '0x1fffc'), 0x20000),
      size: fc.constantFrom(1, 4, 8),
    }),
    fc.record({
      block: fc.constant('cpu-interface'),
      pe,
      register: edge(fc.constantFrom(...REGISTERS), 'ICC_FOO_EL1', 'ICC_IAR1_EL1'),
    }),
  );
  const pesList = fc
    .oneof(
      fc.constant('all'),
      fc.uniqueArray(fc.integer({ min: 0, max: pes - 1 }), { minLength: 1, maxLength: pes }),
    )
    .chain((list) => edge(fc.constant(list), [0, 0]));
  const trigger = fc.constantFrom('level', 'edge');
  const route = fc.oneof(fc.constantFrom('boot-pe', 'one-of-n'), fc.record({ pe }));
  const line = edge(
    fc.oneof(fc.record({ intid: sgiPpi, pe }), fc.record({ intid: spi })),
    { intid: 40, pe: 0 },
    { intid: 27 },
  );

  const device = fc.oneof(
    fc.record(
      {
        type: fc.constant('arch-timer'),
        timer: fc.constantFrom('virtual', 'physical'),
        period,
        start: at,
        pes: pesList,
      },
      { requiredKeys: ['type', 'period'] },
    ),
    fc.record(
      {
        type: fc.constant('uart-pl011'),
        intid: edge(spi, 20),
        receiveAt: fc.array(at, { maxLength: 3 }),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record(
      {
        type: fc.constant('spi-source'),
        intid: edge(spi, 20),
        name: fc.constant('src'),
        trigger,
        period,
        handler: edge(fc.integer({ min: 0, max: 5_000 }), -1),
        start: at,
      },
      { requiredKeys: ['type', 'intid', 'name'] },
    ),
    fc.record(
      { type: fc.constant('pmu'), intid: edge(sgiPpi, 40), period, start: at, pes: pesList },
      { requiredKeys: ['type', 'period'] },
    ),
    fc.record(
      {
        type: fc.constant('ipi-source'),
        ipi: edge(fc.integer({ min: 0, max: 7 }), 8),
        period,
        start: at,
      },
      { requiredKeys: ['type', 'period'] },
    ),
  );

  const call = fc.oneof(
    fc.record(
      {
        do: fc.constantFrom('request-irq', 'request-nmi'),
        intid: edge(anyIntid, 70_000),
        name: fc.constant('x'),
        trigger,
        shared: fc.boolean(),
        route,
      },
      { requiredKeys: ['do', 'intid', 'name'] },
    ),
    fc.record({ do: fc.constantFrom('enable-irq', 'disable-irq'), intid: anyIntid }),
  );

  const action = fc.oneof(
    fc.tuple(call, at).map(([c, t]) => ({ ...c, at: t })),
    fc
      .tuple(line, fc.constantFrom('raise-line', 'lower-line', 'pulse-line'), at)
      .map(([l, kind, t]) => ({ ...(l as object), do: kind, at: t })),
    fc.record({ at, do: fc.constant('write-register'), target, value }),
    fc.record(
      {
        at,
        do: fc.constant('inject-nmi'),
        mode: fc.constantFrom('rfc-round-robin', 'architected'),
      },
      { requiredKeys: ['at', 'do'] },
    ),
    fc.record(
      { at, do: fc.constant('enter-critical-section'), pe, for: at },
      { requiredKeys: ['at', 'do', 'pe'] },
    ),
    fc.record({ at, do: fc.constant('leave-critical-section'), pe }),
    fc.record({
      at,
      do: fc.constant('send-ipi'),
      from: pe,
      ipi: fc.integer({ min: 0, max: 7 }),
      to: fc.oneof(fc.constant('others'), fc.array(pe, { minLength: 1, maxLength: 3 })),
    }),
    fc.record({ at, do: fc.constant('run-until'), until: at }, { requiredKeys: ['at', 'do'] }),
  );

  const n = edge(fc.integer({ min: 0, max: 5 }), -1, 0.5);
  const count = fc.record({ equals: n, atLeast: n, atMost: n }, { requiredKeys: [] });
  const expectation = fc.oneof(
    fc.record(
      { at, check: fc.constant('counter'), intid: anyIntid, pe, count },
      { requiredKeys: ['at', 'check', 'intid', 'count'] },
    ),
    fc.record(
      { at, check: fc.constant('counter'), ipi: fc.integer({ min: 0, max: 7 }), pe, count },
      { requiredKeys: ['at', 'check', 'ipi', 'count'] },
    ),
    fc
      .tuple(line, at, fc.constantFrom('inactive', 'pending', 'active', 'active-pending'))
      .map(([l, t, state]) => ({ ...(l as object), at: t, check: 'interrupt-state', state })),
    fc.record({ at, check: fc.constant('register'), target, value }),
    fc.record({ at, check: fc.constant('handler-depth'), pe, depth: n }),
    fc.record(
      { at, check: fc.constant('outputs'), pe, irq: fc.boolean(), nmi: fc.boolean() },
      { requiredKeys: ['at', 'check', 'pe'] },
    ),
    fc.record({ at, check: fc.constant('log'), contains: fc.constantFrom('NMI', 'x') }),
    fc.record({ at, check: fc.constant('injections'), chosen: fc.array(spi, { maxLength: 3 }) }),
  );
  return { device, call, action, expectation };
}

const nmiScheme = fc.constantFrom('pseudo', 'architected', 'none');

/** Scenario-shaped JSON: mostly valid, with edge values often enough to reach every rule. */
const scenarioJson = fc
  .record({
    pes: edge(fc.integer({ min: 1, max: 6 }), 0, 257),
    spis: edge(fc.constantFrom(...SPI_COUNTS), 33, 100, 990, 0),
    runUntil: fc.integer({ min: 20_000, max: 200_000 }),
  })
  .chain((shape) => {
    const { device, call, action, expectation } = parts({
      pes: typeof shape.pes === 'number' ? Math.min(Math.max(shape.pes, 1), 6) : 1,
      spis: typeof shape.spis === 'number' && shape.spis >= 32 ? Math.min(shape.spis, 988) : 32,
      runUntil: shape.runUntil,
    });
    return fc.record(
      {
        format: fc.constant('gicscope-scenario'),
        version: fc.constant(1),
        id: fc.constant('fuzz'),
        title: fc.constant('fuzz'),
        machine: fc.record(
          {
            pes: fc.constant(shape.pes),
            spis: fc.constant(shape.spis),
            security: fc.constantFrom('single', 'two-states', 'two-states-fiq0'),
            priorityBits: edge(fc.integer({ min: 4, max: 8 }), 3, 9),
            nmi: fc.boolean(),
            oneOfN: fc.constantFrom('unsupported', 'round-robin', 'lowest', 'seeded-random'),
            gicProfile: fc.constantFrom('architecture', 'qemu'),
            seed: edge(fc.nat(), -1, 2 ** 32),
          },
          { requiredKeys: ['pes'] },
        ),
        guest: fc.record(
          {
            kernel: fc.constantFrom('5.1', '5.2', '5.3-5.11', '5.12-6.10', '6.11+'),
            nmi: nmiScheme,
            nmiByPe: fc.array(nmiScheme, { maxLength: 7 }),
            el: fc.constantFrom('el1-guest', 'el2-host'),
            setup: fc.array(call, { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        devices: fc.array(device, { maxLength: 4 }),
        injector: fc.record({ mode: fc.constantFrom('rfc-round-robin', 'architected') }),
        timeline: fc.array(action, { maxLength: 6 }),
        runUntil: edge(fc.constant(shape.runUntil), 1e308, '9'.repeat(40) + 's', 2.5),
        expect: fc.array(expectation, { maxLength: 4 }),
      },
      { requiredKeys: ['format', 'version', 'id', 'title', 'machine', 'runUntil'] },
    );
  });

/**
 * Runs at most `budget` machine steps. Virtual time must move: a long run of steps at one instant
 * is how a zero period showed itself (the CLI ran until killed, the tab froze).
 */
function runSlice(json: unknown, budget: number): { accepted: boolean } {
  const parsed = parseScenario(json);
  if (!parsed.ok) return { accepted: false };
  const machine = createMachine(parsed.value);
  const end = parsed.value.runUntil;
  let sameInstant = 0;
  for (let steps = 0; machine.now() < end && steps < budget; steps++) {
    const before = machine.now();
    machine.step(end);
    sameInstant = machine.now() === before ? sameInstant + 1 : 0;
    if (sameInstant > STALL_STEPS)
      throw new Error(`virtual time stays at ${before} ns for ${STALL_STEPS} steps`);
  }
  machine.view();
  machine.expectationResults();
  return { accepted: true };
}

const STALL_STEPS = 300;

/** Paths to every leaf and container of a JSON value, for mutations. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  const copy = (
    Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }
  ) as Record<string | number, unknown>;
  copy[head as string] = replaced(copy[head as string], rest, by);
  return copy;
}

/** A scenario with one place replaced by an arbitrary JSON value (often the wrong kind). */
const mutated = fc
  .tuple(scenarioJson, fc.nat(), fc.jsonValue({ maxDepth: 2 }))
  .map(([json, pick, by]) => {
    const all = paths(json).slice(1);
    const path = all[pick % all.length] ?? [];
    return replaced(json, path, by);
  });

/** Values no field of the format accepts where a time, count or name is expected. */
const poison = fc.constantFrom(-1, 0.5, 1e308, '1e3', true, null, [], {}, 'x', '');

// a few seconds of machine runs: more than vitest's default 5 s on a busy 2-core machine
describe('scenario validation (property)', { timeout: 60_000 }, () => {
  it('every scenario the schema accepts builds a machine that runs a bounded slice', () => {
    let accepted = 0;
    fc.assert(
      fc.property(scenarioJson, (json) => {
        if (runSlice(json, 1500).accepted) accepted += 1;
      }),
      { numRuns: 300 },
    );
    // the generator must reach the machine often enough for the property to mean something
    expect(accepted).toBeGreaterThan(40);
  });

  it('a scenario with any one place replaced either runs or is refused with a path', () => {
    fc.assert(
      fc.property(mutated, (json) => {
        const parsed = parseScenario(json);
        if (parsed.ok) runSlice(json, 200);
        else for (const e of parsed.error) expect(e.path).toMatch(/^\$/);
      }),
      { numRuns: 400 },
    );
  });

  it('a wrong value where a time, count or PE is expected is refused at its path', () => {
    const leaves = ['runUntil', 'machine.pes', 'machine.spis', 'devices.0.period'];
    fc.assert(
      fc.property(fc.constantFrom(...leaves), poison, (leaf, bad) => {
        const json = {
          format: 'gicscope-scenario',
          version: 1,
          id: 'fuzz',
          title: 'fuzz',
          machine: { pes: 2 },
          devices: [{ type: 'arch-timer', period: '10us' }],
          runUntil: '1ms',
        };
        const path = leaf.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
        const parsed = parseScenario(replaced(json, path, bad));
        expect(parsed.ok).toBe(false);
        if (!parsed.ok)
          expect(parsed.error.map((e) => e.path)).toContain(
            `$.${leaf.replace(/\.(\d+)/g, '[$1]')}`,
          );
      }),
    );
  });

  it('every refusal names a JSON path', () => {
    fc.assert(
      fc.property(scenarioJson, (json) => {
        const parsed = parseScenario(json);
        if (parsed.ok) return;
        expect(parsed.error.length).toBeGreaterThan(0);
        for (const e of parsed.error) {
          expect(e.path).toMatch(/^\$/);
          expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any JSON value and any text are answered, never thrown', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const parsed = parseScenario(json);
        if (!parsed.ok) expect(parsed.error[0]?.path).toMatch(/^\$/);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseScenarioText(text);
        expect(parsed.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
