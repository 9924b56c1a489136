/** An axis-aligned rectangle of the plane. */
export interface PlaneBox {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * The smallest box holding every point of one or more lists of 2-D points (x, y interleaved), grown by `padding`
 * times its width and height on each side. A box of zero width or height grows by `padding` units instead, so
 * that it always has an area. Non-finite values are skipped.
 */
export function boundingBox(pointLists: ArrayLike<number>[], padding = 0): PlaneBox {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const points of pointLists) {
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = points[i];
      const y = points[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (xMin > xMax) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const padX = (xMax - xMin || 1) * padding;
  const padY = (yMax - yMin || 1) * padding;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/** `side` × `side` evenly spaced points over the box, corners included, row by row from (xMin, yMin): side² × 2 values. */
export function regularGrid(box: PlaneBox, side: number): Float32Array {
  if (!Number.isInteger(side) || side < 2) throw new Error(`a grid needs at least 2 points per side; got ${side}`);
  const out = new Float32Array(side * side * 2);
  for (let row = 0; row < side; row++) {
    const y = box.yMin + ((box.yMax - box.yMin) * row) / (side - 1);
    for (let col = 0; col < side; col++) {
      const i = row * side + col;
      out[2 * i] = box.xMin + ((box.xMax - box.xMin) * col) / (side - 1);
      out[2 * i + 1] = y;
    }
  }
  return out;
}
