import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import { readCheckpointPointer } from '../../src-main/trainer/checkpoint-layout';
import type { ImageBatch, LatentSessionInfo, RunDetail, RunProgress } from '../../src-shared/contract/types';
import type { DatasetDetail } from '../../src-shared/datasets/types';
import type { RunBundleExport, RunBundleImport } from '../../src-shared/runs/run-bundle';
import { makeImage, write } from '../helpers/image-fixtures';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

/**
 * Moving a run between machines through the real trainer: a run stopped mid-way on one data dir is exported,
 * imported into a fresh data dir, and resumed there; it must end exactly as the original resumed in its own data
 * dir ends — every step and epoch value, and the checkpoint's bytes.
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');
const execFileAsync = promisify(execFile);
const root = tempDir();
let dirs = 0;
const newDir = () => join(root.path, `d${++dirs}`);
afterAll(() => root.remove());

const hosts: Host[] = [];
function startHost(dataDir: string): Host {
  const host = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  hosts.push(host);
  return host;
}
async function closeHost(host: Host): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.close();
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const get = (h: Host, runId: number) => h.call('runs.get', { runId, maxPoints: 200_000 }) as Promise<RunDetail>;
const runDirOf = (dataDir: string, runId: number) => join(dataDir, 'runs', String(runId));
const checkpointBytes = (runDir: string) => {
  const { dir } = readCheckpointPointer(runDir)!;
  return Object.fromEntries(['weights.llw', 'optimizer.llw', 'state.json'].map((f) => [f, readFileSync(join(dir, f))]));
};

/** Opens the run's latent space and reconstructs four validation images: what the explorer shows first. */
async function explore(h: Host, runId: number): Promise<{ info: LatentSessionInfo; reconstruction: { inputs: ImageBatch; outputs: ImageBatch } }> {
  const info = (await h.call('latent.open', { runId })) as LatentSessionInfo;
  const reconstruction = (await h.call('latent.reconstruct', { sessionId: info.sessionId, indices: [0, 1, 2, 3] })) as { inputs: ImageBatch; outputs: ImageBatch };
  await h.call('latent.close', { sessionId: info.sessionId });
  return { info, reconstruction };
}

describe('a run carried to another data dir in a bundle', () => {
  it('keeps every metric, opens in the latent explorer, and resumes bit for bit like the original', async () => {
    // 1,024 sprites, 896 for training in batches of 32: 28 steps an epoch, 168 in all.
    const input = { ...tinyConfig({ epochs: 6, size: 1024 }), name: 'gpu box run' };
    const a = newDir();
    const source = startHost(a);
    const { runId } = (await source.call('runs.start', { config: input })) as { runId: number };
    // Stop it part-way, after the epoch-1 checkpoint: the stop writes a checkpoint where it lands (mid-epoch, mostly).
    await new Promise<void>((resolve) => source.events.on('run.progress', (p: RunProgress) => p.runId === runId && p.step >= 34 && resolve()));
    await source.call('runs.stop', { runId });
    await source.runs.waitForFinish(runId);
    const stopped = await get(source, runId);
    expect(stopped.status).toBe('stopped');
    const { step: stoppedAt, epoch: stoppedEpoch } = readCheckpointPointer(runDirOf(a, runId))!;
    expect(stoppedAt).toBeGreaterThan(28);
    expect(stoppedAt).toBeLessThan(168);

    const bundle = join(root.path, 'stopped.llrun');
    const exported = (await source.call('runs.exportBundle', { runId, path: bundle })) as RunBundleExport;
    expect(exported).toMatchObject({ path: bundle, checkpoint: { step: stoppedAt, epoch: stoppedEpoch }, dataset: { id: 'builtin:sprites', bundled: false } });

    const b = newDir();
    const target = startHost(b);
    const imported = (await target.call('runs.importBundle', { path: bundle })) as RunBundleImport;
    expect(imported).toMatchObject({ runId: 1, sourceRunId: runId, status: 'stopped', checkpoint: { step: stoppedAt }, dataset: { outcome: 'builtin' } });
    const copy = await get(target, imported.runId);
    // Every step and epoch point, values and wall times, exactly.
    expect(copy.steps.step.length).toBeGreaterThanOrEqual(stoppedAt);
    expect(copy.steps).toEqual(stopped.steps);
    expect(copy.epochs).toEqual(stopped.epochs);
    expect(copy).toMatchObject({ name: 'gpu box run', config: stopped.config, final: stopped.final, best: stopped.best, hasWeights: true, backend: stopped.backend });

    // The latent explorer decodes the same images from the carried weights.
    const [here, there] = [await explore(source, runId), await explore(target, imported.runId)];
    expect(there.info.latentDim).toBe(2);
    expect(there.reconstruction).toEqual(here.reconstruction);

    // Resumed on each side, the two end identically.
    await source.call('runs.continue', { runId });
    await target.call('runs.continue', { runId: imported.runId });
    await Promise.all([source.runs.waitForFinish(runId), target.runs.waitForFinish(imported.runId)]);
    const [original, carried] = [await get(source, runId), await get(target, imported.runId)];
    expect(original.status).toBe('completed');
    expect(carried.status).toBe('completed');
    expect(carried.steps.step).toEqual(Array.from({ length: 168 }, (_, i) => i + 1));
    expect(carried.epochs.epoch).toEqual([1, 2, 3, 4, 5, 6]);
    expect(carried.steps.values).toEqual(original.steps.values);
    expect(carried.epochs.values).toEqual(original.epochs.values);
    expect(checkpointBytes(runDirOf(b, imported.runId))).toEqual(checkpointBytes(runDirOf(a, runId)));
  });
});

describe('latent-lab runs export / import', () => {
  it('carries a run trained on an imported dataset, with the dataset, from one data dir to another', async () => {
    const src = join(root.path, 'images');
    for (let i = 0; i < 64; i++) write(src, `${i % 2 ? 'round' : 'square'}/${i}.png`, await makeImage(10 + (i % 5), 10 + (i % 3), 1, 'png'));
    const a = newDir();
    const source = startHost(a);
    const dataset = (await source.call('datasets.import', { importId: 'bundle-test', options: { path: src, size: 8 } })) as DatasetDetail;
    const { runId } = (await source.call('runs.start', { config: { ...tinyConfig({ epochs: 2 }), dataset: { id: dataset.id } } })) as { runId: number };
    await source.runs.waitForFinish(runId);
    const trained = await get(source, runId);
    expect(trained.status).toBe('completed');
    const before = await explore(source, runId);
    await closeHost(source);

    const bundle = join(root.path, 'with-dataset.llrun');
    const exported = await cli(['runs', 'export', String(runId), '--out', bundle, '--with-dataset', '--data-dir', a, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout) as RunBundleExport).toMatchObject({ path: bundle, dataset: { id: dataset.id, bundled: true }, checkpoint: { epoch: 2 } });
    const again = await cli(['runs', 'export', String(runId), '--out', bundle, '--data-dir', a]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; export with --force/);
    const forced = await cli(['runs', 'export', String(runId), '--out', bundle, '--with-dataset', '--force', '--data-dir', a]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(new RegExp(`^exported run ${runId} to .*with-dataset\\.llrun \\(.* KB\\): metrics, the checkpoint of epoch 2 \\(step \\d+\\), dataset ${dataset.id}\\n$`));

    const b = newDir();
    const first = await cli(['runs', 'import', bundle, '--data-dir', b]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^imported as run #1 \\(was #${runId} on the source\\): completed\\n  dataset: dataset '.*' \\(${dataset.id}: 64 images of 1×8×8, .*\\) was imported from the bundle\\n$`));
    const second = await cli(['runs', 'import', bundle, '--data-dir', b, '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout) as RunBundleImport).toMatchObject({ runId: 2, sourceRunId: runId, dataset: { id: dataset.id, outcome: 'present' } });
    const broken = join(root.path, 'broken.llrun');
    write(root.path, 'broken.llrun', readFileSync(bundle).subarray(0, 2000));
    const refused = await cli(['runs', 'import', broken, '--data-dir', b]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: .*broken\.llrun cannot be imported: the file is truncated .*; nothing was imported\n$/);

    const target = startHost(b);
    expect(((await target.call('runs.list', {})) as { id: number }[]).map((r) => r.id)).toEqual([2, 1]);
    expect((await target.call('datasets.get', { datasetId: dataset.id })) as DatasetDetail).toMatchObject({ count: 64, usedByRuns: [1, 2] });
    const copy = await get(target, 1);
    expect(copy.steps).toEqual(trained.steps);
    expect(copy.epochs).toEqual(trained.epochs);
    expect((await explore(target, 1)).reconstruction).toEqual(before.reconstruction);
  });
});
