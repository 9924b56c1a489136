import type { MetricPoint, MetricSeries } from '../../src-shared/contract/types';

/**
 * Per-step metrics are stored as chunks, one row per batch the host flushes: the steps, epochs and every metric's
 * values as typed-array blobs. A row per value (four B-tree inserts per step of a VAE) capped writes near 100k
 * points/s and made reading a million-step run a multi-second scan; a chunk is one insert and one memcpy.
 * Values are float64 (nothing the trainer sends is rounded); NaN marks a value a point lacks or a non-finite one.
 */
export interface StepChunk {
  names: string[];
  steps: Int32Array;
  epochs: Int32Array;
  /** Name-major: values[k * count + i] is metric names[k] at steps[i]. */
  values: Float64Array;
}

export interface StepChunkRow {
  names: string;
  steps: Buffer;
  epochs: Buffer;
  vals: Buffer;
}

const asBuffer = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Copies a blob into its own aligned typed array (SQLite's buffers are not aligned for 4- or 8-byte reads). */
function typed<T extends Int32Array | Float64Array>(kind: new (buffer: ArrayBuffer) => T, blob: Buffer): T {
  const copy = new ArrayBuffer(blob.byteLength);
  new Uint8Array(copy).set(blob);
  return new kind(copy);
}

/** Step points as one chunk (steps in the order given), or null when there are none. */
export function chunkOf(points: MetricPoint[]): StepChunk | null {
  const steps = points.filter((p) => p.scope === 'step');
  if (steps.length === 0) return null;
  const names = [...new Set(steps.flatMap((p) => Object.keys(p.values)))].sort();
  const n = steps.length;
  const values = new Float64Array(names.length * n).fill(Number.NaN);
  steps.forEach((p, i) => {
    names.forEach((name, k) => {
      const v = p.values[name];
      if (v !== undefined && Number.isFinite(v)) values[k * n + i] = v;
    });
  });
  return { names, steps: Int32Array.from(steps, (p) => p.step), epochs: Int32Array.from(steps, (p) => p.epoch), values };
}

export function encodeChunk(chunk: StepChunk): { names: string; steps: Buffer; epochs: Buffer; vals: Buffer; first: number; last: number; count: number } {
  return {
    names: JSON.stringify(chunk.names),
    steps: asBuffer(chunk.steps),
    epochs: asBuffer(chunk.epochs),
    vals: asBuffer(chunk.values),
    first: chunk.steps[0],
    last: chunk.steps[chunk.steps.length - 1],
    count: chunk.steps.length,
  };
}

export function decodeChunk(row: StepChunkRow): StepChunk {
  return { names: JSON.parse(row.names) as string[], steps: typed(Int32Array, row.steps), epochs: typed(Int32Array, row.epochs), values: typed(Float64Array, row.vals) };
}

/** The first `keep` points of a chunk. */
export function truncateChunk(chunk: StepChunk, keep: number): StepChunk {
  const n = chunk.steps.length;
  const values = new Float64Array(chunk.names.length * keep);
  chunk.names.forEach((_, k) => values.set(chunk.values.subarray(k * n, k * n + keep), k * keep));
  return { names: chunk.names, steps: chunk.steps.slice(0, keep), epochs: chunk.epochs.slice(0, keep), values };
}

/**
 * Chunks (in write order) as one column-oriented series ordered by step. A step written twice keeps its last
 * write, as a row store's INSERT OR REPLACE did.
 */
export function seriesOfChunks(chunks: StepChunk[]): MetricSeries {
  const names = [...new Set(chunks.flatMap((c) => c.names))].sort();
  const total = chunks.reduce((sum, c) => sum + c.steps.length, 0);
  const step = new Array<number>(total);
  const epoch = new Array<number>(total);
  const columns = names.map(() => new Array<number>(total).fill(Number.NaN));
  let at = 0;
  let ordered = true;
  for (const c of chunks) {
    const n = c.steps.length;
    for (let i = 0; i < n; i++) {
      step[at + i] = c.steps[i];
      epoch[at + i] = c.epochs[i];
      if (at + i > 0 && step[at + i] <= step[at + i - 1]) ordered = false;
    }
    c.names.forEach((name) => {
      const column = columns[names.indexOf(name)];
      const k = c.names.indexOf(name);
      for (let i = 0; i < n; i++) column[at + i] = c.values[k * n + i];
    });
    at += n;
  }
  if (ordered) return { step, epoch, values: Object.fromEntries(names.map((name, k) => [name, columns[k]])) };
  // Out of order or repeated steps: order by step, the last write of a step wins.
  const lastIndex = new Map<number, number>();
  step.forEach((s, i) => lastIndex.set(s, i));
  const order = [...lastIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  return {
    step: order.map((i) => step[i]),
    epoch: order.map((i) => epoch[i]),
    values: Object.fromEntries(names.map((name, k) => [name, order.map((i) => columns[k][i])])),
  };
}
