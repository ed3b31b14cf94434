import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, stripByteOrderMark } from './json-text.ts';

describe('findJsonSyntaxError', () => {
  const cases: [string, number, number, RegExp][] = [
    ['{ nope', 1, 3, /property name in double quotes/],
    ['{"a": 1,}', 1, 9, /trailing comma before '}'/],
    ['[1, 2,\n]', 2, 1, /trailing comma before '\]'/],
    ["{'a': 1}", 1, 2, /double quotes in JSON, not single/],
    ['{"a": \'x\'}', 1, 7, /double quotes in JSON, not single/],
    ['{"a" 1}', 1, 6, /':' was expected/],
    ['{"a": 1 "b": 2}', 1, 9, /',' or '}' was expected, got """/],
    ['{"a": 01}', 1, 7, /malformed number: "01"/],
    ['{"a": NaN}', 1, 7, /got "NaN"/],
    ['// a comment\n{}', 1, 1, /comments are not allowed/],
    ['{"a": "line\nbreak"}', 1, 12, /control character inside a string/],
    ['"\\q"', 1, 2, /invalid escape "\\q"/],
    ['{"a": "open', 1, 7, /never closed/],
    ['{"a": 1} x', 1, 10, /more text after the JSON value: "x"/],
    ['', 1, 1, /text ends where a value was expected/],
    ['{\n  "a": [1,\n', 3, 1, /text ends where a value was expected/],
  ];

  it.each(cases)('%j → line %i, column %i', (text, line, column, message) => {
    const e = findJsonSyntaxError(text);
    expect(e).toMatchObject({ line, column });
    expect(e?.message).toMatch(message);
  });

  it('finds no error exactly where JSON.parse succeeds', () => {
    const accepts = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxError(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
    // corrupt valid JSON by one character: the scanner and JSON.parse agree on every result
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom(',', '}', ']', '"', ':', 'x', ' ', '\n'),
        (t, at, c) => {
          const i = at % (t.length + 1);
          const text = t.slice(0, i) + c + t.slice(i);
          expect(findJsonSyntaxError(text) === null).toBe(accepts(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))?.message).toMatch(/text ends/);
  });
});

describe('stripByteOrderMark', () => {
  it('drops one leading U+FEFF and nothing else', () => {
    expect(stripByteOrderMark('\uFEFF{}')).toBe('{}');
    expect(stripByteOrderMark('{}\uFEFF')).toBe('{}\uFEFF');
  });
});
