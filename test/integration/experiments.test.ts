import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { RunDetail, RunStatus, RunSummary, SweepDetail } from '../../src-shared/contract/types';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');
const execFileAsync = promisify(execFile);
let dir: ReturnType<typeof tempDir> | undefined;
const hosts: Host[] = [];

function startHost(dataDir: string, transport: 'cli' | 'websocket' = 'cli'): Host {
  const host = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  dir?.remove();
  dir = undefined;
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

const status = async (h: Host, runId: number) => ((await h.call('runs.get', { runId })) as RunDetail).status;

/** Records every status each run goes through, in order. */
function statusLog(h: Host): Map<number, RunStatus[]> {
  const log = new Map<number, RunStatus[]>();
  h.events.on('run.status', ({ runId, status: s }) => log.set(runId, [...(log.get(runId) ?? []), s]));
  return log;
}

describe('run queue', () => {
  it('queues a run started while another trains, reorders and cancels queued runs, and trains the rest in order', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const log = statusLog(h);
    const started: number[] = [];
    h.events.on('run.status', ({ runId, status: s }) => s === 'running' && !started.includes(runId) && started.push(runId));

    const { runId: a } = (await h.call('runs.start', { config: tinyConfig({ epochs: 3 }) })) as { runId: number };
    const { runId: b } = (await h.call('runs.start', { config: { ...tinyConfig(), name: 'second' } })) as { runId: number };
    const { runId: c } = (await h.call('runs.start', { config: { ...tinyConfig(), name: 'third' } })) as { runId: number };
    expect(await status(h, b)).toBe('queued');
    const queue = ((await h.call('runs.list', { status: ['queued'], sort: { key: 'queuePosition', direction: 'asc' } })) as RunSummary[]).map((r) => r.id);
    expect(queue).toEqual([b, c]);

    await h.call('runs.move', { runId: c, to: 'top' });
    const reordered = ((await h.call('runs.list', { status: ['queued'], sort: { key: 'queuePosition', direction: 'asc' } })) as RunSummary[]).map((r) => r.id);
    expect(reordered).toEqual([c, b]);
    await expect(h.call('runs.pause', { runId: b })).rejects.toThrow(/queued and has not started; it can only be cancelled/);
    await h.call('runs.stop', { runId: b });
    await expect(h.call('runs.move', { runId: b, to: 'top' })).rejects.toMatchObject({ code: 'conflict' });

    await Promise.all([a, b, c].map((id) => h.runs.waitForFinish(id)));
    expect(started).toEqual([a, c]);
    expect(await status(h, a)).toBe('completed');
    expect(await status(h, c)).toBe('completed');
    const cancelled = (await h.call('runs.get', { runId: b })) as RunDetail;
    expect(cancelled).toMatchObject({ status: 'stopped', error: expect.stringMatching(/cancelled while queued/) });
    expect(log.get(b)).toEqual(['queued', 'stopped']);
  });

  it('trains N runs at once when the setting allows it, each in its own trainer process', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    expect(await h.call('settings.get', {})).toEqual({ maxConcurrentRuns: 1 });
    expect(await h.call('settings.set', { maxConcurrentRuns: 2 })).toEqual({ maxConcurrentRuns: 2 });
    const running = new Set<number>();
    let most = 0;
    h.events.on('run.status', ({ runId, status: s }) => {
      if (s === 'running') running.add(runId);
      else running.delete(runId);
      most = Math.max(most, running.size);
    });
    const ids = await Promise.all([1, 2].map(async () => ((await h.call('runs.start', { config: tinyConfig({ epochs: 3 }) })) as { runId: number }).runId));
    await Promise.all(ids.map((id) => h.runs.waitForFinish(id)));
    expect(most).toBe(2);
    for (const id of ids) expect(await status(h, id)).toBe('completed');
    // The same config, trained side by side in two processes, gives the same numbers.
    const [r1, r2] = (await Promise.all(ids.map((runId) => h.call('runs.get', { runId })))) as RunDetail[];
    expect(r1.steps.values.loss).toEqual(r2.steps.values.loss);
  });

  it('survives a host restart: queued runs stay queued and the next app host trains them', async () => {
    dir = tempDir();
    const first = startHost(dir.path, 'websocket');
    const { runId: a } = (await first.call('runs.start', { config: tinyConfig({ epochs: 50, size: 1024 }) })) as { runId: number };
    const { runId: b } = (await first.call('runs.start', { config: tinyConfig({ epochs: 1 }) })) as { runId: number };
    expect(await status(first, b)).toBe('queued');
    await new Promise<void>((resolve) => first.events.on('run.progress', (p) => p.runId === a && p.step > 0 && resolve()));
    // Closing the app stops the training run (it keeps a checkpoint); the queued one waits for the next start.
    await first.close();
    hosts.splice(hosts.indexOf(first), 1);

    // A CLI command opening the history meanwhile does not take the queue.
    const cliHost = startHost(dir.path, 'cli');
    expect(await status(cliHost, b)).toBe('queued');
    await cliHost.close();
    hosts.splice(hosts.indexOf(cliHost), 1);

    const second = startHost(dir.path, 'websocket');
    expect(await status(second, a)).toBe('stopped');
    await second.runs.waitForFinish(b);
    expect(await status(second, b)).toBe('completed');
  });
});

describe('sweeps', () => {
  it('refuses a bad sweep before queueing anything, naming the field and value', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const base = tinyConfig();
    await expect(h.call('sweeps.create', { spec: { base, parameters: { 'model.nope': { values: [1, 2] } } } })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'parameters.model.nope', message: expect.stringMatching(/not a field of the run config/) }],
    });
    await expect(h.call('sweeps.create', { spec: { base, parameters: { 'objective.beta': { values: [1, -1] } } } })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'parameters.objective.beta', message: expect.stringMatching(/-1/) }],
    });
    const huge = { base, parameters: { 'training.seed': { min: 0, max: 2000, steps: 2001 } } };
    await expect(h.call('sweeps.create', { spec: huge })).rejects.toMatchObject({ code: 'needs_confirmation', message: expect.stringMatching(/2001 runs/) });
    expect(await h.call('runs.list', {})).toEqual([]);
    expect(await h.call('sweeps.list', {})).toEqual([]);
  });

  it('runs a 2×2 sweep from the CLI through the real trainer; runs compare prints only what differs', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    const base = join(dir.path, 'base.json');
    writeFileSync(base, JSON.stringify(tinyConfig({ epochs: 1 })));
    const swept = await cli(['sweep', '--config', base, '--set', 'objective.beta=0.5,2', '--set', 'model.latentDim=2,3', '--data-dir', dataDir, '--json']);
    expect(swept.code, swept.stderr).toBe(0);
    const result = JSON.parse(swept.stdout) as { sweepId: number; counts: Record<string, number>; runs: { runId: number; status: string; values: Record<string, number>; final: Record<string, number> }[] };
    expect(result.counts.completed).toBe(4);
    expect(result.runs.map((r) => r.values)).toEqual([
      { 'objective.beta': 0.5, 'model.latentDim': 2 },
      { 'objective.beta': 0.5, 'model.latentDim': 3 },
      { 'objective.beta': 2, 'model.latentDim': 2 },
      { 'objective.beta': 2, 'model.latentDim': 3 },
    ]);
    for (const run of result.runs) expect(Number.isFinite(run.final.val_loss)).toBe(true);

    const ids = result.runs.map((r) => String(r.runId));
    const compared = await cli(['runs', 'compare', ids[0], ids[3], '--data-dir', dataDir, '--json']);
    expect(compared.code, compared.stderr).toBe(0);
    const comparison = JSON.parse(compared.stdout) as { diff: Record<string, unknown[]>; metrics: Record<string, { final: (number | null)[] }> };
    expect(Object.keys(comparison.diff).sort()).toEqual(['model.latentDim', 'name', 'objective.beta'].sort());
    expect(comparison.diff['objective.beta']).toEqual([0.5, 2]);
    expect(comparison.metrics.val_loss.final).toHaveLength(2);
    const text = await cli(['runs', 'compare', ids[0], ids[3], '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/objective\.beta\s+0\.5\s+2/);

    const h = startHost(dataDir);
    const sweep = (await h.call('sweeps.get', { sweepId: result.sweepId })) as SweepDetail;
    expect(sweep).toMatchObject({ runCount: 4, fields: ['objective.beta', 'model.latentDim'], counts: { completed: 4, queued: 0 } });
    expect(((await h.call('runs.list', { sweepId: result.sweepId })) as RunSummary[]).length).toBe(4);
  });

  it('a run that fails in a sweep is marked failed and the sweep goes on', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const spec = { base: tinyConfig({ epochs: 1 }), parameters: { 'training.seed': { values: [1, 2, 3] } } };
    const { sweepId, runIds } = (await h.call('sweeps.create', { spec })) as { sweepId: number; runIds: number[] };
    // The first run's trainer dies (as a native crash would kill it): that run fails, the other two still train.
    h.pool.killAll();
    await Promise.all(runIds.map((id) => h.runs.waitForFinish(id)));
    const sweep = (await h.call('sweeps.get', { sweepId })) as SweepDetail;
    expect(sweep.counts.failed).toBe(1);
    expect(sweep.counts.completed).toBe(2);
  });
});

describe('runs table operations', () => {
  it('renames, tags, filters, sorts and deletes runs with their files; a crashed delete is finished at the next start', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const ids: number[] = [];
    for (const beta of [0.5, 4]) {
      const { runId } = (await h.call('runs.start', { config: tinyConfig({ epochs: 1, beta }) })) as { runId: number };
      ids.push(runId);
    }
    await Promise.all(ids.map((id) => h.runs.waitForFinish(id)));
    const renamed = (await h.call('runs.update', { runId: ids[0], name: 'low beta', tags: ['keep', 'paper'], notes: 'the good one' })) as RunSummary;
    expect(renamed).toMatchObject({ name: 'low beta', tags: ['keep', 'paper'], notes: 'the good one', datasetName: expect.any(String), architecture: 'MLP 32 · z=2' });
    expect(((await h.call('runs.list', { filter: 'paper' })) as RunSummary[]).map((r) => r.id)).toEqual([ids[0]]);
    const byBeta = (await h.call('runs.list', { sort: { key: 'config.objective.beta', direction: 'desc' } })) as RunSummary[];
    expect(byBeta.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    const byLoss = (await h.call('runs.list', { sort: { key: 'final.val_loss', direction: 'asc' } })) as RunSummary[];
    expect(byLoss[0].final.val_loss).toBeLessThanOrEqual(byLoss[1].final.val_loss);
    expect(byLoss[0].best.val_loss).toBeLessThanOrEqual(byLoss[0].final.val_loss);

    const csv = (await h.call('runs.metricsCsv', { runId: ids[0] })) as { csv: string; fileName: string };
    expect(csv.fileName).toMatch(/^run-\d+-low_beta-metrics\.csv$/);
    expect(csv.csv.split('\n')[0]).toMatch(/^scope,step,epoch,/);
    expect(csv.csv.trim().split('\n').filter((l) => l.startsWith('step,'))).toHaveLength(7);

    // Deleting a training run stops it first, then removes its rows and checkpoints.
    const { runId: training } = (await h.call('runs.start', { config: tinyConfig({ epochs: 50, size: 1024 }) })) as { runId: number };
    await new Promise<void>((resolve) => h.events.on('run.status', ({ runId, status: s }) => runId === training && s === 'running' && resolve()));
    await h.call('runs.delete', { runIds: [ids[1], training] });
    for (const id of [ids[1], training]) {
      await expect(h.call('runs.get', { runId: id })).rejects.toMatchObject({ code: 'not_found' });
      expect(existsSync(join(dir.path, 'runs', String(id)))).toBe(false);
    }
    await h.close();
    hosts.splice(0);

    // A delete that crashed after its rows went leaves a folder without a row: the next start removes it.
    mkdirSync(join(dir.path, 'runs', '999', 'ckpt-000001'), { recursive: true });
    startHost(dir.path);
    expect(existsSync(join(dir.path, 'runs', '999'))).toBe(false);
    expect(existsSync(join(dir.path, 'runs', String(ids[0])))).toBe(true);
  });
});
