import { describe, expect, it } from 'vitest';
import { boundingBox, regularGrid } from '../../../../src-shared/math/plane-box';

describe('boundingBox', () => {
  it('holds every point of every list, grown by the padding on each side', () => {
    expect(boundingBox([[0, 0, 2, 1], [-1, 3]])).toEqual({ xMin: -1, xMax: 2, yMin: 0, yMax: 3 });
    const padded = boundingBox([[0, 0, 2, 1], [-1, 3]], 0.1);
    const expected = { xMin: -1.3, xMax: 2.3, yMin: -0.3, yMax: 3.3 };
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) expect(padded[key]).toBeCloseTo(expected[key], 12);
  });

  it('skips non-finite values, gives a flat box an area, and an empty one the unit square', () => {
    expect(boundingBox([[1, 1, NaN, 5, 2, Infinity, 3, 4]])).toEqual({ xMin: 1, xMax: 3, yMin: 1, yMax: 4 });
    expect(boundingBox([[2, 5, 2, 7]], 0.5)).toEqual({ xMin: 1.5, xMax: 2.5, yMin: 4, yMax: 8 });
    expect(boundingBox([[]], 0.5)).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
  });
});

describe('regularGrid', () => {
  it('spaces side × side points evenly over the box, corners included, row by row', () => {
    const grid = regularGrid({ xMin: 0, xMax: 2, yMin: -1, yMax: 1 }, 3);
    expect(Array.from(grid)).toEqual([0, -1, 1, -1, 2, -1, 0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1]);
  });

  it('needs two points per side', () => {
    expect(() => regularGrid({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 1)).toThrow(/at least 2 points per side; got 1/);
  });
});
