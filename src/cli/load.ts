import { readFileSync } from 'node:fs';
import { BUILTIN_SCENARIOS, builtinScenario, parseScenarioText } from '../machine/index.ts';
import type { Scenario } from '../machine/index.ts';

export type Loaded =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly string[] };

/** A built-in id or a scenario file; every refusal says where and what. */
export function loadScenario(source: string): Loaded {
  const builtin = builtinScenario(source);
  if (builtin !== null) return { ok: true, scenario: builtin };
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    const ids = BUILTIN_SCENARIOS.map((s) => s.id).join(', ');
    const why = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'a directory' : 'not readable';
    return {
      ok: false,
      errors: [
        `gicscope: "${source}" is neither a built-in scenario (${ids}) nor a readable file (${why})`,
      ],
    };
  }
  const parsed = parseScenarioText(text);
  if (parsed.ok) return { ok: true, scenario: parsed.value };
  return {
    ok: false,
    errors: [
      `gicscope: ${source} is not a valid scenario:`,
      ...parsed.error.map((e) => `  at ${e.path}: ${e.message}`),
    ],
  };
}
