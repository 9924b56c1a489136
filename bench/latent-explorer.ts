// The latent explorer's speed budgets (issue 14), measured side by side in one run through the real host and trainer:
// `latent-lab serve` started as a user starts it (out/main/cli.js and out/main/trainer.js, built by `npm run build`),
// called over its WebSocket as the browser page calls it. A VAE (MLP 784-256-128-10, builtin:sprites, 10,000 validation
// images) is trained through the API first. Four parts, each optional (argv names them; default all):
//   scrub      one 28×28 interpolation frame per slider move: 500 moves one after another (p50, p95), then 500 moves
//              at 60 a second without waiting (newest wins: frames dropped, stale frames drawn, the last one drawn),
//              then 500 sent at once;
//   grids      a 10-dimension × 11-step traversal and a 16×16 grid of prior samples, end to end;
//   projector  `latent.project` of the 10,000 validation codes to their principal plane, end to end;
//   umap       umap-js on those 10,000 codes in this process, as the page's UMAP worker runs it (no budget).
// Prints one JSON line (read by bench/run.mjs, which prints the table and writes bench/results/latest.json).
import { benchMachine } from './machine';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UMAP } from 'umap-js';
import type { ApiClient } from '../src-shared/contract/api';
import type { ImageBatch, LatentFrame, LatentProjection } from '../src-shared/contract/types';
import { mulberry32 } from '../src-shared/datasets/rng';
import { startServe } from '../test/helpers/serve-process';
import { connectApi } from '../test/helpers/ws-api';

const PARTS = ['scrub', 'grids', 'projector', 'umap'] as const;
type Part = (typeof PARTS)[number];

/** Load average (1, 5, 15 min) before and after one measurement: this machine is shared. */
interface Load {
  before: number[];
  after: number[];
}

/** One measured value next to its budget; `pass` is null for values measured for information only. */
interface Check {
  part: Part;
  name: string;
  value: number;
  unit: string;
  target: string | null;
  pass: boolean | null;
  detail: string;
  load: Load;
}
const checks: Check[] = [];
type Target = { below: number } | { atMost: number } | { atLeast: number } | null;
const targetText = (t: Target) => (t === null ? null : 'below' in t ? `< ${t.below.toLocaleString('en-US')}` : 'atMost' in t ? `≤ ${t.atMost}` : `≥ ${t.atLeast}`);
const meets = (t: Target, v: number) => (t === null ? null : 'below' in t ? v < t.below : 'atMost' in t ? v <= t.atMost : v >= t.atLeast);
const loadText = (load: Load) => `load ${load.before[0].toFixed(1)} → ${load.after[0].toFixed(1)}`;
const budget = (part: Part, name: string, value: number, unit: string, target: Target, detail: string, load: Load) =>
  checks.push({ part, name, value, unit, target: targetText(target), pass: meets(target, value), detail: `${detail}; ${loadText(load)}`, load });
const verdict = (part: Part, name: string, pass: boolean, detail: string, load: Load) =>
  checks.push({ part, name, value: pass ? 1 : 0, unit: 'yes/no', target: 'yes', pass, detail: `${detail}; ${loadText(load)}`, load });

const log = (message: string) => process.stderr.write(`  latent: ${message}\n`);
const ms = (from: number) => performance.now() - from;
/** The q-quantile of `values` (nearest rank). */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const median = (values: number[]) => quantile(values, 0.5);
const f1 = (v: number) => v.toFixed(1);
const f0 = (v: number) => Math.round(v).toLocaleString('en-US');

/** Runs `measure` between two readings of the load average. */
async function withLoad<T>(measure: () => Promise<T>): Promise<{ result: T; load: Load }> {
  const before = loadavg();
  const result = await measure();
  return { result, load: { before, after: loadavg() } };
}

// ---------------------------------------------------------------------------------------------------------------
// CPU time of the host (the serve process) and the trainer (its child), from /proc: where a call's time went.

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`). */
const TICK_MS = 10;

/** utime + stime of a process, ms; null where /proc cannot say (another OS, the process gone). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15 (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((child) => {
        try {
          const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

interface CpuReading {
  host: number | null;
  trainer: number | null;
}
/** CPU time so far of the serve process and of its children (the trainer). */
function readCpu(hostPid: number): CpuReading {
  const trainer = childrenOf(hostPid).map(processCpuMs);
  return { host: processCpuMs(hostPid), trainer: trainer.length === 0 || trainer.includes(null) ? null : trainer.reduce((a, b) => a! + b!, 0) };
}
/** "host x ms, trainer y ms per call" between two readings, or '' where /proc said nothing. */
function cpuPerCall(from: CpuReading, to: CpuReading, calls: number): string {
  if (from.host === null || to.host === null || from.trainer === null || to.trainer === null) return '';
  return `; CPU per call: host ${f1((to.host - from.host) / calls)} ms, trainer ${f1((to.trainer - from.trainer) / calls)} ms`;
}

// ---------------------------------------------------------------------------------------------------------------
// The VAE the explorer opens

/**
 * MLP 784-256-128-10 on sprites, 1 epoch. `validationSplit` must be below 0.5, so 25,000 sprites at 0.4 give the
 * projector its 10,000 validation images (15,000 train).
 */
const VAE_CONFIG = {
  name: 'bench: latent explorer VAE',
  dataset: { id: 'builtin:sprites', size: 25_000, validationSplit: 0.4 },
  model: { family: 'vae', hidden: [256, 128], activation: 'relu', latentDim: 10, likelihood: 'bernoulli' },
  objective: { beta: 1 },
  training: { epochs: 1, batchSize: 128, learningRate: 0.001, optimizer: 'adam', seed: 7 },
};
const VALIDATION_IMAGES = 10_000;

async function trainVae(api: ApiClient): Promise<{ runId: number; seconds: number }> {
  const start = performance.now();
  const { runId } = await api.call('runs.start', { config: VAE_CONFIG });
  for (const deadline = Date.now() + 15 * 60_000; ; ) {
    const run = await api.call('runs.get', { runId, maxPoints: 10 });
    if (run.status === 'completed') return { runId, seconds: ms(start) / 1000 };
    if (!['queued', 'running'].includes(run.status) || Date.now() > deadline) throw new Error(`the benchmark's VAE did not train: ${run.status} ${run.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// scrub: one frame per slider move

const MOVES = 500;
/** Moves a second while the slider is dragged (a display's frame rate). */
const MOVE_RATE = 60;
/** The two validation images interpolated between. */
const ENDS = { a: 3, b: 11 };
/** t of move i: the slider dragged from A to B and back, 100 moves a round trip. */
const sliderAt = (i: number) => {
  const phase = (i % 100) / 50;
  return phase <= 1 ? phase : 2 - phase;
};

async function scrubPart(api: ApiClient, sessionId: string, hostPid: number): Promise<Record<string, unknown>> {
  const move = (seq: number) => api.call('latent.interpolate', { sessionId, ...ENDS, t: sliderAt(seq), path: 'linear', seq });

  // a. Each move waits for its frame, as a slow drag does.
  const firstStart = performance.now();
  const first = await move(0);
  const firstMs = ms(firstStart);
  const frameShape = first.frame ? `${first.frame.width}×${first.frame.height}×${first.frame.channels}` : 'none';
  const sequential = await withLoad(async () => {
    const latencies: number[] = [];
    const cpuFrom = readCpu(hostPid);
    for (let seq = 1; seq <= MOVES; seq++) {
      const start = performance.now();
      const frame = await move(seq);
      latencies.push(ms(start));
      if (frame.dropped || !frame.frame) throw new Error(`move ${seq} was dropped although nothing newer was sent`);
    }
    return { latencies, cpu: cpuPerCall(cpuFrom, readCpu(hostPid), MOVES) };
  });
  const { latencies } = sequential.result;
  const p50 = median(latencies);
  const p95 = quantile(latencies, 0.95);
  log(`scrub, one move at a time: p50 ${f1(p50)} ms, p95 ${f1(p95)} ms`);
  budget('scrub', `scrub frame, ${MOVES} moves one at a time: p50`, p50, 'ms', null, `latent.interpolate end to end (request, decode in the trainer, ${frameShape} frame back) over the WebSocket, each move awaited`, sequential.load);
  budget('scrub', `scrub frame, ${MOVES} moves one at a time: p95`, p95, 'ms', { below: 30 },
    `p99 ${f1(quantile(latencies, 0.99))} ms, max ${f1(Math.max(...latencies))} ms; first frame (encodes both ends) ${f1(firstMs)} ms${sequential.result.cpu}`, sequential.load);

  // b. A fast drag: moves at 60 a second, none awaited. The host keeps one decode in flight and one waiting; a newer
  // move replaces the waiting one, which comes back dropped. A drawn frame is stale when a newer move had already
  // been sent by the time it arrived.
  const interval = 1000 / MOVE_RATE;
  const burst = await withLoad(async () => {
    interface Reply {
      seq: number;
      dropped: boolean;
      stale: boolean;
      latencyMs: number;
    }
    const replies: Reply[] = [];
    const pending: Promise<void>[] = [];
    let newestSent = -1;
    const cpuFrom = readCpu(hostPid);
    const start = performance.now();
    await new Promise<void>((resolve) => {
      let seq = 0;
      const send = () => {
        const sentAt = performance.now();
        newestSent = seq;
        pending.push(
          move(seq).then((frame: LatentFrame) => {
            replies.push({ seq: frame.seq, dropped: frame.dropped, stale: !frame.dropped && frame.seq < newestSent, latencyMs: ms(sentAt) });
          }),
        );
        seq++;
        if (seq === MOVES) return resolve();
        // Paced against the start, so a late timer does not slow the whole drag down.
        setTimeout(send, Math.max(0, start + seq * interval - performance.now()));
      };
      send();
    });
    const sendSeconds = ms(start) / 1000;
    await Promise.all(pending);
    return { replies, sendSeconds, cpu: cpuPerCall(cpuFrom, readCpu(hostPid), MOVES) };
  });
  const { replies, sendSeconds } = burst.result;
  const drawn = replies.filter((r) => !r.dropped);
  let run = 0;
  let maxConsecutiveStale = 0;
  for (const r of drawn) {
    run = r.stale ? run + 1 : 0;
    maxConsecutiveStale = Math.max(maxConsecutiveStale, run);
  }
  const stale = drawn.filter((r) => r.stale).length;
  const last = drawn.at(-1);
  const lastIsNewest = last?.seq === MOVES - 1 && replies.at(-1)?.seq === MOVES - 1;
  const drawnLatency = drawn.map((r) => r.latencyMs);
  const sentRate = MOVES / sendSeconds;
  log(`scrub at ${MOVE_RATE} moves/s: ${drawn.length} of ${MOVES} drawn, ${stale} stale, at most ${maxConsecutiveStale} in a row`);
  const burstDetail = `${MOVES} moves sent in ${f1(sendSeconds)} s (${f1(sentRate)} a second), none awaited`;
  budget('scrub', `fast drag at ${MOVE_RATE} moves/s: stale frames drawn`, maxConsecutiveStale, 'in a row', { atMost: 1 },
    `most in a row; a drawn frame is stale when a newer move had been sent before it arrived; ${stale} stale of ${drawn.length} drawn; ${burstDetail}`, burst.load);
  budget('scrub', `fast drag at ${MOVE_RATE} moves/s: frames drawn`, drawn.length, `of ${MOVES}`, null,
    `${MOVES - drawn.length} dropped (replaced by a newer move before being decoded); drawn frames p50 ${f1(median(drawnLatency))} ms, p95 ${f1(quantile(drawnLatency, 0.95))} ms from move to frame${burst.result.cpu}`, burst.load);
  verdict('scrub', 'fast drag: the last frame drawn is the last move', lastIsNewest, `last drawn seq ${last?.seq ?? 'none'} of moves 0–${MOVES - 1}`, burst.load);

  // c. Far more moves than the decoder can keep up with: all sent at once, so the queue must drop nearly all of them
  // and still end on the last.
  const flood = await withLoad(async () => {
    const start = performance.now();
    const frames = await Promise.all(Array.from({ length: MOVES }, (_, seq) => move(seq)));
    return { frames, ms: ms(start) };
  });
  const floodDrawn = flood.result.frames.filter((f) => !f.dropped).map((f) => f.seq);
  const floodSeqs = floodDrawn.length <= 8 ? `seq ${floodDrawn.join(', ')}` : `${floodDrawn.length} frames`;
  log(`scrub, ${MOVES} moves at once: ${floodDrawn.length} drawn`);
  budget('scrub', `${MOVES} moves sent at once: frames drawn`, floodDrawn.length, `of ${MOVES}`, null,
    `drawn: ${floodSeqs}, the last move drawn ${floodDrawn.at(-1) === MOVES - 1 ? 'last' : 'NOT last'}; all replies in ${f0(flood.result.ms)} ms`, flood.load);
  return {
    sequential: { moves: MOVES, firstMs, p50Ms: p50, p95Ms: p95, p99Ms: quantile(latencies, 0.99), maxMs: Math.max(...latencies), load: sequential.load },
    fastDrag: {
      moves: MOVES,
      movesPerSecond: sentRate,
      drawn: drawn.length,
      dropped: MOVES - drawn.length,
      staleDrawn: stale,
      maxConsecutiveStale,
      lastIsNewest,
      drawnP50Ms: median(drawnLatency),
      drawnP95Ms: quantile(drawnLatency, 0.95),
      load: burst.load,
    },
    flood: { moves: MOVES, drawnSeqs: floodDrawn, ms: flood.result.ms, load: flood.load },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// grids: a traversal and a prior grid, each one batched decode

const GRID_ROUNDS = 20;

/** The first call, then `rounds` more: their end-to-end times and replies, and the CPU time per call of those rounds. */
async function timeCalls<T>(
  hostPid: number,
  rounds: number,
  call: (round: number) => Promise<T>,
): Promise<{ first: T; firstMs: number; times: number[]; results: T[]; cpu: string }> {
  const firstStart = performance.now();
  const first = await call(0);
  const firstMs = ms(firstStart);
  const times: number[] = [];
  const results: T[] = [];
  const cpuFrom = readCpu(hostPid);
  for (let round = 1; round <= rounds; round++) {
    const start = performance.now();
    results.push(await call(round));
    times.push(ms(start));
  }
  return { first, firstMs, times, results, cpu: cpuPerCall(cpuFrom, readCpu(hostPid), rounds) };
}

const pixelsOf = (batch: ImageBatch) => `${batch.count} frames of ${batch.width}×${batch.height}`;

async function gridsPart(api: ApiClient, sessionId: string, hostPid: number): Promise<Record<string, unknown>> {
  const traversal = await withLoad(() => timeCalls(hostPid, GRID_ROUNDS, () => api.call('latent.traversal', { sessionId, index: 0, range: 3, steps: 11, maxRows: 10 })));
  const t = traversal.result;
  const traversalMs = median(t.times);
  const decodeMs = median(t.results.map((r) => r.decodeMs));
  log(`traversal 10 × 11: median ${f1(traversalMs)} ms (decode ${f1(decodeMs)} ms)`);
  budget('grids', 'traversal, 10 dimensions × 11 steps', traversalMs, 'ms', { below: 200 },
    `latent.traversal end to end, median of ${GRID_ROUNDS} after a first call of ${f0(t.firstMs)} ms; ${pixelsOf(t.results[0].frames)}; the trainer's batched decode ${f1(decodeMs)} ms (median)${traversal.result.cpu}`, traversal.load);

  const samples = await withLoad(() => timeCalls(hostPid, GRID_ROUNDS, (round) => api.call('latent.samples', { sessionId, seed: round + 1, count: 256 })));
  const s = samples.result;
  const samplesMs = median(s.times);
  log(`prior samples 16 × 16: median ${f1(samplesMs)} ms`);
  budget('grids', 'prior samples, 16 × 16 grid', samplesMs, 'ms', { below: 200 },
    `latent.samples (count 256) end to end, median of ${GRID_ROUNDS} after a first call of ${f0(s.firstMs)} ms; ${pixelsOf(s.results[0])}; the reply has no decode time of its own${samples.result.cpu}`, samples.load);
  return {
    traversal: { rows: 10, steps: 11, firstMs: t.firstMs, medianMs: traversalMs, maxMs: Math.max(...t.times), decodeMs, load: traversal.load },
    samples: { count: 256, firstMs: s.firstMs, medianMs: samplesMs, maxMs: Math.max(...s.times), load: samples.load },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// projector: 10,000 codes to their principal plane

const PROJECT_ROUNDS = 5;

/** Bytes of the typed arrays in a projection: what the WebSocket carries, near enough. */
const projectionBytes = (p: LatentProjection) => p.codes.byteLength + p.points.byteLength + p.colourings.reduce((sum, c) => sum + c.values.byteLength, 0);

async function projectorPart(api: ApiClient, sessionId: string, hostPid: number): Promise<{ result: Record<string, unknown>; codes: Float32Array | null }> {
  const projection = await withLoad(() => timeCalls(hostPid, PROJECT_ROUNDS, () => api.call('latent.project', { sessionId, count: VALIDATION_IMAGES, method: 'pca' })));
  const p = projection.result;
  const medianMs = median(p.times);
  const encodeMs = median(p.results.map((r) => r.encodeMs));
  const projectMs = median(p.results.map((r) => r.projectMs));
  const reply = p.results[0];
  log(`projector, ${reply.count} codes: median ${f0(medianMs)} ms (encode ${f0(encodeMs)} ms, PCA ${f1(projectMs)} ms)`);
  budget('projector', `projector, ${reply.count.toLocaleString('en-US')} codes by PCA`, medianMs, 'ms', { below: 2000 },
    `latent.project end to end, median of ${PROJECT_ROUNDS} after a first call of ${f0(p.firstMs)} ms (encode ${f0(p.first.encodeMs)} ms, PCA ${f1(p.first.projectMs)} ms; the rest is mostly the colourings, read once per session); in the trainer: encode ${f0(encodeMs)} ms, PCA ${f1(projectMs)} ms (medians); ${reply.latentDim}-d codes, ${reply.colourings.length} colourings, ${f0(projectionBytes(reply) / 1024)} KB of arrays${projection.result.cpu}`, projection.load);
  return {
    result: { count: reply.count, latentDim: reply.latentDim, firstMs: p.firstMs, firstEncodeMs: p.first.encodeMs, firstProjectMs: p.first.projectMs, medianMs, encodeMs, projectMs, bytes: projectionBytes(reply), load: projection.load },
    codes: reply.count === VALIDATION_IMAGES ? reply.codes : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// umap: the page's UMAP worker, run here

/** What the page's worker asks for (ProjectorPanel.vue → umap.worker.ts). */
const UMAP_PARAMS = { nNeighbors: 15, minDist: 0.1, seed: 1 };

async function umapPart(codes: Float32Array, latentDim: number): Promise<Record<string, unknown>> {
  const count = codes.length / latentDim;
  const measured = await withLoad(async () => {
    const start = performance.now();
    // As umap.worker.ts does: rows of plain arrays, then the fit one epoch at a time.
    const rows = Array.from({ length: count }, (_, i) => Array.from(codes.subarray(i * latentDim, (i + 1) * latentDim)));
    const umap = new UMAP({ nComponents: 2, nNeighbors: UMAP_PARAMS.nNeighbors, minDist: UMAP_PARAMS.minDist, random: mulberry32(UMAP_PARAMS.seed) });
    const epochs = umap.initializeFit(rows);
    const neighboursMs = ms(start);
    for (let epoch = 0; epoch < epochs; epoch++) umap.step();
    const points = umap.getEmbedding();
    return { epochs, neighboursMs, totalMs: ms(start), finite: points.every(([u, v]) => Number.isFinite(u) && Number.isFinite(v)) };
  });
  const { epochs, neighboursMs, totalMs, finite } = measured.result;
  log(`UMAP of ${count} codes: ${f1(totalMs / 1000)} s`);
  budget('umap', `UMAP of ${count.toLocaleString('en-US')} codes (umap-js, no budget)`, totalMs / 1000, 's', null,
    `nNeighbors ${UMAP_PARAMS.nNeighbors}, minDist ${UMAP_PARAMS.minDist}, seeded mulberry32, in one Node thread as the page's worker runs it: neighbour graph ${f1(neighboursMs / 1000)} s, ${epochs} layout epochs ${f1((totalMs - neighboursMs) / 1000)} s${finite ? '' : '; some points are not finite'}`, measured.load);
  return { count, latentDim, epochs, neighboursMs, totalMs, finite, load: measured.load };
}

// ---------------------------------------------------------------------------------------------------------------

/** BENCH_KEEP_DIRS=1 keeps the data folder (the run, its weights) for a look afterwards. */
function removeDir(dir: string): void {
  if (process.env.BENCH_KEEP_DIRS === '1') log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).flatMap((a) => a.split(','));
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}: choose from ${PARTS.join(', ')}`);
  const parts = PARTS.filter((p) => wanted.length === 0 || wanted.includes(p));
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'latent-lab-bench-latent-'));
  const results: Partial<Record<Part, Record<string, unknown>>> = {};
  let training: { runId: number; seconds: number } | null = null;
  try {
    const server = await startServe(dir);
    const api = await connectApi(server.url);
    try {
      const hostPid = server.process.pid ?? 0;
      log('training the VAE (sprites 25,000, MLP 256-128, z = 10, 1 epoch)…');
      training = await trainVae(api);
      log(`trained in ${f1(training.seconds)} s`);
      const session = await api.call('latent.open', { runId: training.runId });
      if (session.candidates !== VALIDATION_IMAGES) throw new Error(`the VAE has ${session.candidates} validation images, not ${VALIDATION_IMAGES}`);
      let codes: Float32Array | null = null;
      for (const part of parts) {
        log(`${part}…`);
        if (part === 'scrub') results.scrub = await scrubPart(api, session.sessionId, hostPid);
        else if (part === 'grids') results.grids = await gridsPart(api, session.sessionId, hostPid);
        else if (part === 'projector') ({ result: results.projector, codes } = await projectorPart(api, session.sessionId, hostPid));
        else {
          // UMAP alone still needs the codes: one projection call, not timed.
          codes ??= (await api.call('latent.project', { sessionId: session.sessionId, count: VALIDATION_IMAGES, method: 'pca' })).codes;
          results.umap = await umapPart(codes, session.latentDim);
        }
      }
      await api.call('latent.close', { sessionId: session.sessionId });
    } finally {
      api.close();
      await server.stop();
    }
  } finally {
    removeDir(dir);
  }
  process.stdout.write(
    `${JSON.stringify({
      benchmark: "latent explorer (issue 14): scrub, grids and projector through `latent-lab serve`'s WebSocket",
      machine: benchMachine(),
      date: new Date().toISOString(),
      // The machine is shared: its load average (1, 5, 15 min) before and after says how much these numbers are worth.
      load: { before: loadBefore, after: loadavg() },
      vae: { config: VAE_CONFIG, trainSeconds: training?.seconds },
      parts,
      checks,
      ...results,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ available: false, reason: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`);
  process.exitCode = 1;
});
