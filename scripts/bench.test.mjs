import { describe, expect, it } from 'vitest';
import { figureTable, parseFigure, targetMet } from './bench.mjs';

describe('bench FIGURE lines', () => {
  it('reads name, value, unit and target', () => {
    expect(
      parseFigure('FIGURE gic.lifecycles_per_s.8pe_256spi = 3.4e6 /s (target >= 3e6 /s)'),
    ).toEqual({
      name: 'gic.lifecycles_per_s.8pe_256spi',
      value: '3.4e6',
      unit: '/s',
      target: { op: '>=', value: '3e6', unit: '/s' },
    });
    expect(parseFigure('FIGURE startup.ratio = 1.32 x (target <= 1.5 x)')?.target?.op).toBe('<=');
    expect(parseFigure('FIGURE cli.rss_peak = 117 MB')).toMatchObject({ unit: 'MB', target: null });
    expect(parseFigure('  frames recorded 600')).toBeNull();
  });

  it('decides met and not met, and leaves mismatched units undecided', () => {
    expect(targetMet(parseFigure('FIGURE a = 3.4e6 /s (target >= 3e6 /s)'))).toBe(true);
    expect(targetMet(parseFigure('FIGURE a = 2.5 x (target <= 1.5 x)'))).toBe(false);
    expect(targetMet(parseFigure('FIGURE a = 130 (target = 130)'))).toBe(true);
    expect(targetMet(parseFigure('FIGURE a = 12 ms (target <= 1 s)'))).toBeNull();
    expect(targetMet(parseFigure('FIGURE a = 12 ms'))).toBeNull();
  });

  it('tabulates every figure and names benchmarks that printed none or failed', () => {
    const lines = figureTable([
      {
        file: 'a.bench.ts',
        status: 0,
        figures: [parseFigure('FIGURE a.ratio = 2.5 x (target <= 1.5 x)')],
      },
      { file: 'b.bench.ts', status: 0, figures: [] },
      { file: 'c.bench.ts', status: 1, figures: [] },
    ]);
    expect(lines[0]).toMatch(/^figure\s+measured\s+target\s+met$/);
    expect(lines).toContain('a.ratio  2.5 x     <= 1.5 x  NOT MET');
    expect(lines).toContain('bench/b.bench.ts printed no FIGURE lines');
    expect(lines).toContain('bench/c.bench.ts FAILED (exit 1)');
    expect(lines.at(-1)).toBe('1 figure(s), 1 with a target: 0 met, 1 not met');
  });
});
