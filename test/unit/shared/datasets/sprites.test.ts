import { describe, expect, it } from 'vitest';
import { generateSprites, renderSprite, SPRITE_SIZE } from '../../../../src-shared/datasets/sprites';
import { builtinSplits } from '../../../../src-shared/datasets/builtin';

const PIXELS = SPRITE_SIZE * SPRITE_SIZE;
const area = (img: Float32Array) => img.reduce((a, b) => a + b, 0);

describe('procedural sprites', () => {
  it('is deterministic in its seed and differs across seeds', () => {
    const a = generateSprites(16, 7);
    const b = generateSprites(16, 7);
    const c = generateSprites(16, 8);
    expect(a.pixels).toEqual(b.pixels);
    expect(a.factors).toEqual(b.factors);
    expect(a.pixels).not.toEqual(c.pixels);
  });

  it('draws pixels in [0, 1] with each sprite fully inside the frame', () => {
    const set = generateSprites(64, 1);
    expect(Math.min(...set.pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...set.pixels)).toBeLessThanOrEqual(1);
    for (let i = 0; i < set.count; i++) {
      const img = set.pixels.subarray(i * PIXELS, (i + 1) * PIXELS);
      for (let k = 0; k < SPRITE_SIZE; k++) {
        // Border rows and columns stay empty: the position range keeps a margin.
        expect(img[k] + img[(SPRITE_SIZE - 1) * SPRITE_SIZE + k] + img[k * SPRITE_SIZE] + img[k * SPRITE_SIZE + SPRITE_SIZE - 1]).toBe(0);
      }
      expect(area(img)).toBeGreaterThan(5);
    }
  });

  it('renders the known factors: a square of half-extent s covers about (1.6 s)² pixels', () => {
    const out = new Float32Array(PIXELS);
    renderSprite({ shape: 'square', scale: 5, rotation: 0, x: 14, y: 14 }, out);
    expect(area(out)).toBeCloseTo(64, 0);
    renderSprite({ shape: 'square', scale: 5, rotation: Math.PI / 4, x: 14, y: 14 }, out);
    expect(area(out)).toBeCloseTo(64, -1);
  });

  it('splits a built-in dataset into disjoint train and validation parts', () => {
    const s = builtinSplits('builtin:sprites', 200, 0.1);
    expect(s.trainCount + s.validationCount).toBe(200);
    expect(s.validationCount).toBe(20);
    expect(s.train.length).toBe(180 * PIXELS);
    expect(s.validation.length).toBe(20 * PIXELS);
  });
});
