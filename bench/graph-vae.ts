// VGAE link prediction (Kipf & Welling 2016) on the Cora-sized stochastic block model, trained with the app's own
// code (trainLinkPrediction, KIPF_DEFAULTS: GCN 32 → 16, Adam 0.01, 200 epochs, full batch) on the wasm backend.
// Prints epochs/s and the test AUC/AP as JSON, and writes the same graph and split to the folder given as the first
// argument (raw little-endian .i32/.f32 and graph.json) for bench/torch_vgae.py. Run by bench/run.mjs (section "graph").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src-main/trainer/backend';
import { createGraphAutoencoder } from '../src-main/trainer/graph/graph-autoencoder';
import { KIPF_DEFAULTS, pairScores, trainLinkPrediction } from '../src-main/trainer/graph/link-prediction';
import { disposePropagation, sparsePropagation } from '../src-main/trainer/graph/message-passing';
import { splitEdges, type EdgeSplit, type NodePairs } from '../src-shared/graphs/edge-split';
import { normalizedAdjacency } from '../src-shared/graphs/gcn-normalization';
import { edgePairs } from '../src-shared/graphs/graph';
import { CORA_SIZED_SBM, stochasticBlockModel } from '../src-shared/graphs/sbm';
import { averagePrecision, rocAuc } from '../src-shared/metrics/ranking';

const SEED = 1;
/** Rounds of the separate timing of one epoch's validation scoring (the median counts). */
const EVAL_ROUNDS = 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The graph and split as bench/torch_vgae.py reads them: one binary file per array, shapes in graph.json. */
function writeForPytorch(dir: string, split: EdgeSplit): void {
  const graph = split.train;
  if (!graph.features) throw new Error('the Cora-sized SBM has no features; torch_vgae.py needs them');
  const write = (name: string, array: Int32Array | Float32Array) => writeFileSync(join(dir, name), new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  const pairs = (name: string, p: NodePairs) => {
    write(`${name}_sources.i32`, p.sources);
    write(`${name}_targets.i32`, p.targets);
    return p.sources.length;
  };
  const train = edgePairs(graph);
  const adjacency = normalizedAdjacency(graph);
  write('adjacency_rows.i32', adjacency.rows);
  write('adjacency_cols.i32', adjacency.cols);
  write('adjacency_weights.f32', adjacency.weights);
  write('features.f32', graph.features.values);
  const meta = {
    nodes: graph.nodeCount,
    features: graph.features.count,
    adjacencyEntries: adjacency.rows.length,
    train: pairs('train', train),
    validationPositive: pairs('validation_positive', split.validation.positive),
    validationNegative: pairs('validation_negative', split.validation.negative),
    testPositive: pairs('test_positive', split.test.positive),
    testNegative: pairs('test_negative', split.test.negative),
    hidden: KIPF_DEFAULTS.hidden[0],
    latentDim: KIPF_DEFAULTS.latentDim,
    learningRate: KIPF_DEFAULTS.learningRate,
    epochs: KIPF_DEFAULTS.epochs,
    seed: SEED,
  };
  writeFileSync(join(dir, 'graph.json'), `${JSON.stringify(meta)}\n`);
}

/**
 * The part of each epoch that is not training, as trainLinkPrediction does it after every step: encode μ (forward
 * only), read it back, score the validation pairs and compute AUC and AP. Timed apart on a fresh model of the same
 * shape (the scores' values do not change the cost), the median of EVAL_ROUNDS rounds.
 */
async function validationCost(split: EdgeSplit): Promise<{ encodeMs: number; scoreMs: number }> {
  const graph = split.train;
  const features = graph.features!;
  const adjacency = normalizedAdjacency(graph);
  const p = sparsePropagation(graph.nodeCount, adjacency.rows, adjacency.cols, adjacency.weights);
  const x = tf.tensor2d(features.values, [graph.nodeCount, features.count]);
  const model = createGraphAutoencoder({ variational: true, featureCount: features.count, hidden: KIPF_DEFAULTS.hidden, latentDim: KIPF_DEFAULTS.latentDim, seed: SEED });
  const encode: number[] = [];
  const score: number[] = [];
  try {
    for (let round = 0; round <= EVAL_ROUNDS; round++) {
      const start = performance.now();
      const mu = tf.tidy(() => model.encode(p, x).mu);
      const values = (await mu.data()) as Float32Array;
      mu.dispose();
      const encoded = performance.now();
      const { scores, labels } = pairScores(values, KIPF_DEFAULTS.latentDim, split.validation);
      rocAuc(scores, labels);
      averagePrecision(scores, labels);
      // Round 0 warms the kernels up and does not count.
      if (round > 0) {
        encode.push(encoded - start);
        score.push(performance.now() - encoded);
      }
    }
  } finally {
    model.dispose();
    disposePropagation(p);
    x.dispose();
  }
  return { encodeMs: median(encode), scoreMs: median(score) };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: graph-vae.ts <folder for the PyTorch copy of the graph>');
  const report = await selectBackend('wasm');
  if (report.chosen !== 'wasm') throw new Error(`the wasm backend did not start: ${report.skipped.find((s) => s.backend === 'wasm')?.reason ?? 'unknown reason'}`);
  const graph = stochasticBlockModel(CORA_SIZED_SBM);
  const split = splitEdges(graph, { seed: SEED });
  writeForPytorch(dir, split);

  const tensorsBefore = tf.memory().numTensors;
  const ends: number[] = [];
  const start = performance.now();
  const result = await trainLinkPrediction(split, { ...KIPF_DEFAULTS, variational: true, seed: SEED }, () => {
    ends.push(performance.now());
  });
  const seconds = (ends[ends.length - 1] - start) / 1000;
  const tensorsLeaked = tf.memory().numTensors - tensorsBefore;
  const epochMs = ends.map((t, k) => t - (k === 0 ? start : ends[k - 1]));
  const { encodeMs, scoreMs } = await validationCost(split);
  const last = result.epochs[result.epochs.length - 1];
  process.stdout.write(
    `${JSON.stringify({
      engine: 'latent-lab',
      available: true,
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      trainEdges: split.train.edgeCount,
      epochs: result.epochs.length,
      seconds,
      epochsPerSec: result.epochs.length / seconds,
      firstEpochMs: epochMs[0],
      medianEpochMs: median(epochMs.slice(1)),
      validationEncodeMs: encodeMs,
      validationScoreMs: scoreMs,
      final: { loss: last.loss, val_auc: last.val_auc, val_ap: last.val_ap },
      test_auc: result.test_auc,
      test_ap: result.test_ap,
      tensorsLeaked,
      detail:
        `wasm backend, ${report.detail}; ${seconds.toFixed(1)} s for ${result.epochs.length} epochs (first ${Math.round(epochMs[0])} ms, median ${Math.round(median(epochMs.slice(1)))} ms); ` +
        `of which validation AUC/AP ≈ ${(encodeMs + scoreMs).toFixed(1)} ms an epoch (encode μ ${encodeMs.toFixed(1)}, score and rank ${scoreMs.toFixed(1)})`,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ engine: 'latent-lab', available: false, reason: error instanceof Error ? error.message : String(error) })}\n`);
});
