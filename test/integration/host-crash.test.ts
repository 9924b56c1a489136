import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { RunDetail } from '../../src-shared/contract/types';
import { checkpointLeftovers, expectEveryStepOnce, expectHealthyHistory } from '../helpers/run-invariants';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
let dir: ReturnType<typeof tempDir> | undefined;
let host: Host | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
  dir?.remove();
  dir = undefined;
});

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Kills a `latent-lab train` host with SIGKILL once it has reported `afterEpochs` epochs, plus `delayMs` (which lands
 * the kill mid-epoch, during a metric flush or around a checkpoint), and returns the pid of its trainer.
 */
async function killHostDuringTraining(dataDir: string, config: string, afterEpochs: number, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [BIN, 'train', '--config', config, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(() => (stderr.match(/^epoch \d+:/gm) ?? []).length >= afterEpochs || child.exitCode !== null, 60_000, `epoch ${afterEpochs}`);
  expect(child.exitCode, stderr).toBeNull();
  const trainer = childrenOf(child.pid as number)[0];
  expect(trainer).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return trainer;
}

describe('host crash drills', () => {
  // Kill points: right after an epoch's line (its checkpoint being written), and at several offsets into the next epoch.
  it.each([0, 40, 120, 250, 400])('kill -9 of the host %i ms after an epoch: the trainer stops at once, and the resumed run has every step exactly once', async (delayMs) => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    const config = join(dir.path, 'run.json');
    writeFileSync(config, JSON.stringify({ ...tinyConfig({ epochs: 4 }), dataset: { id: 'builtin:sprites', size: 1024, validationSplit: 0.125 } }));
    const trainer = await killHostDuringTraining(dataDir, config, 1, delayMs);
    // An orphaned trainer must not train on (and write checkpoints past the history the host committed).
    await waitFor(() => !alive(trainer), 2000, `the orphaned trainer ${trainer} to exit`);

    host = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
    expect(host.interruptedAtStart).toBe(1);
    expectHealthyHistory(dataDir);
    expect(checkpointLeftovers(join(dataDir, 'runs', '1'))).toEqual([]);
    await host.call('runs.continue', { runId: 1 });
    await host.runs.waitForFinish(1);
    const run = (await host.call('runs.get', { runId: 1, maxPoints: 100_000 })) as RunDetail;
    expect(run.status).toBe('completed');
    expectEveryStepOnce(run, 28, 4);
    expectHealthyHistory(dataDir);
  });
});
