import { parseScenario } from '../parse.ts';
import type { Scenario, ScenarioInput } from '../schema.ts';
import { binaryPoint } from './binary-point.ts';
import { itsTrigger } from './its-trigger.ts';
import { lpiAffinityMovi } from './lpi-affinity-movi.ts';
import { lpiFirmwareEnabled } from './lpi-firmware-enabled.ts';
import { lpiNoInv } from './lpi-no-inv.ts';
import { msiNic } from './msi-nic.ts';
import { oneOfN } from './one-of-n.ts';
import { pmrLadder } from './pmr-ladder.ts';
import { pseudoVsArchitected } from './pseudo-vs-architected.ts';
import { rfcNmi } from './rfc-nmi.ts';
import { sgiIpi } from './sgi-ipi.ts';
import { timerNeverFires } from './timer-never-fires.ts';

/** The built-in scenarios as written (each is also public/scenarios/<id>.json). */
export const BUILTIN_SCENARIOS: readonly ScenarioInput[] = [
  rfcNmi,
  pmrLadder,
  binaryPoint,
  sgiIpi,
  oneOfN,
  timerNeverFires,
  pseudoVsArchitected,
  msiNic,
  lpiNoInv,
  lpiFirmwareEnabled,
  lpiAffinityMovi,
  itsTrigger,
];

/** A validated built-in by id, or null. */
export function builtinScenario(id: string): Scenario | null {
  const input = BUILTIN_SCENARIOS.find((s) => s.id === id);
  if (input === undefined) return null;
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`built-in ${id} is invalid: ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}
