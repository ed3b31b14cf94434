/**
 * Where JSON text goes wrong. JSON.parse says "Unexpected token" with a position only in some
 * engines (V8 gives a character offset, Safari nothing), so the first syntax error is found by a
 * small scanner that follows RFC 8259's grammar and says what it expected there.
 */
export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 code units, as editors count them). */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** U+FEFF at the start: editors on Windows save it; RFC 8259 §8.1 lets a parser ignore it. */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

type Want =
  'value' | 'first-item' | 'next-item' | 'first-key' | 'next-key' | 'colon' | 'separator' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const TOKEN = /[^\s,:[\]{}"]+/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The first syntax error in `text`, or null when it is one well-formed JSON value. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('}' | ']')[] = [];
  let want: Want = 'value';
  let i = 0;
  const at = (offset: number, message: string): JsonSyntaxError => ({
    ...lineColumn(text, offset),
    message,
  });
  const afterValue = (): Want => (stack.length === 0 ? 'end' : 'separator');

  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
    const c = text[i];
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
      return at(i, 'comments are not allowed in JSON');
    if (c === undefined)
      return want === 'end' ? null : at(i, `the text ends where ${expected(want, stack)}`);
    switch (want) {
      case 'value':
      case 'first-item':
      case 'next-item': {
        if (c === ']' && want === 'first-item') {
          stack.pop();
          i++;
          want = afterValue();
          break;
        }
        if (c === ']' && want === 'next-item') return at(i, "a trailing comma before ']'");
        if (c === '{' || c === '[') {
          stack.push(c === '{' ? '}' : ']');
          want = c === '{' ? 'first-key' : 'first-item';
          i++;
          break;
        }
        const end = scanScalar(text, i);
        if (typeof end !== 'number') return at(end.offset, end.message);
        i = end;
        want = afterValue();
        break;
      }
      case 'first-key':
      case 'next-key': {
        if (c === '}' && want === 'first-key') {
          stack.pop();
          i++;
          want = afterValue();
          break;
        }
        if (c === '}') return at(i, "a trailing comma before '}'");
        if (c === "'") return at(i, 'property names take double quotes in JSON, not single');
        if (c !== '"') return at(i, `${expected(want, stack)}, got ${shown(text, i)}`);
        const end = scanString(text, i);
        if (typeof end !== 'number') return at(end.offset, end.message);
        i = end;
        want = 'colon';
        break;
      }
      case 'colon':
        if (c !== ':') return at(i, `${expected(want, stack)}, got ${shown(text, i)}`);
        i++;
        want = 'value';
        break;
      case 'separator': {
        const close = stack[stack.length - 1];
        if (c === ',') {
          want = close === '}' ? 'next-key' : 'next-item';
          i++;
        } else if (c === close) {
          stack.pop();
          i++;
          want = afterValue();
        } else return at(i, `${expected(want, stack)}, got ${shown(text, i)}`);
        break;
      }
      case 'end':
        return at(i, `more text after the JSON value: ${shown(text, i)}`);
    }
  }
}

function expected(want: Want, stack: readonly string[]): string {
  switch (want) {
    case 'value':
    case 'first-item':
    case 'next-item':
      return 'a value was expected (object, array, string, number, true, false or null)';
    case 'first-key':
    case 'next-key':
      return 'a property name in double quotes was expected';
    case 'colon':
      return "':' was expected after the property name";
    case 'separator':
      return `',' or '${stack[stack.length - 1] ?? ''}' was expected`;
    case 'end':
      return 'nothing more was expected';
  }
}

type Scan = number | { readonly offset: number; readonly message: string };

function scanScalar(text: string, i: number): Scan {
  const c = text[i] ?? '';
  if (c === '"') return scanString(text, i);
  if (c === "'") return { offset: i, message: 'strings take double quotes in JSON, not single' };
  if (c === '-' || (c >= '0' && c <= '9')) {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    const end = m === null ? i : i + m[0].length;
    const next = text[end] ?? '';
    if (m === null || /[\d.eE+-]/.test(next))
      return { offset: i, message: `a malformed number: ${shown(text, i)}` };
    return end;
  }
  for (const word of ['true', 'false', 'null'])
    if (text.startsWith(word, i) && !/[\w$]/.test(text[i + word.length] ?? ''))
      return i + word.length;
  return {
    offset: i,
    message: `a value was expected (object, array, string, number, true, false or null), got ${shown(text, i)}`,
  };
}

function scanString(text: string, start: number): Scan {
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j] ?? '';
    if (c === '"') return j + 1;
    if (c === '\\') {
      const e = text[j + 1] ?? '';
      if (e === 'u' && HEX4.test(text.slice(j + 2, j + 6))) j += 5;
      else if (ESCAPES.has(e)) j += 1;
      else return { offset: j, message: `an invalid escape "\\${e}" in a string` };
    } else if (c < ' ') {
      return {
        offset: j,
        message: 'a line break or control character inside a string (write \\n)',
      };
    }
  }
  return { offset: start, message: 'a string that is never closed' };
}

function shown(text: string, i: number): string {
  TOKEN.lastIndex = i;
  const token = TOKEN.exec(text);
  if (token !== null) return `"${token[0].slice(0, 20)}"`;
  const c = text[i];
  return c === undefined ? 'the end of the text' : `"${c}"`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++)
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  return { line, column: offset - lineStart + 1 };
}
