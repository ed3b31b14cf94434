import { describe, expect, it } from 'vitest';
import type { FuzzOp } from './testing/fuzz/ops.ts';
import { describeFailure, replayFuzz, runFuzz } from './testing/fuzz/run.ts';
import type { Gic, GicConfig } from './api.ts';
import { createGic } from './gic.ts';

/**
 * The register-API fuzz (issue 9, proof): 10⁵ random operations on random configurations, with
 * the model's incremental HPPI, outputs and running priority checked against the register
 * reference after every one. `npm run fuzz` runs 10⁶ and more, with a fresh seed each time.
 */
describe('register-API fuzz', () => {
  it('10⁵ operations: no unexpected exception, the incremental state always equals the reference', () => {
    const report = runFuzz({ seed: 20_261_130, operations: 100_000 });
    expect(report.failures.map(describeFailure)).toEqual([]);
    expect(report.operations).toBe(100_000);
    expect(report.configurations).toBeGreaterThan(100);
    // It reaches the paths that matter: warnings of many kinds, peeks, misuse errors.
    expect(Object.keys(report.warnings).length).toBeGreaterThanOrEqual(18);
    expect(report.peeks).toBeGreaterThan(1000);
    expect(report.expectedExceptions.RangeError ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('finds a planted fault and shrinks it to a short sequence that replays', () => {
    // A model whose CPU interface hides an HPPI of priority 0x80: the fuzz must notice.
    const faulty = (config: GicConfig): Gic => {
      const gic = createGic(config);
      return new Proxy(gic, {
        get(target, key) {
          if (key === 'cpuInterface')
            return (pe: number) => {
              const view = target.cpuInterface(pe);
              return view.hppi?.priority === 0x80 ? { ...view, hppi: null } : view;
            };
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function'
            ? (value as (...a: unknown[]) => unknown).bind(target)
            : value;
        },
      });
    };
    const report = runFuzz({ seed: 5, operations: 50_000, createGic: faulty });
    const failure = report.failures[0];
    expect(failure?.message).toMatch(/HPPI null, reference \{"intid":\d+,"priority":128/);
    expect(failure?.ops.length).toBeLessThanOrEqual(12);
    if (failure === undefined) return;
    expect(replayFuzz(failure.config, failure.ops, faulty)?.message).toMatch(/HPPI null/);
    expect(replayFuzz(failure.config, failure.ops)).toBeNull();
  });
});

/**
 * Shrunk counterexamples, replayed through the fuzz harness: each once failed (see its note) and
 * must now pass every check.
 */
const REGRESSIONS: readonly {
  readonly note: string;
  readonly config: GicConfig;
  readonly ops: readonly FuzzOp[];
}[] = [
  {
    note: 'ICC_AP0R0_EL1 bit 63 was stored as an NMI bit for Group 0 under the architecture profile; the snapshot of that state could not be restored',
    config: {
      peCount: 1,
      spiCount: 32,
      securityExtensions: false,
      priorityBits: 4,
      nmi: true,
      profile: 'architecture',
      oneOfN: 'unsupported',
      seed: 0,
    },
    ops: [
      {
        op: 'sysreg-write',
        pe: 0,
        name: 'ICC_AP0R0_EL1',
        value: '0x8000000000000000',
        secure: false,
        el3: false,
      },
      { op: 'snapshot-restore' },
    ],
  },
];

describe('fuzz regressions', () => {
  for (const r of REGRESSIONS) {
    it(r.note, () => {
      expect(replayFuzz(r.config, r.ops)).toBeNull();
    });
  }
});
