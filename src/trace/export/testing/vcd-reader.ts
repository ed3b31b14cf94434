/**
 * A small VCD reader for tests (IEEE 1364-2005 §18): declarations with their scopes, then value
 * changes. Enough to read back what the exporter wrote and ask what a signal held at a time.
 */

export interface VcdVariable {
  /** Dotted scope path and name, e.g. `gicscope.pe0.pmr`. */
  readonly path: string;
  readonly code: string;
  readonly width: number;
}

export interface VcdDocument {
  readonly timescale: string;
  readonly variables: readonly VcdVariable[];
  /** Value changes per identifier code, in time order; `x`/`z` bits read as NaN. */
  readonly changes: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  readonly endTime: number;
  /** The value of `path` at time `t` (the last change at or before it), or undefined. */
  valueAt(path: string, t: number): number | undefined;
}

function bits(text: string): number {
  return /[xXzZ]/.test(text) ? Number.NaN : Number.parseInt(text, 2);
}

export function readVcd(text: string): VcdDocument {
  const tokens = text.split(/\s+/).filter(Boolean);
  const scopes: string[] = [];
  const variables: VcdVariable[] = [];
  const changes = new Map<string, [number, number][]>();
  let timescale = '';
  let i = 0;
  const until = (word: string): string[] => {
    const body: string[] = [];
    while (i < tokens.length && tokens[i] !== word) body.push(tokens[i++] ?? '');
    if (tokens[i] !== word) throw new Error(`VCD: missing ${word}`);
    i += 1;
    return body;
  };
  for (;;) {
    const token = tokens[i++];
    if (token === undefined) throw new Error('VCD: no $enddefinitions');
    if (token === '$enddefinitions') {
      until('$end');
      break;
    }
    if (token === '$scope') {
      const [, name = ''] = until('$end');
      scopes.push(name);
    } else if (token === '$upscope') {
      until('$end');
      scopes.pop();
    } else if (token === '$var') {
      const [, width = '', code = '', name = ''] = until('$end');
      variables.push({ path: [...scopes, name].join('.'), code, width: Number(width) });
      changes.set(code, []);
    } else if (token === '$timescale') {
      timescale = until('$end').join('');
    } else if (token.startsWith('$')) {
      until('$end');
    } else {
      throw new Error(`VCD: unexpected "${token}" in the declarations`);
    }
  }
  let now = 0;
  let endTime = 0;
  const record = (code: string, value: number) => {
    const list = changes.get(code);
    if (!list) throw new Error(`VCD: change of undeclared identifier "${code}" at ${now}`);
    list.push([now, value]);
  };
  while (i < tokens.length) {
    const token = tokens[i++] ?? '';
    if (token === '$dumpvars' || token === '$end' || token === '$dumpall') continue;
    if (token.startsWith('#')) {
      const t = Number(token.slice(1));
      if (!(t >= now)) throw new Error(`VCD: time goes back from ${now} to ${token}`);
      now = t;
      endTime = t;
    } else if (token[0] === 'b' || token[0] === 'B') {
      record(tokens[i++] ?? '', bits(token.slice(1)));
    } else if (/^[01xXzZ]/.test(token)) {
      record(token.slice(1), bits(token[0] ?? 'x'));
    } else {
      throw new Error(`VCD: unexpected "${token}" at time ${now}`);
    }
  }
  const byPath = new Map(variables.map((v) => [v.path, v]));
  return {
    timescale,
    variables,
    changes,
    endTime,
    valueAt(path, t) {
      const variable = byPath.get(path);
      if (!variable) return undefined;
      let value: number | undefined;
      for (const [at, v] of changes.get(variable.code) ?? []) {
        if (at > t) break;
        value = v;
      }
      return value;
    },
  };
}
