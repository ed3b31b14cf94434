export { createMachine, MachineListenerError } from './machine.ts';
export type {
  Machine,
  MachineSnapshot,
  MachineSnapshotJson,
  ExpectationResult,
  RunOutcome,
} from './machine.ts';
export { estimateBytes } from './snapshot/index.ts';
export type {
  MachineEvent,
  MachineEventBody,
  MachineEventKind,
  MachineListener,
  NmiCandidate,
  MaskingExplanation,
} from './events.ts';
export type { MachineView, PeView, FrameView, InjectorView } from './view.ts';
export { describeEvent, describeGicEvent } from './describe.ts';
export { countersTable, formatCounters } from './counters.ts';
export type { CountersTable, CounterRow } from './counters.ts';
export {
  parseScenario,
  parseScenarioText,
  scenarioSchema,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
} from './scenario/index.ts';
export type {
  Scenario,
  ScenarioInput,
  ScenarioError,
  Action,
  Expectation,
  DeviceConfig,
  RegisterTarget,
  InjectorMode,
  Chapter,
} from './scenario/index.ts';
export { BUILTIN_SCENARIOS, builtinScenario } from './scenario/builtins/index.ts';
export { KERNEL_VERSIONS, pseudoNmiValues } from './guest/kernel-profiles.ts';
export type { KernelVersion, SecuritySetup, PseudoNmiValues } from './guest/kernel-profiles.ts';
export type { ExceptionKind, InterruptMasks } from './pe/pstate.ts';
export { formatTime, parseTime, readTime, MAX_TIME_NS } from './clock/index.ts';
export type { TimeReading } from './clock/index.ts';
export { reportText, type WriteReport } from './write-report.ts';
