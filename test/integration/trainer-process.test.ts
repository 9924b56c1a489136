import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import { openDatabase } from '../../src-main/store/database';
import { RunsRepo } from '../../src-main/store/runs-repo';
import type { ImageBatch, LatentFrame, LatentSessionInfo, RunDetail, RunProgress } from '../../src-shared/contract/types';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import { PRESETS } from '../../src-shared/config/presets';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
let dir: ReturnType<typeof tempDir>;
let host: Host | undefined;

function startHost(dataDir: string): Host {
  host = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  return host;
}

afterEach(async () => {
  await host?.close();
  host = undefined;
  dir?.remove();
});

describe('trainer process driven through the contract', () => {
  it('trains a VAE, records it in SQLite, and decodes interpolation frames', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const progress: RunProgress[] = [];
    h.events.on('run.progress', (p) => progress.push(p));

    const { runId } = (await h.call('runs.start', { config: tinyConfig({ epochs: 3 }) })) as { runId: number };
    await h.runs.waitForFinish(runId);
    const run = (await h.call('runs.get', { runId })) as RunDetail;

    expect(run.status).toBe('completed');
    expect(run.error).toBeNull();
    expect(run.backend).toMatch(/^(tensorflow-gpu|tensorflow|wasm|cpu)$/);
    expect(run.hasWeights).toBe(true);
    // 224 training images in batches of 32: 7 steps an epoch, every step recorded.
    expect(run.steps.step).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(run.epochs.epoch).toEqual([1, 2, 3]);
    for (const name of ['loss', 'recon', 'kl']) expect(run.steps.values[name].every(Number.isFinite)).toBe(true);
    // The numbers agree with each other the way the math says: loss = recon + β·KL, ELBO = −(recon + KL).
    const last = run.final;
    expect(last.val_loss).toBeCloseTo(last.val_recon + last.val_kl, 3);
    expect(last.val_elbo).toBeCloseTo(-(last.val_recon + last.val_kl), 3);
    expect(run.steps.values.loss[20]).toBeLessThan(run.steps.values.loss[0]);
    expect(progress.at(-1)).toMatchObject({ runId, step: 21, totalSteps: 21, epochs: 3 });
    expect(progress.some((p) => p.samplesPerSec > 0)).toBe(true);

    const session = (await h.call('latent.open', { runId })) as LatentSessionInfo;
    expect(session).toMatchObject({ runId, latentDim: 2, candidates: 32 });
    const at0 = (await h.call('latent.interpolate', { sessionId: session.sessionId, a: 0, b: 5, t: 0, seq: 1 })) as LatentFrame;
    const at1 = (await h.call('latent.interpolate', { sessionId: session.sessionId, a: 0, b: 5, t: 1, seq: 2 })) as LatentFrame;
    expect(at0.dropped).toBe(false);
    expect(at0.frame).toMatchObject({ count: 1, width: 28, height: 28, channels: 1 });
    expect(at0.frame?.pixels).toBeInstanceOf(Uint8Array);
    expect(at0.frame?.pixels).toHaveLength(784);
    expect(at1.frame?.pixels).not.toEqual(at0.frame?.pixels);

    // Newest wins: a burst of slider positions decodes the first and the last; the rest are dropped unseen.
    const burst = (await Promise.all(
      [0.1, 0.2, 0.3, 0.4, 0.5].map((t, i) => h.call('latent.interpolate', { sessionId: session.sessionId, a: 0, b: 5, t, seq: 10 + i })),
    )) as LatentFrame[];
    expect(burst.map((f) => f.dropped)).toEqual([false, true, true, true, false]);
    expect(burst[4]).toMatchObject({ seq: 14, t: 0.5 });

    await expect(h.call('latent.interpolate', { sessionId: session.sessionId, a: 0, b: 999, t: 0.5, seq: 20 })).rejects.toThrow(
      /image 999 is out of range: the validation split has 32 images/,
    );

    // A session opened by a client connection closes when that client goes away.
    const owned = (await h.call('latent.open', { runId }, { connection: 'tab-1' })) as LatentSessionInfo;
    await h.release('tab-1');
    await expect(h.call('latent.interpolate', { sessionId: owned.sessionId, a: 0, b: 1, t: 0, seq: 1 })).rejects.toThrow(/is not open/);
    // Sessions of other clients stay.
    expect((await h.call('latent.interpolate', { sessionId: session.sessionId, a: 0, b: 1, t: 0, seq: 30 })) as LatentFrame).toMatchObject({ dropped: false });

    // Reconstructions: the validation images asked for, and the decoder's mean output at their codes μ(x).
    const recon = (await h.call('latent.reconstruct', { sessionId: session.sessionId, indices: [3, 0, 3] })) as { inputs: ImageBatch; outputs: ImageBatch };
    expect(recon.inputs).toMatchObject({ count: 3, width: 28, height: 28, channels: 1 });
    expect(recon.outputs).toMatchObject({ count: 3, width: 28, height: 28, channels: 1 });
    expect(recon.inputs.pixels.subarray(0, 784)).toEqual(recon.inputs.pixels.subarray(1568));
    expect(recon.outputs.pixels.subarray(0, 784)).toEqual(recon.outputs.pixels.subarray(1568));
    expect(recon.outputs.pixels.subarray(784, 1568)).toEqual(at0.frame?.pixels);
    await expect(h.call('latent.reconstruct', { sessionId: session.sessionId, indices: [32] })).rejects.toThrow(/image 32 is out of range/);
    // Prior samples: the same seed gives the same images; another seed, others.
    const samples = async (seed: number) => ((await h.call('latent.samples', { sessionId: session.sessionId, seed, count: 4 })) as ImageBatch).pixels;
    const first = await samples(5);
    expect(first).toHaveLength(4 * 784);
    expect(await samples(5)).toEqual(first);
    expect(await samples(6)).not.toEqual(first);
  });

  it('keeps the trainer’s tensor count flat across runs of every family (everything disposed)', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const base = tinyConfig({ epochs: 1 });
    const conv = PRESETS.find((p) => p.id === 'conv-ae')!.config.model;
    const models = [
      base.model,
      { family: 'ae', hidden: [16], latentDim: 2 },
      { family: 'dae', hidden: [16], latentDim: 2, noise: { kind: 'masking', p: 0.2 } },
      { family: 'linear-ae', latentDim: 2 },
      { family: 'pca', latentDim: 2 },
      conv,
      { ...base.model, likelihood: 'gaussian-learned' },
      // A fixed σ is a tensor made per evaluation: it must be freed with it.
      { ...base.model, likelihood: 'gaussian', sigma: 0.2 },
    ];
    const counts: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const model of models) {
        // PCA reads no optimizer settings (they are refused): it keeps only the seed.
        const training = model.family === 'pca' ? { seed: base.training.seed } : base.training;
        const { runId } = (await h.call('runs.start', { config: { ...base, model, training } })) as { runId: number };
        await h.runs.waitForFinish(runId);
        expect(((await h.call('runs.get', { runId })) as RunDetail).status).toBe('completed');
      }
      // The graph families, each on a graph of its kind (their own loops, graph/train-graph-*.ts).
      for (const config of [
        { dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' }, training: { epochs: 3 } },
        { dataset: { id: 'builtin:sbm' }, model: { family: 'gae' }, training: { epochs: 3 } },
        { dataset: { id: 'builtin:cycles' }, model: { family: 'graph-vae', generatedGraphs: 4, permutationSamples: 2 }, training: { epochs: 1 } },
        { dataset: { id: 'builtin:cycles' }, model: { family: 'graph-vae', adjacencyDecoder: 'mlp', generatedGraphs: 4, permutationSamples: 2 }, training: { epochs: 1 } },
      ]) {
        const { runId } = (await h.call('runs.start', { config })) as { runId: number };
        await h.runs.waitForFinish(runId);
        const run = (await h.call('runs.get', { runId })) as RunDetail;
        expect(run.status, run.error ?? '').toBe('completed');
      }
      counts.push((await h.pool.sessions.request({ op: 'debug.tensors' })).numTensors);
    }
    expect(counts[1]).toBe(counts[0]);
  }, 240_000);

  it('pauses, resumes and stops a run, keeping its weights', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const statuses: string[] = [];
    h.events.on('run.status', (s) => statuses.push(s.status));
    const { runId } = (await h.call('runs.start', { config: tinyConfig({ epochs: 200, size: 512 }) })) as { runId: number };
    await new Promise<void>((resolve) => h.events.on('run.metrics', (m) => m.points.some((p) => p.scope === 'epoch') && resolve()));
    await h.call('runs.pause', { runId });
    await waitUntil(() => statuses.includes('paused'));
    const pausedAt = ((await h.call('runs.get', { runId })) as RunDetail).steps.step.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(((await h.call('runs.get', { runId })) as RunDetail).steps.step.length).toBe(pausedAt);
    await h.call('runs.resume', { runId });
    await h.call('runs.stop', { runId });
    await h.runs.waitForFinish(runId);
    const run = (await h.call('runs.get', { runId })) as RunDetail;
    expect(run.status).toBe('stopped');
    expect(run.hasWeights).toBe(true);
    expect(statuses).toEqual(expect.arrayContaining(['queued', 'running', 'paused', 'stopped']));
    await expect(h.call('runs.pause', { runId })).rejects.toThrow(/run \d+ is stopped/);
  });

  it('marks the run failed with the reason when the trainer dies, and carries on', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const { runId } = (await h.call('runs.start', { config: tinyConfig({ epochs: 500, size: 512 }) })) as { runId: number };
    await new Promise<void>((resolve) => h.events.on('run.progress', () => resolve()));
    h.pool.killAll();
    await h.runs.waitForFinish(runId);
    const run = (await h.call('runs.get', { runId })) as RunDetail;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/trainer process was killed \(SIGKILL\)/);
    expect(run.steps.step.length).toBeGreaterThan(0);

    // The host restarts the trainer on demand: the next run trains normally.
    const next = (await h.call('runs.start', { config: tinyConfig({ epochs: 1 }) })) as { runId: number };
    await h.runs.waitForFinish(next.runId);
    expect(((await h.call('runs.get', { runId: next.runId })) as RunDetail).status).toBe('completed');
  });

  it('resumes a stopped run from its checkpoint: curves continue and end where an uninterrupted run ends', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const config = { ...tinyConfig({ epochs: 6, size: 512 }), name: 'resumable' };
    const whole = (await h.call('runs.start', { config })) as { runId: number };
    await h.runs.waitForFinish(whole.runId);
    const reference = (await h.call('runs.get', { runId: whole.runId })) as RunDetail;

    const { runId } = (await h.call('runs.start', { config })) as { runId: number };
    // Stop in the middle of epoch 3, after the epoch-2 checkpoint.
    await new Promise<void>((resolve) => h.events.on('run.progress', (p) => p.runId === runId && p.step >= 34 && resolve()));
    await h.call('runs.stop', { runId });
    await h.runs.waitForFinish(runId);
    const stopped = (await h.call('runs.get', { runId })) as RunDetail;
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps.step.length).toBeLessThan(84);

    await h.call('runs.continue', { runId });
    await h.runs.waitForFinish(runId);
    const resumed = (await h.call('runs.get', { runId })) as RunDetail;
    expect(resumed.status).toBe('completed');
    // 448 training images in batches of 32: 14 steps an epoch, 84 in all, each recorded once, no gap.
    expect(resumed.steps.step).toEqual(Array.from({ length: 84 }, (_, i) => i + 1));
    expect(resumed.epochs.epoch).toEqual([1, 2, 3, 4, 5, 6]);
    // Weights, Adam's moments, batch order and noise all restored: the same numbers as the uninterrupted run.
    expect(resumed.steps.values.loss.at(-1)).toBeCloseTo(reference.steps.values.loss.at(-1) as number, 3);
    expect(resumed.final.val_loss).toBeCloseTo(reference.final.val_loss, 3);

    await expect(h.call('runs.continue', { runId })).rejects.toThrow(/is completed; only a stopped, interrupted or failed run can be resumed/);
  });

  it('stops a run whose loss turns to NaN, naming the term and step, and keeps the last good checkpoint', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const config = { ...tinyConfig({ epochs: 50, size: 512 }), training: { ...tinyConfig().training, epochs: 50, learningRate: 10, optimizer: 'sgd', momentum: 0.99 } };
    const { runId } = (await h.call('runs.start', { config })) as { runId: number };
    await h.runs.waitForFinish(runId);
    const run = (await h.call('runs.get', { runId })) as RunDetail;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(
      /^(loss|recon|kl|held-out \w+) became (NaN|Infinity|-Infinity) (at step \d+ \(epoch \d+\)|after epoch \d+); (the checkpoint of epoch \d+ is kept|no checkpoint had been written yet)/,
    );
    // Whatever was checkpointed before the blow-up is still loadable: the run stays explorable.
    expect(run.hasWeights).toBe(/checkpoint of epoch/.test(run.error ?? ''));
  });

  it('rejects an invalid config naming the field, and writes nothing', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const error = await h.call('runs.start', { config: { ...tinyConfig(), objective: { beta: -1 } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'objective.beta' }] });

    // A layer spec that does not give back the input's shape fails before training, naming the layer.
    const spec = {
      ...tinyConfig(),
      model: {
        family: 'ae',
        latentDim: 4,
        encoder: [{ type: 'flatten' }],
        decoder: [
          { type: 'dense', units: 7 * 7 * 4 },
          { type: 'reshape', targetShape: [7, 7, 4] },
          { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same', name: 'deconv2' },
        ],
      },
    };
    const specError = await h.call('runs.start', { config: spec }).catch((e: unknown) => e);
    expect(specError).toMatchObject({ code: 'invalid_input', issues: [{ path: 'model.decoder.2', message: "decoder output 14×14×1 ≠ input 28×28×1 at layer 'deconv2'" }] });
    expect(await h.call('runs.list', {})).toEqual([]);
  });

  it('marks runs left running by a host that died as interrupted at the next start, and only those', async () => {
    dir = tempDir();
    const db = openDatabase(join(dir.path, 'latent-lab.sqlite'));
    const parsed = parseRunConfig(tinyConfig());
    if (!parsed.ok) throw new Error('fixture');
    const runs = new RunsRepo(db);
    // Owned by a process that no longer exists: pid 2^22 + 1 is above Linux's default pid_max.
    const orphan = runs.create(parsed.config, '4194305:dead');
    const live = runs.create(parsed.config, `${process.ppid}:other-live-host`);
    runs.markStarted(live.id, 'wasm', 10);
    runs.markStarted(orphan.id, 'wasm', 10);
    db.close();

    const h = startHost(dir.path);
    expect(h.interruptedAtStart).toBe(1);
    expect(((await h.call('runs.get', { runId: orphan.id })) as RunDetail).status).toBe('interrupted');
    // A run whose host is alive (the desktop app, while a CLI command opens the history) is left alone,
    // and this host refuses to steer it.
    expect(((await h.call('runs.get', { runId: live.id })) as RunDetail).status).toBe('running');
    await expect(h.call('runs.stop', { runId: live.id })).rejects.toThrow(/being trained by another Latent Lab process/);
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
