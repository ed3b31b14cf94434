import type { GicSnapshot, GicSnapshotJson } from '../../gic/index.ts';
import { gicSnapshotToJson } from '../../gic/index.ts';
import type { Core } from '../core.ts';
import type { Scenario } from '../scenario/index.ts';
import type { MachineState } from '../state.ts';
import { estimateBytes } from './bytes.ts';
import { copyState } from './copy.ts';
import { machineStateProblem } from './validate.ts';

export { estimateBytes } from './bytes.ts';

/**
 * The whole machine at one moment: its state (a private copy that shares what the machine never
 * mutates) and the GIC's compact snapshot. structuredClone-safe; `snapshotJson()` gives the
 * JSON form for files.
 */
export interface MachineSnapshot {
  readonly format: 'gicscope.machine';
  readonly version: 2;
  /** Which scenario it belongs to (a hash of the scenario): restore checks it. */
  readonly scenario: string;
  readonly state: MachineState;
  readonly gic: GicSnapshot;
  /**
   * Heap bytes the snapshot adds, GIC included: its own copies, plus the immutable parts of the
   * state it shares that no earlier snapshot of this machine already counted (see estimateBytes).
   * The sizes of the snapshots one keeps add up to about the heap they retain: budget checkpoints
   * by this.
   */
  readonly bytes: number;
}

export interface MachineSnapshotJson {
  readonly format: 'gicscope.machine';
  readonly version: 2;
  readonly scenario: string;
  readonly state: MachineState;
  readonly gic: GicSnapshotJson;
}

/** FNV-1a of the scenario as JSON: a snapshot only fits the scenario it was taken from. */
export function scenarioFingerprint(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${scenario.id}#${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** Per machine: the shared state objects some snapshot has already counted. */
const accountedBy = new WeakMap<Core, WeakSet<object>>();

export function takeMachineSnapshot(core: Core, fingerprint: string): MachineSnapshot {
  const state = copyState(core.state);
  const gic = core.gic.snapshot();
  let accounted = accountedBy.get(core);
  if (accounted === undefined) accountedBy.set(core, (accounted = new WeakSet()));
  return {
    format: 'gicscope.machine',
    version: 2,
    scenario: fingerprint,
    state,
    gic,
    bytes: estimateBytes(state, accounted) + gic.bytes + 200,
  };
}

export function machineSnapshotToJson(snap: MachineSnapshot): MachineSnapshotJson {
  return {
    format: 'gicscope.machine',
    version: 2,
    scenario: snap.scenario,
    state: snap.state,
    gic: gicSnapshotToJson(snap.gic),
  };
}

function fail(message: string): never {
  throw new Error(`restore: ${message}`);
}

/**
 * All or nothing: the machine state is checked, then the GIC restores its part (which checks it
 * and changes nothing if it is damaged), and only then is the machine state swapped in.
 */
export function restoreMachine(core: Core, fingerprint: string, input: unknown): void {
  if (typeof input !== 'object' || input === null)
    fail('not a gicscope machine snapshot (an object is expected)');
  const snap = input as Record<string, unknown>;
  if (snap.format !== 'gicscope.machine')
    fail('not a gicscope machine snapshot (format must be "gicscope.machine")');
  if (snap.version !== 2) fail(`version ${JSON.stringify(snap.version)} is not supported (2)`);
  if (snap.scenario !== fingerprint)
    fail(
      `the snapshot belongs to scenario ${JSON.stringify(snap.scenario)}, this machine runs ${JSON.stringify(fingerprint)}`,
    );
  const problem = machineStateProblem(core.scenario, snap.state);
  if (problem !== null) fail(problem);
  const state = copyState(snap.state as MachineState);
  try {
    core.gic.restore(snap.gic as GicSnapshot | GicSnapshotJson);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(`gic: ${message.replace(/^restore: /, '')}`);
  }
  core.state = state;
}
