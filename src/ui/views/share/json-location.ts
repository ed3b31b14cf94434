/** Where a JSON syntax error is, as line and column (1-based), from the parser's message. */
export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Parses `text`; on a syntax error says where. The BOM some editors write is allowed. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: locate(body, message) };
  }
}

function locate(text: string, message: string): JsonSyntaxError {
  // V8 writes "… (line 3 column 5)" or "… at position 42"; the end of the text otherwise
  const clean = message
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/ in JSON at position \d+.*$/, '');
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn)
    return { line: Number(lineColumn[1]), column: Number(lineColumn[2]), message: clean };
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message: clean };
}
