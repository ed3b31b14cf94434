export type * from './api.ts';
export { createGic } from './gic.ts';
export { GicListenerError } from './events.ts';
export { gicSnapshotToJson } from './snapshot.ts';
export {
  decodeItsCommand,
  describeItsCommand,
  encodeItsCommand,
  ITS_COMMAND_NUMBERS,
} from './its/commands.ts';
export type { ItsCommand, ItsCommandName } from './its/commands.ts';
export { peCountProblem, spiCountProblem, priorityBitsProblem } from './config.ts';
