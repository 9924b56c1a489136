import { describe, expect, it } from 'vitest';
import { composeGrid } from '../../../../src-shared/export/image-grid';

describe('composeGrid', () => {
  it('lays images out row-major, scaled without smoothing, with gaps of the background', () => {
    // Three 1×2 grey images: [0, 1], [0.5, 0.5], [1, 0].
    const images = Float32Array.from([0, 1, 0.5, 0.5, 1, 0]);
    const grid = composeGrid(images, 3, [1, 2, 1], { columns: 2, scale: 2, gap: 1, background: 9 });
    // 2 columns of 4 px + 3 gaps; 2 rows of 2 px + 3 gaps.
    expect([grid.width, grid.height]).toEqual([11, 7]);
    const at = (x: number, y: number) => Array.from(grid.rgb.subarray((y * grid.width + x) * 3, (y * grid.width + x) * 3 + 3));
    expect(at(0, 0)).toEqual([9, 9, 9]);
    expect(at(1, 1)).toEqual([0, 0, 0]);
    expect(at(2, 2)).toEqual([0, 0, 0]);
    expect(at(3, 1)).toEqual([255, 255, 255]);
    expect(at(6, 1)).toEqual([128, 128, 128]);
    // Third image: second row, first column.
    expect(at(1, 4)).toEqual([255, 255, 255]);
    expect(at(4, 5)).toEqual([0, 0, 0]);
    // The empty cell stays background.
    expect(at(7, 4)).toEqual([9, 9, 9]);
  });

  it('keeps colour channels and clips values outside [0, 1]', () => {
    const grid = composeGrid(Float32Array.from([1.5, 0.5, -2]), 1, [1, 1, 3], { columns: 1, scale: 1, gap: 0, background: 0 });
    expect(Array.from(grid.rgb)).toEqual([255, 128, 0]);
    expect(() => composeGrid(new Float32Array(2), 1, [1, 1, 2], { columns: 1, scale: 1, gap: 0, background: 0 })).toThrow(/1 or 3 channels/);
  });
});
