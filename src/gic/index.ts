export type * from './api.ts';
export { createGic } from './gic.ts';
export {
  decodeItsCommand,
  describeItsCommand,
  encodeItsCommand,
  ITS_COMMAND_NUMBERS,
} from './its/commands.ts';
export type { ItsCommand, ItsCommandName } from './its/commands.ts';
