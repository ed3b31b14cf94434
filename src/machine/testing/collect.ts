import type { MachineEvent } from '../events.ts';
import type { Machine } from '../machine.ts';

/** Test support: the events a run produced (long runs hand them to listeners only). */
export function collectEvents(machine: Machine, run: (m: Machine) => unknown): MachineEvent[] {
  const events: MachineEvent[] = [];
  const off = machine.subscribe((e) => events.push(e));
  try {
    run(machine);
  } finally {
    off();
  }
  return events;
}
