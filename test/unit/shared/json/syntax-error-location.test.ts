import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorLocation } from '../../../../src-shared/json/syntax-error-location';

describe('jsonSyntaxErrorLocation', () => {
  it.each([
    ['{"a": [1,\n 2,,]}', 2, 4],
    ['{"a": tru}', 1, 10],
    ['{"a":1} x', 1, 9],
    ['', 1, 1],
    ['"abc', 1, 5],
    ['{"a":-}', 1, 6],
    ['[01]', 1, 3],
    ['{a: 1}', 1, 2],
    ['{"a": "\\q"}', 1, 9],
    ['{"a": "\\u12G4"}', 1, 9],
    ['[1, 2', 1, 6],
  ])('finds the first error of %j at line %i, column %i', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxErrorLocation(text)).toEqual({ line, column });
  });

  it.each(['{}', '[1, -2.5e3, "x\\n\\u00e9", true, false, null, {"a": {}}]', ' \n 42 \n'])('finds nothing wrong in valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonSyntaxErrorLocation(text)).toBeNull();
  });
});
