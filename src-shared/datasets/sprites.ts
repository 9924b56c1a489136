import { mulberry32 } from './rng';

/**
 * Procedural 28×28 sprites with known generative factors (in the spirit of dSprites, Matthey et al. 2017):
 * shape, scale, rotation and position are drawn independently, so later disentanglement metrics can use them.
 */
export const SPRITE_SIZE = 28;
export const SPRITE_SHAPES = ['square', 'ellipse', 'triangle', 'heart'] as const;
export type SpriteShape = (typeof SPRITE_SHAPES)[number];

export interface SpriteFactors {
  shape: SpriteShape;
  /** Half-extent of the shape in pixels. */
  scale: number;
  /** Radians. */
  rotation: number;
  /** Centre, in pixels. */
  x: number;
  y: number;
}

export const SPRITE_FACTOR_NAMES = ['shape', 'scale', 'rotation', 'x', 'y'] as const;

/** Whether the point (u, v), in the shape's own unit frame ([-1, 1]²), lies inside it. */
function insideUnitShape(shape: SpriteShape, u: number, v: number): boolean {
  switch (shape) {
    case 'square':
      return Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8;
    case 'ellipse':
      return (u * u) / 1 + (v * v) / 0.45 <= 1;
    case 'triangle':
      // Apex up, base at v = 0.8; |u| shrinks linearly toward the apex at v = -0.9.
      return v <= 0.8 && v >= -0.9 && Math.abs(u) <= ((v + 0.9) / 1.7) * 0.95;
    case 'heart': {
      // Implicit heart curve (x² + y² − 1)³ − x² y³ ≤ 0, flipped so the point faces down.
      const x = u * 1.15;
      const y = -v * 1.15 + 0.15;
      const a = x * x + y * y - 1;
      return a * a * a - x * x * y * y * y <= 0;
    }
  }
}

const SUPERSAMPLE = 3;
/** A rendered pixel is hits / SPRITE_LEVELS for some whole number of hits in 0 … SPRITE_LEVELS (3×3 supersampling). */
export const SPRITE_LEVELS = SUPERSAMPLE * SUPERSAMPLE;

/** Rasterizes one sprite into `out` (length 28·28, values in [0, 1]) with 3×3 supersampled anti-aliasing. */
export function renderSprite(f: SpriteFactors, out: Float32Array, offset = 0): void {
  const cos = Math.cos(f.rotation);
  const sin = Math.sin(f.rotation);
  const inv = 1 / f.scale;
  // Read once: the loop below runs 7056 times a sprite, and factor objects of other shapes make each read slow.
  const { shape, x, y } = f;
  for (let py = 0; py < SPRITE_SIZE; py++) {
    for (let px = 0; px < SPRITE_SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const dx = px + (sx + 0.5) / SUPERSAMPLE - x;
          const dy = py + (sy + 0.5) / SUPERSAMPLE - y;
          // Inverse rotation takes the pixel into the shape's frame.
          const u = (cos * dx + sin * dy) * inv;
          const v = (-sin * dx + cos * dy) * inv;
          if (insideUnitShape(shape, u, v)) hits++;
        }
      }
      out[offset + py * SPRITE_SIZE + px] = hits / SPRITE_LEVELS;
    }
  }
}

export interface SpriteSet {
  count: number;
  /** count × 28 × 28, row-major, values in [0, 1]. */
  pixels: Float32Array;
  factors: SpriteFactors[];
}

/** Smallest and largest half-extent of a sprite, in pixels. */
export const SPRITE_SCALE_RANGE = [4, 9] as const;

/** How far a sprite's centre stays from the frame's edges: every shape fits in a disc of radius 1.25·scale (the heart reaches furthest). */
export const spriteMargin = (scale: number): number => scale * 1.25 + 1;

/** One sprite's factors drawn from the generator's distribution: shape, scale and rotation uniform, the centre uniform where the sprite fits. */
export function sampleSpriteFactors(random: () => number): SpriteFactors {
  // The order of the draws is part of the built-in dataset: every run on "sprites, 4096" sees the same images.
  const scale = SPRITE_SCALE_RANGE[0] + random() * (SPRITE_SCALE_RANGE[1] - SPRITE_SCALE_RANGE[0]);
  const margin = spriteMargin(scale);
  return {
    shape: SPRITE_SHAPES[Math.floor(random() * SPRITE_SHAPES.length)],
    scale,
    rotation: random() * Math.PI * 2,
    x: margin + random() * (SPRITE_SIZE - 2 * margin),
    y: margin + random() * (SPRITE_SIZE - 2 * margin),
  };
}

/** A sprite's factors as numbers, in SPRITE_FACTOR_NAMES order (the shape as its index in SPRITE_SHAPES). */
export const spriteFactorVector = (f: SpriteFactors): number[] => [SPRITE_SHAPES.indexOf(f.shape), f.scale, f.rotation, f.x, f.y];

/** Which factors take a few unordered values (the shape) rather than a continuum. */
export const SPRITE_FACTOR_DISCRETE: Record<(typeof SPRITE_FACTOR_NAMES)[number], boolean> = { shape: true, scale: false, rotation: false, x: false, y: false };

/**
 * A sprite's factors drawn from the generator's distribution conditioned on one factor's value `given` (for the
 * BetaVAE score's pairs, Higgins et al. 2017). Shape and rotation are independent of the rest, and the centre given
 * the scale is uniform where the sprite fits; given a centre coordinate c, the scale has density
 * p(s | c) ∝ p(s)·p(c | s) = 1[c fits]/(28 − 2·margin(s)), drawn by rejection (exact), and the other coordinate is
 * then uniform where that scale fits.
 */
export function sampleSpriteFactorsGiven(random: () => number, factor: number, given: SpriteFactors): SpriteFactors {
  const name = SPRITE_FACTOR_NAMES[factor];
  if (name === undefined) throw new RangeError(`sprite factor ${factor} does not exist: there are ${SPRITE_FACTOR_NAMES.length}`);
  const fresh = sampleSpriteFactors(random);
  // Every factor object is built by the one literal below (same property order): renderSprite stays monomorphic.
  const sprite = (shape: SpriteShape, scale: number, rotation: number, x: number, y: number): SpriteFactors => ({ shape, scale, rotation, x, y });
  switch (name) {
    case 'shape':
      return sprite(given.shape, fresh.scale, fresh.rotation, fresh.x, fresh.y);
    case 'rotation':
      return sprite(fresh.shape, fresh.scale, given.rotation, fresh.x, fresh.y);
    case 'scale': {
      const margin = spriteMargin(given.scale);
      return sprite(fresh.shape, given.scale, fresh.rotation, margin + random() * (SPRITE_SIZE - 2 * margin), margin + random() * (SPRITE_SIZE - 2 * margin));
    }
    case 'x':
    case 'y': {
      const c = given[name];
      const narrowest = SPRITE_SIZE - 2 * spriteMargin(SPRITE_SCALE_RANGE[1]);
      for (;;) {
        const scale = SPRITE_SCALE_RANGE[0] + random() * (SPRITE_SCALE_RANGE[1] - SPRITE_SCALE_RANGE[0]);
        const margin = spriteMargin(scale);
        const width = SPRITE_SIZE - 2 * margin;
        if (c < margin || c > SPRITE_SIZE - margin || random() * width > narrowest) continue;
        const other = margin + random() * width;
        return name === 'x' ? sprite(fresh.shape, scale, fresh.rotation, c, other) : sprite(fresh.shape, scale, fresh.rotation, other, c);
      }
    }
  }
}

/** Draws `count` sprites with factors sampled uniformly from their ranges; the same seed gives the same set. */
export function generateSprites(count: number, seed: number): SpriteSet {
  const random = mulberry32(seed);
  const pixels = new Float32Array(count * SPRITE_SIZE * SPRITE_SIZE);
  const factors: SpriteFactors[] = [];
  for (let i = 0; i < count; i++) {
    const f = sampleSpriteFactors(random);
    renderSprite(f, pixels, i * SPRITE_SIZE * SPRITE_SIZE);
    factors.push(f);
  }
  return { count, pixels, factors };
}
