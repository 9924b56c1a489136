// Trains the reference VAE (784-400-20, ReLU, Bernoulli decoder, Adam 1e-3, batch 128) with the app's own engine
// code (model, objective, training step) on one backend, and prints samples/s as JSON. Run by bench/run.mjs.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src-main/trainer/backend';
import { familyOf } from '../src-main/trainer/families';
import { createAutoencoder } from '../src-main/trainer/models/autoencoder';
import { createOptimizer } from '../src-main/trainer/optimizers';
import { trainStep } from '../src-main/trainer/train-step';
import type { TrainingConfig } from '../src-shared/config/run-config';
import { shuffledIndices } from '../src-shared/datasets/shuffle';
import { builtinSplits } from '../src-shared/datasets/builtin';

const BATCH = 128;

async function main(): Promise<void> {
  const backend = process.argv[2];
  const seconds = Number(process.argv[3] ?? 8);
  const report = await selectBackend(backend);
  if (report.chosen !== backend) {
    const reason = report.skipped.find((s) => s.backend === backend)?.reason ?? 'not available';
    process.stdout.write(`${JSON.stringify({ backend, available: false, reason })}\n`);
    return;
  }
  const data = builtinSplits('builtin:sprites', 2048, 0.0625);
  const x = tf.tensor2d(data.train, [data.trainCount, data.sampleSize]);
  const config = { family: 'vae' as const, hidden: [400], activation: 'relu' as const, latentDim: 20, likelihood: 'bernoulli' as const, sigma: 0.1 };
  const model = createAutoencoder(config, [data.sampleSize], 1);
  const family = familyOf(config);
  const objective = { beta: 1, warmupSteps: 0, freeBits: 0, iwaeSamples: 1 };
  const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 1e-3, momentum: 0.9 } as TrainingConfig);
  const batches = Math.floor(data.trainCount / BATCH);
  // Minibatches as the app's training loop makes them: a shuffled order, gathered BATCH rows at a time.
  const order = shuffledIndices(data.trainCount, 1);
  let step = 0;
  const runStep = async () => {
    const start = (step % batches) * BATCH;
    const batchIdx = tf.tensor1d(order.subarray(start, start + BATCH), 'int32');
    const xb = tf.gather(x, batchIdx) as tf.Tensor2D;
    await trainStep(family, model, config, optimizer, xb, { step, noiseSeed: step, objective });
    tf.dispose([batchIdx, xb]);
    step++;
  };
  for (let i = 0; i < 3; i++) await runStep(); // warm-up: kernel compilation, allocator growth
  const tensorsBefore = tf.memory().numTensors;
  const start = performance.now();
  const first = step;
  while (performance.now() - start < seconds * 1000 || step - first < 5) await runStep();
  const elapsed = (performance.now() - start) / 1000;
  const samplesPerSec = ((step - first) * BATCH) / elapsed;
  process.stdout.write(
    `${JSON.stringify({ backend, available: true, detail: report.detail, steps: step - first, seconds: elapsed, samplesPerSec, tensorsLeaked: tf.memory().numTensors - tensorsBefore })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ backend: process.argv[2], available: false, reason: String(error) })}\n`);
});
