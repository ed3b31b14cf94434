import type { z } from 'zod';
import { err, ok } from '../../lib/index.ts';
import type { Result } from '../../lib/index.ts';
import { scenarioSchema } from './schema.ts';
import type { Scenario } from './schema.ts';

/** One problem in a scenario, located by a JSON path such as `$.timeline[2].intid`. */
export interface ScenarioError {
  readonly path: string;
  readonly message: string;
}

export function parseScenario(input: unknown): Result<Scenario, readonly ScenarioError[]> {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return err(parsed.error.issues.map(locate));
  const semantic = checkReferences(parsed.data);
  return semantic.length > 0 ? err(semantic) : ok(parsed.data);
}

export function parseScenarioText(text: string): Result<Scenario, readonly ScenarioError[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([{ path: '$', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }]);
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

/** Checks that need the whole scenario: PE and INTID numbers must exist on this machine. */
function checkReferences(s: Scenario): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const maxIntid = 31 + s.machine.spis;
  const pe = (path: string, value: number | undefined): void => {
    if (value !== undefined && value >= s.machine.pes)
      errors.push({ path, message: `expected a PE index below ${s.machine.pes}, got ${value}` });
  };
  const intid = (path: string, value: number | undefined): void => {
    if (value !== undefined && value > maxIntid && value < 8192)
      errors.push({
        path,
        message: `expected an INTID up to ${maxIntid} (machine.spis = ${s.machine.spis}), got ${value}`,
      });
  };
  s.timeline.forEach((a, i) => {
    const at = `$.timeline[${i}]`;
    if ('pe' in a) pe(`${at}.pe`, a.pe);
    if ('intid' in a) intid(`${at}.intid`, a.intid);
    if (a.do === 'send-ipi') {
      pe(`${at}.from`, a.from);
      if (a.to !== 'others') a.to.forEach((p, j) => pe(`${at}.to[${j}]`, p));
    }
    if (a.do === 'write-register' && 'pe' in a.target) pe(`${at}.target.pe`, a.target.pe);
    if (a.at > s.runUntil)
      errors.push({
        path: `${at}.at`,
        message: `expected a time before runUntil (${s.runUntil} ns)`,
      });
  });
  s.expect.forEach((e, i) => {
    const at = `$.expect[${i}]`;
    if ('pe' in e) pe(`${at}.pe`, e.pe);
    if ('intid' in e) intid(`${at}.intid`, e.intid);
    if (e.at > s.runUntil)
      errors.push({
        path: `${at}.at`,
        message: `expected a time not after runUntil (${s.runUntil} ns)`,
      });
  });
  s.devices.forEach((d, i) => {
    if ('intid' in d) intid(`$.devices[${i}].intid`, d.intid);
    if ('pes' in d && d.pes !== 'all') d.pes.forEach((p, j) => pe(`$.devices[${i}].pes[${j}]`, p));
  });
  s.guest.setup.forEach((c, i) => intid(`$.guest.setup[${i}].intid`, c.intid));
  return errors;
}
