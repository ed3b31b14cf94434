export type * from './api.ts';
import type { Gic, GicConfig } from './api.ts';

export function createGic(_config: GicConfig): Gic {
  throw new Error('createGic: not yet implemented (API types are stable; model lands next)');
}
