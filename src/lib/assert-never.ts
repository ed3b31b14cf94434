/** Exhaustiveness check for switches over unions: unreachable when every member is handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
