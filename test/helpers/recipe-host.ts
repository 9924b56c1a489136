import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { RunDetail } from '../../src-shared/contract/types';
import { tempDir } from './temp-dir';

const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');

/**
 * A host on a fresh data dir with the built trainer, for the recipe tests (created before the file's tests, closed
 * after them), and a way to wait for a run's end and read it.
 */
export function recipeHost(prefix: string): { host(): Host; finished(runId: number): Promise<RunDetail> } {
  const dir = tempDir(prefix);
  let host: Host;
  beforeAll(() => {
    host = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  });
  afterAll(async () => {
    await host?.close();
    dir.remove();
  });
  return {
    host: () => host,
    async finished(runId) {
      await host.runs.waitForFinish(runId);
      return (await host.call('runs.get', { runId, maxPoints: 10 })) as RunDetail;
    },
  };
}
