export { GicClient, type Command, type CommandResult, type PortFactory } from './client.ts';
