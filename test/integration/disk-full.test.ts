import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { RunDetail, RunSummary } from '../../src-shared/contract/types';
import { smallDisk } from '../helpers/small-disk';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
let disk: ReturnType<typeof smallDisk> | undefined;
let host: Host | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
  disk?.remove();
  disk = undefined;
});

/** A VAE whose checkpoint (weights and Adam's two moments) takes about 4.8 MB. */
const bigCheckpointConfig = (epochs: number) => ({ ...tinyConfig({ epochs }), model: { ...tinyConfig().model, hidden: [256] } });

/** Every file and folder under a run dir, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

function expectExactlyOnce(run: RunDetail, stepsPerEpoch: number, epochs: number): void {
  expect(run.steps.step).toEqual(Array.from({ length: stepsPerEpoch * epochs }, (_, i) => i + 1));
  expect(run.epochs.epoch).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
}

function integrityCheck(dataDir: string): string {
  const db = new Database(join(dataDir, 'latent-lab.sqlite'), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('a full disk', () => {
  it('fails the run with the reason and the kept checkpoint, leaves no temporary files, and the host carries on; it resumes once there is room', async () => {
    disk = smallDisk(9);
    host = createHost({ dataDir: disk.path, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
    const { runId } = (await host.call('runs.start', { config: bigCheckpointConfig(4) })) as { runId: number };
    await host.runs.waitForFinish(runId);
    const failed = (await host.call('runs.get', { runId })) as RunDetail;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^the disk holding .+ is full \([\d.]+ MB free\); the checkpoint of epoch 1 is kept/);
    // No half-written checkpoint is left taking the space: only the committed set.
    const files = tree(join(disk.path, 'runs', String(runId)));
    expect(files.filter((f) => /tmp|\.partial/.test(f))).toEqual([]);
    expect(files.filter((f) => /^ckpt-[^/]+$/.test(f))).toHaveLength(1);
    // The host still answers, and refuses new work on a full disk with a code the UI can explain.
    expect(((await host.call('runs.list', {})) as RunSummary[]).map((r) => r.id)).toEqual([runId]);
    expect(integrityCheck(disk.path)).toBe('ok');

    disk.resize(64);
    await host.call('runs.continue', { runId });
    await host.runs.waitForFinish(runId);
    const resumed = (await host.call('runs.get', { runId })) as RunDetail;
    expect(resumed.status).toBe('completed');
    expectExactlyOnce(resumed, 7, 4);
  });

  it('when the history itself cannot be written, the run fails naming the disk; its metrics up to the kept checkpoint stay', async () => {
    disk = smallDisk(12);
    host = createHost({ dataDir: disk.path, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
    const config = { ...tinyConfig({ epochs: 30 }), dataset: { id: 'builtin:sprites', size: 1024, validationSplit: 0.125 } };
    const { runId } = (await host.call('runs.start', { config })) as { runId: number };
    const h = host;
    // Once the first checkpoint is committed, fill the disk to the last byte: the next metric flush meets SQLITE_FULL.
    await new Promise<void>((resolve) => h.events.on('run.progress', (p) => p.runId === runId && p.epoch >= 2 && resolve()));
    const filler = join(disk.path, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(64 * 1024 * 1024));
    } catch {
      // ENOSPC: the filler took everything there was.
    }
    await host.runs.waitForFinish(runId);
    const failed = (await host.call('runs.get', { runId })) as RunDetail;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/the disk holding .+ is full \([\d.]+ MB free\)/);
    expect(((await host.call('runs.list', {})) as RunSummary[]).map((r) => r.status)).toEqual(['failed']);
    rmSync(filler);
    expect(integrityCheck(disk.path)).toBe('ok');
    await host.call('runs.continue', { runId });
    await host.runs.waitForFinish(runId);
    const resumed = (await host.call('runs.get', { runId, maxPoints: 100_000 })) as RunDetail;
    expect(resumed.status).toBe('completed');
    expectExactlyOnce(resumed, 28, 30);
  });
});

describe('a history write that fails for another reason', () => {
  it('fails the run with the reason, keeps its checkpoint, and the host carries on; the run resumes once writes work', async () => {
    const dir = tempDir('latent-lab-write-failure-');
    onTestFinished(() => dir.remove());
    host = createHost({ dataDir: dir.path, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
    const config = tinyConfig({ epochs: 3, size: 1024 });
    const { runId } = (await host.call('runs.start', { config })) as { runId: number };
    // A second connection refuses every step chunk from the second epoch on, as a damaged or locked database would.
    const side = new Database(join(dir.path, 'latent-lab.sqlite'));
    side.exec(`CREATE TRIGGER refuse_steps BEFORE INSERT ON step_metrics WHEN NEW.first_step > 28 BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END;`);
    await host.runs.waitForFinish(runId);
    const failed = (await host.call('runs.get', { runId })) as RunDetail;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^the host could not record run \d+'s (commit|finished) message \(simulated write failure\); the run was stopped, (the checkpoint of epoch 1 is kept|no checkpoint had been written yet)$/);
    expect(((await host.call('runs.list', {})) as RunSummary[]).map((r) => r.status)).toEqual(['failed']);

    side.exec('DROP TRIGGER refuse_steps');
    side.close();
    await host.call('runs.continue', { runId });
    await host.runs.waitForFinish(runId);
    const resumed = (await host.call('runs.get', { runId })) as RunDetail;
    expect(resumed.status, resumed.error ?? '').toBe('completed');
    expectExactlyOnce(resumed, 28, 3);
    expect(integrityCheck(dir.path)).toBe('ok');
  }, 120_000);
});
