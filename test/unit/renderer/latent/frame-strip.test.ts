import { describe, expect, it } from 'vitest';
import type { ImageBatch } from '../../../../src-shared/contract/types';
import { frameStrip } from '../../../../src-renderer/src/latent/frame-strip';

const grey = (values: number[]): ImageBatch => ({ count: 1, width: 2, height: 1, channels: 1, pixels: Uint8Array.from(values) });

describe('frameStrip', () => {
  it('lays frames left to right with a black gap, grey spread to RGB, opaque', () => {
    const strip = frameStrip([grey([10, 20]), grey([30, 40])], 1);
    expect(strip.width).toBe(5);
    expect(strip.height).toBe(1);
    const px = (x: number) => Array.from(strip.rgba.slice(x * 4, x * 4 + 4));
    expect([px(0), px(1), px(2), px(3), px(4)]).toEqual([
      [10, 10, 10, 255],
      [20, 20, 20, 255],
      [0, 0, 0, 255],
      [30, 30, 30, 255],
      [40, 40, 40, 255],
    ]);
  });

  it('keeps colour frames as they are, and refuses frames of different sizes or none', () => {
    const rgb: ImageBatch = { count: 1, width: 1, height: 1, channels: 3, pixels: Uint8Array.from([1, 2, 3]) };
    expect(Array.from(frameStrip([rgb]).rgba)).toEqual([1, 2, 3, 255]);
    expect(() => frameStrip([rgb, grey([1, 2])])).toThrow(/different sizes/);
    expect(() => frameStrip([])).toThrow(/no frames/);
  });
});
