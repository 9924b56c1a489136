import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createLinkPredictionTask, decoderLossMode, KIPF_DEFAULTS, pairScores, trainLinkPrediction } from '../../../../../src-main/trainer/graph/link-prediction';
import { splitEdges, type HeldOutEdges } from '../../../../../src-shared/graphs/edge-split';
import { stochasticBlockModel } from '../../../../../src-shared/graphs/sbm';
import { rocAuc } from '../../../../../src-shared/metrics/ranking';
import { useWasm } from '../../../../helpers/train-in-process';

beforeAll(useWasm);

/** The feature-cosine baseline: a pair scores the cosine similarity of its two nodes' feature vectors. */
function cosineAuc(values: Float32Array, count: number, pairs: HeldOutEdges): number {
  const cos = (i: number, j: number) => {
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let f = 0; f < count; f++) {
      const u = values[i * count + f];
      const v = values[j * count + f];
      dot += u * v;
      a += u * u;
      b += v * v;
    }
    return a === 0 || b === 0 ? 0 : dot / Math.sqrt(a * b);
  };
  const scores: number[] = [];
  const labels: number[] = [];
  for (const [set, label] of [[pairs.positive, 1], [pairs.negative, 0]] as const) {
    for (let e = 0; e < set.sources.length; e++) {
      scores.push(cos(set.sources[e], set.targets[e]));
      labels.push(label);
    }
  }
  return rocAuc(scores, labels);
}

function oracleScores(community: Int32Array, pairs: HeldOutEdges): [number[], number[]] {
  const scores: number[] = [];
  const labels: number[] = [];
  for (const [set, label] of [[pairs.positive, 1], [pairs.negative, 0]] as const) {
    for (let e = 0; e < set.sources.length; e++) {
      scores.push(community[set.sources[e]] === community[set.targets[e]] ? 1 : 0);
      labels.push(label);
    }
  }
  return [scores, labels];
}

describe('link prediction with GAE and VGAE', () => {
  it('scores held-out pairs as σ(μ_iᵀμ_j), positives first', () => {
    const mu = Float32Array.from([1, 0, 0, 2, 1, 1]);
    const pairs = { positive: { sources: Int32Array.of(0), targets: Int32Array.of(2) }, negative: { sources: Int32Array.of(0), targets: Int32Array.of(1) } };
    const { scores, labels } = pairScores(mu, 2, pairs);
    expect(Array.from(labels)).toEqual([1, 0]);
    expect(scores[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(scores[1]).toBeCloseTo(0.5, 12);
  });

  it('ranks held-out edges of a stochastic block model well above chance, above the feature-cosine baseline and near the community oracle', async () => {
    const graph = stochasticBlockModel({ nodes: 300, communities: 3, pIn: 0.08, pOut: 0.004, featureCount: 60, featureDensity: 0.1, featureSignal: 0.6, seed: 4 });
    const split = splitEdges(graph, { seed: 1 });
    const baseline = cosineAuc(graph.features!.values, graph.features!.count, split.test);
    // In a block model an edge's only signal is whether both ends share a community: the oracle that knows the
    // communities scores 1 for such pairs and 0 otherwise, and bounds what any model can reach (about 0.8 here).
    const community = graph.labels!.values;
    const oracle = rocAuc(...oracleScores(community, split.test));
    const results: Record<string, number> = { baseline, oracle };
    for (const variational of [false, true]) {
      const run = await trainLinkPrediction(split, { ...KIPF_DEFAULTS, variational, seed: 3 });
      expect(run.epochs).toHaveLength(200);
      expect(run.epochs[199].loss).toBeLessThan(run.epochs[0].loss);
      results[variational ? 'vgae_auc' : 'gae_auc'] = run.test_auc;
      results[variational ? 'vgae_ap' : 'gae_ap'] = run.test_ap;
      expect(run.test_auc).toBeGreaterThan(0.7);
      expect(run.test_auc).toBeGreaterThan(baseline);
      expect(run.test_auc).toBeGreaterThan(oracle - 0.1);
    }
    console.log(`link prediction on an SBM (300 nodes, 3 communities): ${JSON.stringify(results)}`);
  }, 120_000);

  it('trains a featureless graph of 20,000 nodes and about 100,000 edges in memory, with sampled pairs above 5,000 nodes', async () => {
    const graph = stochasticBlockModel({ nodes: 20_000, communities: 20, pIn: 0.0095, pOut: 0.000005, featureCount: 0, featureDensity: 0, featureSignal: 0, seed: 4 });
    expect(graph.edgeCount).toBeGreaterThan(90_000);
    expect(decoderLossMode(graph.nodeCount)).toBe('sampled');
    const split = splitEdges(graph, { seed: 2 });
    const task = createLinkPredictionTask(split.train, { variational: true, hidden: [32], latentDim: 16, seed: 1 });
    const optimizer = tf.train.adam(0.01);
    try {
      expect(task.decoderLoss).toBe('sampled');
      expect(task.sampledPairs).toBe(split.train.colIdx.length + graph.nodeCount);
      // Featureless: the first layer's weights are one row per node (X = I is never made).
      expect(task.model.variables[0].shape).toEqual([20_000, 32]);
      const first = await task.step(optimizer, 1);
      let last = first;
      for (let epoch = 2; epoch <= 4; epoch++) last = await task.step(optimizer, epoch);
      expect(Number.isFinite(last.loss)).toBe(true);
      expect(last.recon).toBeLessThan(first.recon);
      const validation = await task.score(split.validation);
      expect(validation.auc).toBeGreaterThan(0.5);
    } finally {
      optimizer.dispose();
      task.dispose();
    }
    expect(decoderLossMode(5000)).toBe('exact');
  }, 120_000);
});
