/** Records a scenario's run on a fresh machine, for the exporters. */
import { createMachine } from '../../machine/index.ts';
import type { Machine, Scenario } from '../../machine/index.ts';
import { guestPriorityNames } from './names.ts';
import { Recorder } from './recorder.ts';
import type { Recording } from './recording.ts';

/** Attaches a recorder to a machine; read the recording once the run is over. */
export function attachRecorder(machine: Machine, title: string): () => Recording {
  const recorder = new Recorder({
    title,
    timeUnit: 'ns',
    peCount: machine.scenario.machine.pes,
    start: machine.now(),
    cpuInterface: (pe) => machine.gic.cpuInterface(pe),
  });
  // the machine hands events over after each step, so the model already holds their effects
  const unsubscribe = machine.subscribe((event) => {
    recorder.machineEvent(event.at, event);
    recorder.settle();
  });
  return () => {
    unsubscribe();
    const view = machine.view();
    const names: Record<number, string> = {};
    for (const irq of view.guest.irqs) names[irq.intid] = irq.name;
    const recording = recorder.finish(machine.now());
    return {
      ...recording,
      interruptNames: names,
      priorityNames:
        view.guest.nmi === 'pseudo'
          ? guestPriorityNames(view.guest.values)
          : [{ value: 0xff, name: 'idle' }],
    };
  };
}

/** Runs the scenario from reset to `until` (default: its runUntil) and records it. */
export function recordScenario(scenario: Scenario, until?: number): Recording {
  const machine = createMachine(scenario);
  const finish = attachRecorder(machine, `${scenario.id}: ${scenario.title}`);
  machine.runUntil(until ?? scenario.runUntil);
  return finish();
}
