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

/** Rasterizes one sprite into `out` (length 28·28, values in [0, 1]) with 3×3 supersampled anti-aliasing. */
export function renderSprite(f: SpriteFactors, out: Float32Array, offset = 0): void {
  const cos = Math.cos(f.rotation);
  const sin = Math.sin(f.rotation);
  const inv = 1 / f.scale;
  for (let py = 0; py < SPRITE_SIZE; py++) {
    for (let px = 0; px < SPRITE_SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const dx = px + (sx + 0.5) / SUPERSAMPLE - f.x;
          const dy = py + (sy + 0.5) / SUPERSAMPLE - f.y;
          // Inverse rotation takes the pixel into the shape's frame.
          const u = (cos * dx + sin * dy) * inv;
          const v = (-sin * dx + cos * dy) * inv;
          if (insideUnitShape(f.shape, u, v)) hits++;
        }
      }
      out[offset + py * SPRITE_SIZE + px] = hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
}

export interface SpriteSet {
  count: number;
  /** count × 28 × 28, row-major, values in [0, 1]. */
  pixels: Float32Array;
  factors: SpriteFactors[];
}

/** Draws `count` sprites with factors sampled uniformly from their ranges; the same seed gives the same set. */
export function generateSprites(count: number, seed: number): SpriteSet {
  const random = mulberry32(seed);
  const pixels = new Float32Array(count * SPRITE_SIZE * SPRITE_SIZE);
  const factors: SpriteFactors[] = [];
  for (let i = 0; i < count; i++) {
    const scale = 4 + random() * 5;
    // Every shape fits in a disc of radius 1.25·scale around its centre (the heart reaches furthest).
    const margin = scale * 1.25 + 1;
    const f: SpriteFactors = {
      shape: SPRITE_SHAPES[Math.floor(random() * SPRITE_SHAPES.length)],
      scale,
      rotation: random() * Math.PI * 2,
      x: margin + random() * (SPRITE_SIZE - 2 * margin),
      y: margin + random() * (SPRITE_SIZE - 2 * margin),
    };
    renderSprite(f, pixels, i * SPRITE_SIZE * SPRITE_SIZE);
    factors.push(f);
  }
  return { count, pixels, factors };
}
