import { describe, expect, it } from 'vitest';
import { formatSignificant } from '../../../src-renderer/src/format';

describe('formatSignificant', () => {
  it.each([
    [512.345, '512.3'],
    [0.0456789, '0.04568'],
    [23.456, '23.46'],
    [1, '1.000'],
    [-87.65432, '-87.65'],
    [12345.6, '12346'],
    [9999.7, '10000'],
    [0.000123456, '1.235e-4'],
    [2e-7, '2e-7'],
    [3.2e12, '3.2e+12'],
    [0, '0'],
    [Number.NaN, '–'],
    [null, '–'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%s → %s', (value, expected) => {
    expect(formatSignificant(value)).toBe(expected);
  });

  it('keeps the requested number of significant digits', () => {
    expect(formatSignificant(Math.PI, 3)).toBe('3.14');
    expect(formatSignificant(Math.PI * 100, 6)).toBe('314.159');
  });
});
