export type * from './api.ts';
export { createGic } from './gic.ts';
export { peCountProblem, spiCountProblem, priorityBitsProblem } from './config.ts';
