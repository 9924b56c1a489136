// Experiments at scale (issue 8, "Scale and speed"): budgets measured in one run, on a real SQLite file in a temp
// folder, through the host as the app calls it. Three parts, each optional (argv names them; default all):
//   metrics  a run of 1,000,000 step points (4 values each, as a VAE records them): the write rate into SQLite
//            (MetricsRepo.append in host-sized batches), `runs.get` downsampled to 2,000 points with its extremes
//            kept, and the complete CSV;
//   table    1,000 runs listed, sorted and filtered through `runs.list`;
//   sweep    a 12-run sweep through the real trainer process (out/main/trainer.js), with where its wall time goes.
// Prints one JSON line (read by bench/run.mjs, which prints the table and writes bench/results/latest.json).
import { benchMachine } from './machine';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../src-main/host/host';
import { forkTrainerLauncher, type TrainerLauncher } from '../src-main/host/trainer-process';
import { openDatabase } from '../src-main/store/database';
import { MetricsRepo } from '../src-main/store/metrics-repo';
import { RunsRepo } from '../src-main/store/runs-repo';
import { SweepsRepo } from '../src-main/store/sweeps-repo';
import { dropIneffectiveSettings } from '../src-shared/config/ineffective-settings';
import { parseRunConfig } from '../src-shared/config/parse-run-config';
import { PRESETS } from '../src-shared/config/presets';
import type { RunConfig } from '../src-shared/config/run-config';
import type { MetricPoint, RunDetail, RunStatus, RunSummary, RunsQuery } from '../src-shared/contract/types';
import { sweepSpecSchema } from '../src-shared/sweeps/sweep-spec';

const ROOT = join(__dirname, '..');
const PARTS = ['metrics', 'table', 'sweep'] as const;
type Part = (typeof PARTS)[number];

/** One measured value next to its budget; `pass` is null for values measured for information only. */
interface Check {
  part: Part;
  name: string;
  value: number;
  unit: string;
  target: string | null;
  pass: boolean | null;
  detail: string;
}
const checks: Check[] = [];
const budget = (part: Part, name: string, value: number, unit: string, target: { below?: number; atLeast?: number } | null, detail: string) =>
  checks.push({
    part,
    name,
    value,
    unit,
    target: target === null ? null : target.below !== undefined ? `< ${target.below.toLocaleString('en-US')}` : `≥ ${target.atLeast?.toLocaleString('en-US')}`,
    pass: target === null ? null : target.below !== undefined ? value < target.below : value >= (target.atLeast ?? 0),
    detail,
  });
const verdict = (part: Part, name: string, pass: boolean, detail: string) => checks.push({ part, name, value: pass ? 1 : 0, unit: 'yes/no', target: 'yes', pass, detail });

const log = (message: string) => process.stderr.write(`  experiments: ${message}\n`);
const ms = (from: number) => performance.now() - from;
/** This process's CPU time (user + system), ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The first call (caches cold, nothing compiled yet) and the median of `rounds` calls after it, in wall time and in
 * this process's CPU time: on a shared machine the wall time also holds the time other processes had the cores.
 */
async function timeCalls<T>(rounds: number, call: () => Promise<T>): Promise<{ firstMs: number; medianMs: number; medianCpuMs: number; result: T }> {
  let start = performance.now();
  let cpuStart = cpuMs();
  const result = await call();
  const firstMs = ms(start);
  const firstCpuMs = cpuMs() - cpuStart;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    start = performance.now();
    cpuStart = cpuMs();
    await call();
    times.push(ms(start));
    cpuTimes.push(cpuMs() - cpuStart);
  }
  return rounds === 0 ? { firstMs, medianMs: firstMs, medianCpuMs: firstCpuMs, result } : { firstMs, medianMs: median(times), medianCpuMs: median(cpuTimes), result };
}

/** A small seeded generator (mulberry32), so every benchmark run writes the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded variation of a preset as a run config; fields its family would not read (β of an AE, …) are left out. */
function runConfig(input: unknown): RunConfig {
  const parsed = parseRunConfig(dropIneffectiveSettings(input).config);
  if (!parsed.ok) throw new Error(`benchmark config rejected: ${JSON.stringify(parsed.issues)}`);
  return parsed.config;
}

/** BENCH_KEEP_DIRS=1 keeps each part's data folder (its SQLite file) for a look afterwards. */
function removeDir(dir: string): void {
  if (process.env.BENCH_KEEP_DIRS === '1') log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const neverTrains: TrainerLauncher = () => {
  throw new Error('this part of the benchmark trains nothing');
};

const openHost = (dataDir: string, launchTrainer: TrainerLauncher = neverTrains): Host => createHost({ dataDir, launchTrainer, version: 'bench', transport: 'cli' });

// ---------------------------------------------------------------------------------------------------------------
// metrics: a 1,000,000-step run

/** The four values a VAE records every step (src-main/trainer/families/vae.ts: loss and its terms). */
const STEP_METRICS = ['loss', 'recon', 'kl', 'kl_weight'];
/** Steps per epoch of the long run, and points per write: the host flushes every 250 ms (runs-service.ts). */
const STEPS_PER_EPOCH = 1000;
const FLUSH_POINTS = 1000;
/** A loss spike and a KL dip planted in the long run (at these fractions of it): downsampling must keep both. */
const SPIKE = { at: 0.654321, metric: 'loss', value: 50_000 };
const DIP = { at: 0.123457, metric: 'kl', value: 0.001 };

function vaeEpochValues(epoch: number, rand: () => number): Record<string, number> {
  const recon = 95 + 60 * Math.exp(-epoch / 150) + rand();
  const klDims = [3, 2.5, 1.5, 0.02].map((k) => k * (1 + 0.1 * rand()));
  const kl = klDims.reduce((a, b) => a + b, 0);
  return {
    train_loss: recon + kl - 1 + rand(),
    val_recon: recon,
    val_kl: kl,
    ...Object.fromEntries(klDims.map((v, j) => [`kl_dim_${j + 1}`, v])),
    val_loss: recon + kl,
    val_elbo: -(recon + kl),
    val_iwae: -(recon + kl) + 1.5,
    active_units: 3,
    psnr: 14 + epoch / 200 + rand(),
  };
}

async function metricsPart(): Promise<Record<string, unknown>> {
  const steps = Number(process.env.BENCH_METRIC_STEPS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'latent-lab-bench-metrics-'));
  try {
    const dbPath = join(dir, 'latent-lab.sqlite');
    const db = openDatabase(dbPath);
    const runs = new RunsRepo(db);
    const metrics = new MetricsRepo(db);
    const rand = random(8);
    const config = runConfig({ ...PRESETS[0].config, name: 'long VAE run', model: { family: 'vae', hidden: [256, 128], latentDim: 4 } });

    // Write rate of step points alone, batch sizes around what one 250 ms flush holds.
    const rates: Record<string, { wall: number; cpu: number }> = {};
    for (const batch of [250, 1000, 4000]) {
      const run = runs.create(config, 'bench');
      let written = 0;
      let elapsed = 0;
      let cpu = 0;
      while (written < 200_000) {
        const points: MetricPoint[] = [];
        for (let i = 0; i < batch; i++, written++) {
          points.push({ scope: 'step', step: written + 1, epoch: 1, values: { loss: 100 + rand(), recon: 90 + rand(), kl: 10 + rand(), kl_weight: 1 } });
        }
        const start = performance.now();
        const cpuStart = cpuMs();
        metrics.append(run.id, points);
        elapsed += ms(start);
        cpu += cpuMs() - cpuStart;
      }
      rates[batch] = { wall: written / (elapsed / 1000), cpu: written / (cpu / 1000) };
      runs.delete([run.id]);
      log(`append, ${batch} step points a batch: ${Math.round(rates[batch].wall).toLocaleString('en-US')} points/s`);
    }

    // The long run, written as the host writes it: 1,000 step points a flush, each flush ending an epoch (so each
    // write also refreshes the run row's final and best metrics).
    const run = runs.create(config, 'bench');
    runs.markStarted(run.id, 'wasm', 335_000);
    const spikeStep = Math.round(steps * SPIKE.at);
    const dipStep = Math.round(steps * DIP.at);
    const extremes = Object.fromEntries(STEP_METRICS.map((m) => [m, { min: Infinity, max: -Infinity }]));
    let writeMs = 0;
    let writeCpuMs = 0;
    let step = 0;
    log(`writing a run of ${steps.toLocaleString('en-US')} step points…`);
    while (step < steps) {
      const points: MetricPoint[] = [];
      const end = Math.min(steps, step + FLUSH_POINTS);
      while (step < end) {
        step++;
        const epoch = Math.ceil(step / STEPS_PER_EPOCH);
        const klWeight = Math.min(1, step / 10_000);
        const kl = step === dipStep ? DIP.value : 8 + 2 * Math.exp(-step / 200_000) + 0.5 * rand();
        const recon = 90 + 110 * Math.exp(-step / 150_000) + 4 * (rand() - 0.5);
        const values: Record<string, number> = { loss: step === spikeStep ? SPIKE.value : recon + klWeight * kl, recon, kl, kl_weight: klWeight };
        for (const m of STEP_METRICS) {
          extremes[m].min = Math.min(extremes[m].min, values[m]);
          extremes[m].max = Math.max(extremes[m].max, values[m]);
        }
        points.push({ scope: 'step', step, epoch, values });
        if (step % STEPS_PER_EPOCH === 0) points.push({ scope: 'epoch', step, epoch, values: vaeEpochValues(epoch, rand) });
      }
      const start = performance.now();
      const cpuStart = cpuMs();
      metrics.append(run.id, points);
      writeMs += ms(start);
      writeCpuMs += cpuMs() - cpuStart;
    }
    runs.finish(run.id, 'completed', null);
    const epochs = Math.floor(steps / STEPS_PER_EPOCH);
    const longRate = steps / (writeMs / 1000);
    db.close();
    const fileMb = statSync(dbPath).size / 2 ** 20;
    log(`long run: ${Math.round(longRate).toLocaleString('en-US')} points/s, ${fileMb.toFixed(0)} MB`);

    budget('metrics', `metric writes, ${steps.toLocaleString('en-US')}-step run`, longRate, 'points/s', { atLeast: 500_000 },
      `MetricsRepo.append, ${FLUSH_POINTS} step points (×4 values) a batch, an epoch point (12 values) in each; ${(writeMs / 1000).toFixed(1)} s (by CPU time ${Math.round(steps / (writeCpuMs / 1000)).toLocaleString('en-US')} points/s), ${fileMb.toFixed(0)} MB file`);
    for (const batch of [250, 1000, 4000]) {
      budget('metrics', `metric writes, ${batch} points a batch`, rates[batch].wall, 'points/s', { atLeast: 500_000 },
        `step points only (×4 values), 200,000 points, fresh run; by CPU time ${Math.round(rates[batch].cpu).toLocaleString('en-US')} points/s`);
    }

    // Read it back through the host, as the run view does.
    const host = openHost(dir);
    try {
      const reader = openDatabase(dbPath);
      const direct = await timeCalls(0, async () => new MetricsRepo(reader).downsampled(run.id, 'step', 2000));
      reader.close();
      const get = await timeCalls(3, async () => {
        const detail = (await host.call('runs.get', { runId: run.id, maxPoints: 2000 })) as RunDetail;
        // What the WebSocket transport sends (IPC's structured clone costs about the same).
        return { detail, bytes: JSON.stringify(detail).length };
      });
      const series = get.result.detail.steps;
      const at = (s: number, m: string) => series.values[m]?.[series.step.indexOf(s)];
      const keepsExtremes =
        at(spikeStep, SPIKE.metric) === SPIKE.value &&
        at(dipStep, DIP.metric) === DIP.value &&
        STEP_METRICS.every((m) => Math.max(...series.values[m]) === extremes[m].max && Math.min(...series.values[m]) === extremes[m].min) &&
        series.step[0] === 1 &&
        series.step.at(-1) === steps;
      const shown = series.step.length;
      log(`runs.get: first ${get.firstMs.toFixed(0)} ms, median ${get.medianMs.toFixed(0)} ms (CPU ${get.medianCpuMs.toFixed(0)} ms); ${shown} points`);
      budget('metrics', 'runs.get, downsampled to 2,000 points', get.medianMs, 'ms', { below: 1000 },
        `median of 3 after a first call of ${get.firstMs.toFixed(0)} ms (CPU ${get.medianCpuMs.toFixed(0)} ms); MetricsRepo.downsampled alone ${direct.medianMs.toFixed(0)} ms; ${shown} steps kept, ${(get.result.bytes / 1024).toFixed(0)} KB as JSON, and ${epochs.toLocaleString('en-US')} epoch points`);
      verdict('metrics', 'downsampled series keeps the extremes', keepsExtremes,
        `planted loss spike (step ${spikeStep.toLocaleString('en-US')}) and KL dip (step ${dipStep.toLocaleString('en-US')}), every metric's min and max, first and last step`);

      const csvCall = await timeCalls(0, async () => (await host.call('runs.metricsCsv', { runId: run.id })) as { csv: string });
      const lines = csvCall.result.csv.trimEnd().split('\n');
      const stepRows = lines.filter((l) => l.startsWith('step,')).length;
      const epochRows = lines.filter((l) => l.startsWith('epoch,')).length;
      const complete = stepRows === steps && epochRows === epochs && lines.length === 1 + steps + epochs && lines.some((l) => l.startsWith(`step,${spikeStep},`) && l.includes(`,${SPIKE.value},`));
      log(`runs.metricsCsv: ${csvCall.firstMs.toFixed(0)} ms, ${lines.length} lines`);
      verdict('metrics', 'CSV holds every point', complete, `${stepRows.toLocaleString('en-US')} step rows + ${epochRows.toLocaleString('en-US')} epoch rows + header, the spike included`);
      budget('metrics', 'runs.metricsCsv', csvCall.firstMs, 'ms', null, `CPU ${csvCall.medianCpuMs.toFixed(0)} ms; ${(csvCall.result.csv.length / 2 ** 20).toFixed(0)} MB of CSV; no budget in the issue`);
      return {
        steps,
        epochs,
        writes: { longRunPointsPerSec: longRate, longRunPointsPerCpuSec: steps / (writeCpuMs / 1000), byBatch: rates, fileMb },
        runsGet: { firstMs: get.firstMs, medianMs: get.medianMs, medianCpuMs: get.medianCpuMs, downsampledMs: direct.medianMs, points: shown, bytes: get.result.bytes, keepsExtremes },
        csv: { ms: csvCall.firstMs, cpuMs: csvCall.medianCpuMs, lines: lines.length, bytes: csvCall.result.csv.length, complete },
      };
    } finally {
      await host.close();
    }
  } finally {
    removeDir(dir);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// table: 1,000 runs

const RUN_COUNT = 1000;
const TABLE_EPOCHS = 20;

/** Held-out metrics of a deterministic autoencoder, padded to the ~12 a run records. */
function aeEpochValues(epoch: number, rand: () => number): Record<string, number> {
  const mse = 20 + 30 * Math.exp(-epoch / 5) + rand();
  return {
    train_loss: mse + rand(),
    val_recon: mse,
    val_mse: mse,
    val_loss: mse,
    psnr: 12 + epoch / 4 + rand(),
    explained_variance: 0.6 + epoch / 100,
    ...Object.fromEntries(Array.from({ length: 6 }, (_, j) => [`principal_angle_${j + 1}`, 10 * j + rand()])),
  };
}

async function tablePart(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'latent-lab-bench-table-'));
  try {
    const db = openDatabase(join(dir, 'latent-lab.sqlite'));
    const runs = new RunsRepo(db);
    const metrics = new MetricsRepo(db);
    const sweeps = new SweepsRepo(db);
    const rand = random(1000);
    const presets = PRESETS.filter((p) => p.config.model.family !== 'pca');
    const betas = [0.25, 0.5, 1, 2, 4, 8];
    const latents = [2, 4, 8, 16, 32];
    const rates = [3e-4, 1e-3, 3e-3];
    // 600 runs in six sweeps of 100, the rest on their own: realistic configs (every default filled in), a few
    // failed or stopped, some tagged.
    const sweepIds = Array.from({ length: 6 }, (_, i) =>
      sweeps.insert(`Sweep ${i + 1}`, sweepSpecSchema.parse({ base: PRESETS[0].config, parameters: { 'objective.beta': { values: betas }, 'model.latentDim': { values: latents } } })),
    );
    const seedStart = performance.now();
    db.transaction(() => {
      for (let i = 0; i < RUN_COUNT; i++) {
        const preset = presets[i % presets.length].config;
        const model = { ...preset.model, latentDim: latents[i % latents.length] } as Record<string, unknown>;
        const config = runConfig({
          ...preset,
          dataset: { ...preset.dataset, size: [1024, 2048, 4096][i % 3] },
          model,
          objective: { ...preset.objective, beta: betas[Math.floor(i / 5) % betas.length] },
          training: { ...preset.training, learningRate: rates[i % rates.length], seed: i, epochs: TABLE_EPOCHS },
        });
        const run = runs.create(config, 'bench', i < 600 ? sweepIds[Math.floor(i / 100)] : null);
        runs.markStarted(run.id, 'wasm', 100_000 + i);
        const isVae = config.model.family === 'vae';
        const points: MetricPoint[] = Array.from({ length: TABLE_EPOCHS }, (_, e) => ({
          scope: 'epoch' as const,
          step: (e + 1) * 58,
          epoch: e + 1,
          values: isVae ? vaeEpochValues(e + 1, rand) : aeEpochValues(e + 1, rand),
        }));
        metrics.append(run.id, points);
        const status: RunStatus = i % 20 === 7 ? 'failed' : i % 20 === 13 ? 'stopped' : 'completed';
        runs.finish(run.id, status, status === 'failed' ? 'loss became NaN at step 812 (epoch 14)' : null);
        if (i % 4 === 0) runs.update(run.id, { tags: i % 8 === 0 ? ['baseline', 'sprites'] : ['ablation'], notes: 'seeded by bench/experiments.ts' });
      }
    })();
    db.close();
    log(`seeded ${RUN_COUNT} runs in ${(ms(seedStart) / 1000).toFixed(1)} s`);

    const host = openHost(dir);
    try {
      const queries: { name: string; query: RunsQuery }[] = [
        { name: 'list (newest first)', query: {} },
        { name: 'sort by config.objective.beta', query: { sort: { key: 'config.objective.beta', direction: 'asc' } } },
        { name: 'sort by config.training.learningRate', query: { sort: { key: 'config.training.learningRate', direction: 'desc' } } },
        { name: 'sort by final.val_loss', query: { sort: { key: 'final.val_loss', direction: 'asc' } } },
        { name: 'sort by best.val_elbo', query: { sort: { key: 'best.val_elbo', direction: 'desc' } } },
        { name: 'filter "vae z=8"', query: { filter: 'vae z=8' } },
        { name: 'filter by sweep', query: { sweepId: sweepIds[2] } },
        { name: 'filter + status + sort by final.val_loss', query: { filter: 'baseline', status: ['completed'], sort: { key: 'final.val_loss', direction: 'asc' } } },
      ];
      const results: Record<string, { firstMs: number; medianMs: number; medianCpuMs: number; rows: number; bytes: number }> = {};
      for (const { name, query } of queries) {
        const t = await timeCalls(5, async () => (await host.call('runs.list', query)) as RunSummary[]);
        results[name] = { firstMs: t.firstMs, medianMs: t.medianMs, medianCpuMs: t.medianCpuMs, rows: t.result.length, bytes: JSON.stringify(t.result).length };
        log(`runs.list ${name}: first ${t.firstMs.toFixed(1)} ms, median ${t.medianMs.toFixed(1)} ms (CPU ${t.medianCpuMs.toFixed(1)} ms), ${t.result.length} rows`);
        budget('table', `runs.list, ${name}`, t.medianMs, 'ms', { below: 100 },
          `median of 5 after a first call of ${t.firstMs.toFixed(0)} ms (CPU ${t.medianCpuMs.toFixed(0)} ms); ${t.result.length} of ${RUN_COUNT} rows, ${(results[name].bytes / 1024).toFixed(0)} KB as JSON`);
      }
      const sorted = (await host.call('runs.list', queries[3].query)) as RunSummary[];
      const finals = sorted.map((r) => r.final.val_loss);
      verdict('table', 'sorted by a final metric, ascending', finals.every((v, i) => i === 0 || v >= finals[i - 1]), `${finals.length} runs, each with ${TABLE_EPOCHS} epochs × 12 metrics`);
      return { runs: RUN_COUNT, epochs: TABLE_EPOCHS, queries: results };
    } finally {
      await host.close();
    }
  } finally {
    removeDir(dir);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// sweep: 12 tiny runs through the real trainer

const SWEEP_SPEC = {
  name: 'bench: β × z',
  base: {
    dataset: { id: 'builtin:sprites', size: 1024, validationSplit: 0.1 },
    model: { family: 'vae', hidden: [32], activation: 'relu', latentDim: 2, likelihood: 'bernoulli' },
    objective: { beta: 1 },
    training: { epochs: 2, batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: 7 },
  },
  parameters: { 'objective.beta': { values: [0.5, 1, 2, 4] }, 'model.latentDim': { values: [2, 4, 8] } },
};
/** The trainer's CPU profile samples every this many µs (V8's default is 1,000). */
const PROFILE_INTERVAL_US = 250;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a profile sample's time went, by the innermost function of the training loop on its stack (the trainer's
 * bundle keeps function names). Checked in order; the first match decides.
 */
const PHASES: [phase: string, functions: string[]][] = [
  ['training steps (trainStep)', ['trainStep']],
  ['evaluation: importance-weighted bound', ['importanceWeightedBound']],
  ['evaluation: other held-out metrics', ['evaluate', 'reconstructionMetrics']],
  ['evaluation: disentanglement scores at the end (MIG, BetaVAE; runs on sprites)', ['scoreDisentanglement']],
  ['checkpoints', ['snapshotCheckpoint', 'commitCheckpoint', 'saveCheckpoint', 'loadCheckpoint']],
  ['dataset generation/loading', ['loadSplits']],
  ['model and optimizer creation', ['createModel', 'createOptimizer']],
  ['training loop around the steps (batch gather, shuffle, messages)', ['trainRun']],
  ['trainer idle (waiting for the host)', ['(idle)']],
  ['garbage collection', ['(garbage collector)']],
];
const OTHER_PHASE = 'other (messages, timers)';
const BEFORE_PROFILE = 'trainer process start (fork, before its first JavaScript)';
const START_UP = 'trainer start-up (loading modules, backend init) until ready';

/**
 * Time per phase of a V8 CPU profile within [from, to] (µs on the monotonic clock the profile uses); everything
 * before `readyAt`, when the host heard the trainer was ready, is start-up.
 */
function profilePhases(profile: CpuProfile, from: number, to: number, readyAt: number): { phases: Record<string, number>; firstUs: number } {
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const node of profile.nodes) {
    names.set(node.id, node.callFrame.functionName);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const phaseOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = phaseOf.get(id);
    if (known) return known;
    const stack = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.add(names.get(n) ?? '');
    const phase = PHASES.find(([, fns]) => fns.some((f) => stack.has(f)))?.[0] ?? OTHER_PHASE;
    phaseOf.set(id, phase);
    return phase;
  };
  const phases: Record<string, number> = {};
  let t = profile.startTime;
  let firstUs = Number.NaN;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    if (t < from || t + span > to) continue;
    if (Number.isNaN(firstUs)) firstUs = t;
    const phase = t < readyAt ? START_UP : classify(profile.samples[i]);
    phases[phase] = (phases[phase] ?? 0) + span;
  }
  return { phases, firstUs };
}

/** Wraps every method of a class so the time spent in them (outermost calls only) adds up in `total.ms`. */
function timeMethods(proto: object, total: { ms: number; depth: number }): void {
  for (const key of Object.getOwnPropertyNames(proto)) {
    const original = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
    if (key === 'constructor' || typeof original !== 'function') continue;
    Object.defineProperty(proto, key, {
      configurable: true,
      writable: true,
      value(this: unknown, ...args: unknown[]) {
        const start = performance.now();
        total.depth++;
        try {
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        } finally {
          total.depth--;
          if (total.depth === 0) total.ms += ms(start);
        }
      },
    });
  }
}

/** The newest source file the trainer bundle is built from, to warn when out/main/trainer.js is older. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return newest;
}

async function sweepPart(): Promise<Record<string, unknown>> {
  const trainer = join(ROOT, 'out', 'main', 'trainer.js');
  if (!existsSync(trainer)) return { available: false, reason: 'out/main/trainer.js is missing: run `npm run build` first' };
  const stale = statSync(trainer).mtimeMs < newestSource([join(ROOT, 'src-main', 'trainer'), join(ROOT, 'src-shared')]);
  if (stale) log('warning: out/main/trainer.js is older than its sources; run `npm run build` to measure the current trainer');
  const dir = mkdtempSync(join(tmpdir(), 'latent-lab-bench-sweep-'));
  try {
    const profileDir = join(dir, 'trainer-profile');
    // forkTrainerLauncher forks with this process's execArgv. The app starts its trainer from the built bundle with
    // no TypeScript loader, so tsx is left out; V8's sampling profiler goes in (NODE_OPTIONS may not carry it).
    process.execArgv = [
      ...process.execArgv.filter((arg, i, all) => !(arg === 'tsx' && all[i - 1] === '--import') && !(arg === '--import' && all[i + 1] === 'tsx')),
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
      `--cpu-prof-interval=${PROFILE_INTERVAL_US}`,
    ];
    const sqlite = { ms: 0, depth: 0 };
    for (const repo of [MetricsRepo, RunsRepo, SweepsRepo]) timeMethods(repo.prototype, sqlite);

    const host = openHost(dir, forkTrainerLauncher(trainer));
    const now = () => performance.timeOrigin + performance.now();
    // The profile's clock is V8's monotonic one, in µs; process.hrtime reads the same clock.
    const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
    const marks: { event: string; at: number }[] = [];
    let readyUs = 0;
    host.events.on('trainer.state', ({ state }) => {
      marks.push({ event: `trainer ${state}`, at: now() });
      if (state === 'ready' && readyUs === 0) readyUs = monotonicUs();
    });
    host.events.on('run.status', ({ runId, status }) => marks.push({ event: `run ${runId} ${status}`, at: now() }));
    let statuses: RunStatus[] = [];
    let startUs = 0;
    let endUs = 0;
    let wallMs = 0;
    let runIds: number[] = [];
    let steps = 0;
    try {
      startUs = monotonicUs();
      const start = performance.now();
      ({ runIds } = (await host.call('sweeps.create', { spec: SWEEP_SPEC })) as { sweepId: number; runIds: number[] });
      await Promise.all(runIds.map((id) => host.runs.waitForFinish(id)));
      wallMs = ms(start);
      endUs = monotonicUs();
      statuses = ((await host.call('runs.list', {})) as RunSummary[]).map((r) => r.status);
      for (const runId of runIds) steps += ((await host.call('runs.get', { runId })) as RunDetail).totalStepPoints;
    } finally {
      await host.close();
    }
    const failed = statuses.filter((s) => s !== 'completed').length;
    const profileFile = existsSync(profileDir) ? readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile')) : undefined;
    if (!profileFile) return { available: false, reason: 'the trainer wrote no CPU profile (did it exit cleanly?)' };
    const profile = JSON.parse(readFileSync(join(profileDir, profileFile), 'utf8')) as CpuProfile;
    const { phases, firstUs } = profilePhases(profile, startUs, endUs, readyUs);
    if (Number.isNaN(firstUs)) return { available: false, reason: 'no sample of the trainer profile falls within the sweep: its clock does not match process.hrtime here' };
    const wallUs = endUs - startUs;
    phases[BEFORE_PROFILE] = firstUs - startUs;
    // Samples the profiler lost, and time after the last sample: not attributable inside the trainer.
    const accounted = Object.values(phases).reduce((a, b) => a + b, 0);
    if (wallUs > accounted) phases['unattributed (between samples)'] = wallUs - accounted;
    const stepUs = phases[PHASES[0][0]] ?? 0;
    const outside = 100 * (1 - stepUs / wallUs);
    const breakdown = Object.entries(phases)
      .sort(([, a], [, b]) => b - a)
      .map(([phase, us]) => ({ phase, ms: us / 1000, share: us / wallUs }));
    log(`sweep: ${runIds.length} runs in ${(wallMs / 1000).toFixed(1)} s, ${outside.toFixed(1)} % outside training steps`);
    for (const b of breakdown) log(`  ${b.phase}: ${b.ms.toFixed(0)} ms (${(100 * b.share).toFixed(1)} %)`);
    budget('sweep', `sweep of ${runIds.length} tiny runs: time outside training steps`, outside, '%', { below: 10 },
      `${(wallMs / 1000).toFixed(1)} s wall, ${(stepUs / 1000).toFixed(0)} ms in ${steps} trainStep calls; sprites 1,024, 2 epochs, VAE MLP 32 (z ∈ {2,4,8} × β ∈ {0.5,1,2,4}), batch 32; ${failed} not completed${stale ? '; trainer bundle older than its sources' : ''}`);
    budget('sweep', 'host SQLite time during the sweep', sqlite.ms, 'ms', null, 'every RunsRepo/MetricsRepo/SweepsRepo call on the host (runs in parallel with the trainer)');
    return {
      available: true,
      runs: runIds.length,
      failed,
      wallMs,
      stepMs: stepUs / 1000,
      outsideStepsPercent: outside,
      hostSqliteMs: sqlite.ms,
      breakdown,
      timeline: marks.map((m) => ({ event: m.event, atMs: m.at - (marks[0]?.at ?? m.at) })),
      profileIntervalUs: PROFILE_INTERVAL_US,
      staleTrainerBundle: stale,
    };
  } finally {
    removeDir(dir);
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).flatMap((a) => a.split(','));
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}: choose from ${PARTS.join(', ')}`);
  const parts = PARTS.filter((p) => wanted.length === 0 || wanted.includes(p));
  const run: Record<Part, () => Promise<Record<string, unknown>>> = { metrics: metricsPart, table: tablePart, sweep: sweepPart };
  const loadBefore = loadavg();
  const results: Partial<Record<Part, Record<string, unknown>>> = {};
  for (const part of parts) {
    log(`${part}…`);
    results[part] = await run[part]();
  }
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'experiments at scale (issue 8): budgets measured in one run',
      machine: benchMachine(),
      date: new Date().toISOString(),
      // The machine is shared: its load average (1, 5, 15 min) before and after says how much these numbers are worth.
      load: { before: loadBefore, after: loadavg() },
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
