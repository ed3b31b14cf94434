import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.ts';

const base = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'talk',
  title: 'A talk',
  machine: { pes: 2 },
  runUntil: '1ms',
};

describe('scenario chapters', () => {
  it('are optional and default to none', () => {
    const r = parseScenario(base);
    expect(r.ok && r.value.chapters).toEqual([]);
  });

  it('parse times and default the caption', () => {
    const r = parseScenario({
      ...base,
      chapters: [
        { at: '10us', title: 'Boot' },
        { at: 20_000, title: 'NMI', caption: 'It lands.' },
      ],
    });
    expect(r.ok && r.value.chapters).toEqual([
      { at: 10_000, title: 'Boot', caption: '' },
      { at: 20_000, title: 'NMI', caption: 'It lands.' },
    ]);
  });

  it('must be in time order: the error names the chapter', () => {
    const r = parseScenario({
      ...base,
      chapters: [
        { at: '20us', title: 'b' },
        { at: '10us', title: 'a' },
      ],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error[0]).toMatchObject({ path: '$.chapters[1].at' });
  });

  it('refuse unknown fields and an empty title', () => {
    const r = parseScenario({ ...base, chapters: [{ at: '1us', title: '', note: 'x' }] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.map((e) => e.path)).toEqual(
      expect.arrayContaining(['$.chapters[0].title']),
    );
  });
});
