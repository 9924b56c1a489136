// Exports the latents (μ and σ as .npy) of all 70,000 Fashion-MNIST images (train then test) with the app's own
// export job, as the trainer runs it, for the reference VAE's encoder (784-400-20, ReLU). Prints images/s as JSON;
// bench/torch_encode.py does the same work in PyTorch. Run by bench/run.mjs (section "export").
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseRunConfig } from '../src-shared/config/parse-run-config';
import { IMAGES_FILE, LABELS_FILE } from '../src-shared/datasets/storage-format';
import { selectBackend } from '../src-main/trainer/backend';
import { runExport } from '../src-main/trainer/export/export-job';
import { createModel } from '../src-main/trainer/models';
import { saveWeights } from '../src-main/trainer/weights';

const FASHION = '/usr/share/datasets/fashion-mnist';

async function main(): Promise<void> {
  const report = await selectBackend('wasm');
  if (report.chosen !== 'wasm') throw new Error('wasm backend did not start');
  const dir = join(tmpdir(), `latent-lab-bench-export-${process.pid}`);
  mkdirSync(join(dir, 'dataset'), { recursive: true });
  try {
    const read = (name: string, header: number) => gunzipSync(readFileSync(join(FASHION, name))).subarray(header);
    const images = Buffer.concat([read('train-images-idx3-ubyte.gz', 16), read('t10k-images-idx3-ubyte.gz', 16)]);
    const labels = Int32Array.from(Buffer.concat([read('train-labels-idx1-ubyte.gz', 8), read('t10k-labels-idx1-ubyte.gz', 8)]));
    const count = images.byteLength / 784;
    writeFileSync(join(dir, 'dataset', IMAGES_FILE), images);
    writeFileSync(join(dir, 'dataset', LABELS_FILE), new Uint8Array(labels.buffer));
    const parsed = parseRunConfig({
      dataset: { id: 'fashion' },
      model: { family: 'vae', hidden: [400], activation: 'relu', latentDim: 20, likelihood: 'bernoulli' },
      training: { seed: 1 },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const config = parsed.config;
    const model = createModel(config.model, [28, 28, 1], 1);
    await saveWeights(join(dir, 'weights.llw'), model.namedVariables);
    model.dispose();
    const classes = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
    const job = (out: string) => ({
      exportId: 'bench',
      format: 'latents-npy' as const,
      options: { split: 'both' as const },
      dir: out,
      weightsPath: join(dir, 'weights.llw'),
      config,
      dataset: { kind: 'stored' as const, id: 'fashion', dir: join(dir, 'dataset'), count, trainCount: 60_000, testCount: 0, sampleShape: [1, 28, 28] },
      datasetInfo: { id: 'fashion', name: 'Fashion-MNIST', classes, factors: [] },
      run: { id: 1, name: 'bench', status: 'completed', checkpoint: 'ckpt-0' },
      appVersion: 'bench',
    });
    const progress = { report: () => undefined, check: () => undefined };
    const times: number[] = [];
    // Three rounds, the fastest counts (as the PyTorch side does): the first also warms the kernels up.
    for (let round = 0; round < 3; round++) {
      const out = join(dir, `out-${round}`);
      mkdirSync(out);
      const start = performance.now();
      await runExport(job(out), progress);
      times.push((performance.now() - start) / 1000);
      rmSync(out, { recursive: true });
    }
    const best = Math.min(...times);
    process.stdout.write(
      `${JSON.stringify({ engine: 'latent-lab', available: true, images: count, seconds: best, imagesPerSec: count / best, detail: `wasm backend; load, encode in batches of 512, write mu/sigma/labels .npy; rounds ${times.map((t) => t.toFixed(2)).join(' / ')} s` })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ engine: 'latent-lab', available: false, reason: error instanceof Error ? error.message : String(error) })}\n`);
});
