/** What a command accepts: options that take a value, and options that are plain switches. */
export interface OptionSpec {
  readonly values: readonly string[];
  readonly switches: readonly string[];
}

export interface ParsedOptions {
  readonly positional: readonly string[];
  /** The last value given for each option (`--until 1ms` or `--until=1ms`). */
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/** Splits a command's arguments by its spec; an unknown option or a missing value is an error. */
export function parseOptions(
  rest: readonly string[],
  spec: OptionSpec,
): { ok: true; options: ParsedOptions } | { ok: false; error: string } {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = flag === arg ? undefined : arg.slice(eq + 1);
    if (spec.values.includes(flag)) {
      const value = inline ?? rest[++i];
      if (value === undefined) return { ok: false, error: `${flag} needs a value` };
      values.set(flag, value);
    } else if (spec.switches.includes(flag) && inline === undefined) {
      switches.add(flag);
    } else {
      return { ok: false, error: `unknown option "${flag}"` };
    }
  }
  return { ok: true, options: { positional, values, switches } };
}
