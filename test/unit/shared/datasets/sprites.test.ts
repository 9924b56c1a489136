import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import {
  generateSprites,
  renderSprite,
  sampleSpriteFactors,
  sampleSpriteFactorsGiven,
  SPRITE_FACTOR_NAMES,
  SPRITE_SIZE,
  spriteFactorVector,
  spriteMargin,
} from '../../../../src-shared/datasets/sprites';
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

  it('draws pairs for the BetaVAE score: one factor copied, every sprite still inside the frame', () => {
    const random = mulberry32(5);
    for (let n = 0; n < 2000; n++) {
      const given = sampleSpriteFactors(random);
      const factor = n % SPRITE_FACTOR_NAMES.length;
      const drawn = sampleSpriteFactorsGiven(random, factor, given);
      expect(spriteFactorVector(drawn)[factor]).toBe(spriteFactorVector(given)[factor]);
      const margin = spriteMargin(drawn.scale);
      for (const c of [drawn.x, drawn.y]) {
        expect(c).toBeGreaterThanOrEqual(margin);
        expect(c).toBeLessThanOrEqual(SPRITE_SIZE - margin);
      }
    }
    expect(() => sampleSpriteFactorsGiven(random, 5, sampleSpriteFactors(random))).toThrow(/sprite factor 5 does not exist/);
  });

  it("draws the generator's conditional given a centre coordinate: larger sprites are rarer near the edges", () => {
    // The reference: joint draws from the generator kept when x lands within 0.05 px of c.
    const random = mulberry32(6);
    for (const c of [8.5, 14]) {
      const kept: number[] = [];
      while (kept.length < 4000) {
        const f = sampleSpriteFactors(random);
        if (Math.abs(f.x - c) < 0.05) kept.push(f.scale);
      }
      const given = { ...sampleSpriteFactors(random), x: c };
      const conditional = Array.from({ length: 20_000 }, () => sampleSpriteFactorsGiven(random, SPRITE_FACTOR_NAMES.indexOf('x'), given).scale);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      expect(mean(conditional)).toBeCloseTo(mean(kept), 1);
      expect(Math.max(...conditional)).toBeLessThanOrEqual((c - 1) / 1.25);
    }
  });

  it('draws the built-in dataset exactly as before (every run on "sprites" sees the same images)', () => {
    // SHA-256 of the 4096 sprites of the built-in seed, taken before the factor sampler was split out of generateSprites.
    const set = generateSprites(4096, 20131220);
    expect(createHash('sha256').update(Buffer.from(set.pixels.buffer)).digest('hex')).toBe('b8dae45faad5cd2af3020fcf8d023df59c10f5d8173c06ca3145e532e1b849a1');
    expect(createHash('sha256').update(JSON.stringify(set.factors)).digest('hex')).toBe('ee6336a487c91b002429f689f8cdd27e0312feb60f729e2d72adc249a393180c');
  });
});
