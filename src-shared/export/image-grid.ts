/** An RGB picture, 3 bytes a pixel, rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export interface GridOptions {
  /** Images per row. */
  columns: number;
  /** Each image pixel becomes scale × scale pixels (nearest neighbour). */
  scale: number;
  /** Pixels between images and around the grid. */
  gap: number;
  /** Grey level of the gaps, 0–255. */
  background: number;
}

/**
 * Lays `count` images (channels-last [H, W, C] values in [0, 1], C = 1 or 3, one after another) out in a grid, as
 * the figures of a paper: row-major, scaled up without smoothing, separated by a thin gap. Values outside [0, 1]
 * are clipped; grey images become grey RGB.
 */
export function composeGrid(images: Float32Array, count: number, [h, w, c]: number[], options: GridOptions): RgbImage {
  if (c !== 1 && c !== 3) throw new Error(`a figure needs 1 or 3 channels, not ${c}`);
  const columns = Math.max(1, Math.min(options.columns, count));
  const rows = Math.ceil(count / columns);
  const { scale, gap } = options;
  const cellW = w * scale;
  const cellH = h * scale;
  const width = columns * cellW + (columns + 1) * gap;
  const height = rows * cellH + (rows + 1) * gap;
  const rgb = new Uint8Array(width * height * 3).fill(options.background);
  const sampleSize = h * w * c;
  for (let n = 0; n < count; n++) {
    const x0 = gap + (n % columns) * (cellW + gap);
    const y0 = gap + Math.floor(n / columns) * (cellH + gap);
    for (let y = 0; y < cellH; y++) {
      const sy = Math.floor(y / scale);
      let at = ((y0 + y) * width + x0) * 3;
      for (let x = 0; x < cellW; x++) {
        const src = n * sampleSize + (sy * w + Math.floor(x / scale)) * c;
        for (let k = 0; k < 3; k++) {
          const v = images[src + (c === 1 ? 0 : k)];
          rgb[at++] = Math.round(255 * Math.min(1, Math.max(0, Number.isNaN(v) ? 0 : v)));
        }
      }
    }
  }
  return { width, height, rgb };
}
