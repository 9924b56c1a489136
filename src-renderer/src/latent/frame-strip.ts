import type { ImageBatch } from '../../../src-shared/contract/types';

/**
 * Frames of one size side by side, left to right, as RGBA (what a canvas's ImageData holds): the interpolation's
 * "save strip". Grey frames are spread to RGB; `gap` pixels of black separate neighbours.
 */
export function frameStrip(frames: ImageBatch[], gap = 2): { width: number; height: number; rgba: Uint8ClampedArray } {
  if (frames.length === 0) throw new Error('no frames to lay out');
  const { width: w, height: h, channels } = frames[0];
  if (frames.some((f) => f.width !== w || f.height !== h || f.channels !== channels || f.count < 1)) throw new Error('frames of different sizes');
  const width = frames.length * w + (frames.length - 1) * gap;
  const rgba = new Uint8ClampedArray(width * h * 4);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  frames.forEach((frame, k) => {
    const left = k * (w + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = (y * w + x) * channels;
        const dst = (y * width + left + x) * 4;
        const r = frame.pixels[src];
        rgba[dst] = r;
        rgba[dst + 1] = channels === 3 ? frame.pixels[src + 1] : r;
        rgba[dst + 2] = channels === 3 ? frame.pixels[src + 2] : r;
      }
    }
  });
  return { width, height: h, rgba };
}
