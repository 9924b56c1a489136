import type { MetricPoint } from '../../src-shared/contract/types';

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
  /** Wall-clock time of each step in ms since the Unix epoch (NaN where a point had none); null when no point had one. */
  times: Float64Array | null;
}

export interface StepChunkRow {
  names: string;
  steps: Buffer;
  epochs: Buffer;
  vals: Buffer;
  times: Buffer | null;
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
  let n = 0;
  let timed = false;
  const seen = new Set<string>();
  for (const p of points) {
    if (p.scope !== 'step') continue;
    n++;
    timed ||= p.time !== undefined;
    for (const name in p.values) seen.add(name);
  }
  if (n === 0) return null;
  const names = [...seen].sort();
  const steps = new Int32Array(n);
  const epochs = new Int32Array(n);
  const values = new Float64Array(names.length * n).fill(Number.NaN);
  const times = timed ? new Float64Array(n) : null;
  let i = 0;
  for (const p of points) {
    if (p.scope !== 'step') continue;
    steps[i] = p.step;
    epochs[i] = p.epoch;
    if (times) times[i] = p.time ?? Number.NaN;
    for (let k = 0; k < names.length; k++) {
      const v = p.values[names[k]];
      if (v !== undefined && Number.isFinite(v)) values[k * n + i] = v;
    }
    i++;
  }
  return { names, steps, epochs, values, times };
}

export function encodeChunk(chunk: StepChunk): StepChunkRow & { first: number; last: number; count: number } {
  return {
    names: JSON.stringify(chunk.names),
    steps: asBuffer(chunk.steps),
    epochs: asBuffer(chunk.epochs),
    vals: asBuffer(chunk.values),
    times: chunk.times ? asBuffer(chunk.times) : null,
    first: chunk.steps[0],
    last: chunk.steps[chunk.steps.length - 1],
    count: chunk.steps.length,
  };
}

export function decodeChunk(row: StepChunkRow): StepChunk {
  return {
    names: JSON.parse(row.names) as string[],
    steps: typed(Int32Array, row.steps),
    epochs: typed(Int32Array, row.epochs),
    values: typed(Float64Array, row.vals),
    times: row.times ? typed(Float64Array, row.times) : null,
  };
}

/** The first `keep` points of a chunk. */
export function truncateChunk(chunk: StepChunk, keep: number): StepChunk {
  const n = chunk.steps.length;
  const values = new Float64Array(chunk.names.length * keep);
  chunk.names.forEach((_, k) => values.set(chunk.values.subarray(k * n, k * n + keep), k * keep));
  return { names: chunk.names, steps: chunk.steps.slice(0, keep), epochs: chunk.epochs.slice(0, keep), values, times: chunk.times?.slice(0, keep) ?? null };
}

/** Per-step series in typed columns, as chunks decode to (a million steps stay a few flat arrays). */
export interface TypedSeries {
  step: Int32Array;
  epoch: Int32Array;
  values: Record<string, Float64Array>;
  /** Absent when no chunk has times. */
  time?: Float64Array;
}

/**
 * Chunks (in write order) as one series ordered by step. A step written twice keeps its last write, as a row
 * store's INSERT OR REPLACE did.
 */
export function seriesOfChunks(chunks: StepChunk[]): TypedSeries {
  const names = [...new Set(chunks.flatMap((c) => c.names))].sort();
  const total = chunks.reduce((sum, c) => sum + c.steps.length, 0);
  const step = new Int32Array(total);
  const epoch = new Int32Array(total);
  const columns = names.map(() => new Float64Array(total).fill(Number.NaN));
  const time = chunks.some((c) => c.times) ? new Float64Array(total).fill(Number.NaN) : undefined;
  let at = 0;
  for (const c of chunks) {
    const n = c.steps.length;
    step.set(c.steps, at);
    epoch.set(c.epochs, at);
    if (time && c.times) time.set(c.times, at);
    c.names.forEach((name, k) => columns[names.indexOf(name)].set(c.values.subarray(k * n, (k + 1) * n), at));
    at += n;
  }
  let ordered = true;
  for (let i = 1; i < total && ordered; i++) ordered = step[i] > step[i - 1];
  if (ordered) return { step, epoch, values: Object.fromEntries(names.map((name, k) => [name, columns[k]])), ...(time ? { time } : {}) };
  // Out of order or repeated steps: order by step, the last write of a step wins.
  const lastIndex = new Map<number, number>();
  step.forEach((s, i) => lastIndex.set(s, i));
  const order = [...lastIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  const pick = <T extends Int32Array | Float64Array>(from: T, into: T) => {
    order.forEach((i, j) => (into[j] = from[i]));
    return into;
  };
  return {
    step: pick(step, new Int32Array(order.length)),
    epoch: pick(epoch, new Int32Array(order.length)),
    values: Object.fromEntries(names.map((name, k) => [name, pick(columns[k], new Float64Array(order.length))])),
    ...(time ? { time: pick(time, new Float64Array(order.length)) } : {}),
  };
}
