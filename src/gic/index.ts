export type * from './api.ts';
export { createGic } from './gic.ts';
