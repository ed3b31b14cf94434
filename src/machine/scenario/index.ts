export { parseScenario, parseScenarioText, jsonPath } from './parse.ts';
export type { ScenarioError } from './parse.ts';
export { scenarioSchema, SCENARIO_FORMAT, SCENARIO_VERSION } from './schema.ts';
export type { Scenario, ScenarioInput, MachineConfig, GuestConfig } from './schema.ts';
export type {
  Action,
  GuestCall,
  SetupCall,
  RegisterTarget,
  InjectorMode,
} from './schema-actions.ts';
export type { DeviceConfig } from './schema-devices.ts';
export type { Expectation } from './schema-expectations.ts';
export type { Chapter } from './schema-chapters.ts';
export { toBigInt } from './schema-common.ts';
