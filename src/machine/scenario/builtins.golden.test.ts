import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { createMachine, describeEvent, formatCounters } from '../index.ts';
import { BUILTIN_SCENARIOS, builtinScenario } from './builtins/index.ts';

const update = process.env.UPDATE_GOLDEN === '1';
const goldenDir = resolve(import.meta.dirname, 'golden');
const publicDir = resolve(import.meta.dirname, '../../../public/scenarios');

/** Compares with the stored file, or rewrites it under UPDATE_GOLDEN=1. */
function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) {
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** JSON as the repository's Prettier writes it, so `prettier --check .` agrees. */
function asJson(value: unknown): Promise<string> {
  return format(JSON.stringify(value), { parser: 'json', printWidth: 100 });
}

function trace(id: string): string {
  const scenario = builtinScenario(id);
  if (scenario === null) throw new Error(id);
  const machine = createMachine(scenario);
  const lines: string[] = [];
  machine.subscribe((e) => lines.push(describeEvent(e)));
  machine.runToEnd();
  const results = machine
    .expectationResults()
    .map(
      (r) => `${r.passed === true ? 'PASS' : 'FAIL'} ${r.description} (actual ${r.actual ?? '-'})`,
    );
  return [...lines, '', formatCounters(machine.view().counters), '', ...results, ''].join('\n');
}

describe('built-in scenarios', () => {
  for (const input of BUILTIN_SCENARIOS) {
    it(`${input.id}: every expectation holds`, () => {
      const machine = createMachine(builtinScenario(input.id) ?? (undefined as never));
      machine.runToEnd();
      const failed = machine.expectationResults().filter((r) => r.passed !== true);
      expect(failed).toEqual([]);
    });

    it(`${input.id}: trace matches golden/${input.id}.txt (UPDATE_GOLDEN=1 rewrites it)`, () => {
      golden(join(goldenDir, `${input.id}.txt`), trace(input.id));
    });

    it(`${input.id}: public/scenarios/${input.id}.json is the same scenario`, async () => {
      golden(join(publicDir, `${input.id}.json`), await asJson(input));
    });
  }

  it('public/scenarios/index.json lists every built-in', () => {
    const index = BUILTIN_SCENARIOS.map((s) => ({
      id: s.id,
      title: s.title,
      file: `${s.id}.json`,
    }));
    golden(join(publicDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  });
});
