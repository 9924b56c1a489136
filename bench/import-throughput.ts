// Imports a folder of PNGs (made from Fashion-MNIST) with Latent Lab's importer, in process, and prints
// images/s as JSON. Run by bench/run.mjs, which times the same folder with a plain Python/PIL loader.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHost } from '../src-main/host/host';
import type { DatasetDetail } from '../src-shared/datasets/types';

async function main(): Promise<void> {
  const [folder, dataDir] = process.argv.slice(2);
  rmSync(dataDir, { recursive: true, force: true });
  const host = createHost({
    dataDir,
    launchTrainer: () => {
      throw new Error('the import benchmark trains nothing');
    },
    version: 'bench',
    transport: 'cli',
  });
  const start = performance.now();
  const dataset = (await host.call('datasets.import', { importId: 'bench', options: { path: folder, size: 28, color: 'grayscale' } })) as DatasetDetail;
  const seconds = (performance.now() - start) / 1000;
  await host.close();
  process.stdout.write(`${JSON.stringify({ loader: 'latent-lab', available: true, images: dataset.count, seconds, imagesPerSec: dataset.count / seconds, detail: 'pngjs for small PNGs, sharp/libvips otherwise; 4 in flight; atomic write + SQLite' })}\n`);
  rmSync(join(dataDir), { recursive: true, force: true });
}

void main();
