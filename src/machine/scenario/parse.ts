import * as z from 'zod/mini';
import { err, ok } from '../../lib/index.ts';
import type { Result } from '../../lib/index.ts';
import { scenarioSchema } from './schema.ts';
import type { Scenario } from './schema.ts';
import { checkScenario } from './semantic.ts';
import type { ScenarioError } from './semantic.ts';

import { findJsonSyntaxError, stripByteOrderMark } from './json-text.ts';

export type { ScenarioError };

export function parseScenario(input: unknown): Result<Scenario, readonly ScenarioError[]> {
  const parsed = z.safeParse(scenarioSchema, input);
  if (!parsed.success) return err(parsed.error.issues.map(locate));
  const semantic = checkScenario(parsed.data);
  return semantic.length > 0 ? err(semantic) : ok(parsed.data);
}

/** Scenario file text: JSON (a leading byte-order mark is ignored); syntax errors give line and column. */
export function parseScenarioText(text: string): Result<Scenario, readonly ScenarioError[]> {
  const body = stripByteOrderMark(text);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const where = findJsonSyntaxError(body);
    if (where === null)
      return err([
        { path: '$', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` },
      ]);
    const { line, column, message } = where;
    return err([
      { path: '$', line, column, message: `not JSON: line ${line}, column ${column}: ${message}` },
    ]);
  }
  return parseScenario(json);
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    '$',
  );
}

function locate(issue: z.core.$ZodIssue): ScenarioError {
  return { path: jsonPath(issue.path), message: issue.message };
}
