import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adjacencyTargets, createGraphAutoencoder, graphAutoencoderLoss, reconstructionWeights, type PairTensors } from '../../../../../src-main/trainer/graph/graph-autoencoder';
import { sparsePropagation } from '../../../../../src-main/trainer/graph/message-passing';
import { mulberry32 } from '../../../../../src-shared/datasets/rng';
import { graphFromEdges } from '../../../../../src-shared/graphs/graph';
import { useWasm } from '../../../../helpers/train-in-process';

beforeAll(useWasm);

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** A + I of the graph with these edges, as the loss takes it. */
function positivesOf(n: number, edges: number[][]): PairTensors {
  const { sources, targets } = adjacencyTargets(graphFromEdges(n, edges.map((e) => e[0]), edges.map((e) => e[1])).graph);
  return { sources: tf.tensor1d(sources, 'int32'), targets: tf.tensor1d(targets, 'int32') };
}

describe('GAE and VGAE (Kipf & Welling 2016)', () => {
  it('weighs edges against non-edges as the reference code does', () => {
    // 10 nodes, 12 nonzero entries (6 undirected edges): pos_weight = (100 − 12)/12, norm = 100 / (2 · 88).
    expect(reconstructionWeights(10, 12)).toEqual({ posWeight: 88 / 12, norm: 100 / 176 });
    expect(() => reconstructionWeights(3, 0)).toThrow(/no edges/);
  });

  it('computes the weighted cross-entropy over all pairs and the KL per node, as written out in float64', async () => {
    const random = mulberry32(5);
    const n = 5;
    const k = 3;
    const mu = Array.from({ length: n * k }, () => random() * 2 - 1);
    const logStd = Array.from({ length: n * k }, () => random() - 0.5);
    const z = Array.from({ length: n * k }, () => random() * 2 - 1);
    const edges = [[0, 1], [1, 2], [3, 4]];
    const target = Array.from({ length: n * n }, (_, idx) => (Math.floor(idx / n) === idx % n ? 1 : 0));
    for (const [i, j] of edges) target[i * n + j] = target[j * n + i] = 1;
    const weights = reconstructionWeights(n, 2 * edges.length);
    const zt = tf.tensor2d(z, [n, k]);
    const posterior = { mu: tf.tensor2d(mu, [n, k]), logStd: tf.tensor2d(logStd, [n, k]) };
    const { loss, recon, kl } = graphAutoencoderLoss(zt, positivesOf(n, edges), weights, posterior);

    let sum = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let d = 0; d < k; d++) dot += z[i * k + d] * z[j * k + d];
        const a = target[i * n + j];
        sum += -(weights.posWeight * a * Math.log(sigmoid(dot)) + (1 - a) * Math.log(1 - sigmoid(dot)));
      }
    }
    const expectedRecon = (weights.norm * sum) / (n * n);
    let klSum = 0;
    for (let i = 0; i < n; i++) {
      let perNode = 0;
      for (let d = 0; d < k; d++) perNode += 1 + 2 * logStd[i * k + d] - mu[i * k + d] ** 2 - Math.exp(logStd[i * k + d]) ** 2;
      klSum += perNode;
    }
    const expectedKl = (-0.5 / n) * (klSum / n);
    expect((await recon.data())[0]).toBeCloseTo(expectedRecon, 4);
    expect((await kl.data())[0]).toBeCloseTo(expectedKl, 5);
    expect((await loss.data())[0]).toBeCloseTo(expectedRecon + expectedKl, 4);
    // β weighs the KL only.
    const weighted = graphAutoencoderLoss(zt, positivesOf(n, edges), weights, posterior, 3);
    expect((await weighted.loss.data())[0]).toBeCloseTo(expectedRecon + 3 * expectedKl, 4);
  });

  it('estimates the all-pairs part from sampled pairs without bias (every pair once: the exact loss)', async () => {
    const random = mulberry32(9);
    const n = 6;
    const k = 2;
    const z = tf.tensor2d(Array.from({ length: n * k }, () => random() * 2 - 1), [n, k]);
    const edges = [[0, 1], [2, 3], [4, 5], [1, 2]];
    const weights = reconstructionWeights(n, 2 * edges.length);
    const exact = graphAutoencoderLoss(z, positivesOf(n, edges), weights, null);
    // Sampling every ordered pair exactly once makes the estimate N²/N² · Σ_all: the exact value.
    const all = { sources: tf.tensor1d(Array.from({ length: n * n }, (_, q) => Math.floor(q / n)), 'int32'), targets: tf.tensor1d(Array.from({ length: n * n }, (_, q) => q % n), 'int32') };
    const sampled = graphAutoencoderLoss(z, positivesOf(n, edges), weights, null, 1, all);
    expect((await sampled.recon.data())[0]).toBeCloseTo((await exact.recon.data())[0], 5);
    // Each pair twice over: the same estimate (the scale is N²/M).
    const twice = { sources: tf.concat([all.sources, all.sources]) as tf.Tensor1D, targets: tf.concat([all.targets, all.targets]) as tf.Tensor1D };
    expect((await graphAutoencoderLoss(z, positivesOf(n, edges), weights, null, 1, twice).recon.data())[0]).toBeCloseTo((await exact.recon.data())[0], 5);
  });

  it('learns to tell edges from non-edges on two dense communities (a few Adam steps, full batch)', async () => {
    // Two 6-node cliques joined by one edge; identity features.
    const n = 12;
    const edges: [number, number][] = [];
    for (const base of [0, 6]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) edges.push([base + i, base + j]);
    edges.push([5, 6]);
    const degree = new Array<number>(n).fill(1);
    for (const [i, j] of edges) {
      degree[i]++;
      degree[j]++;
    }
    const entries: [number, number, number][] = Array.from({ length: n }, (_, i) => [i, i, 1 / degree[i]] as [number, number, number]);
    for (const [i, j] of edges) entries.push([i, j, 1 / Math.sqrt(degree[i] * degree[j])], [j, i, 1 / Math.sqrt(degree[i] * degree[j])]);
    const p = sparsePropagation(n, Int32Array.from(entries.map((e) => e[0])), Int32Array.from(entries.map((e) => e[1])), Float32Array.from(entries.map((e) => e[2])));
    const target = positivesOf(n, edges);
    const x = tf.eye(n) as tf.Tensor2D;
    const weights = reconstructionWeights(n, 2 * edges.length);
    const model = createGraphAutoencoder({ variational: true, featureCount: n, hidden: [16], latentDim: 4, seed: 3 });
    const optimizer = tf.train.adam(0.01);
    const lossAt = () => tf.tidy(() => {
      const { mu, logStd } = model.encode(p, x);
      return graphAutoencoderLoss(mu, target, weights, { mu, logStd: logStd! }).loss;
    });
    const before = (await lossAt().data())[0];
    for (let step = 0; step < 100; step++) {
      optimizer.minimize(() => {
        const { mu, logStd } = model.encode(p, x);
        const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', 100 + step);
        const z = tf.add(mu, tf.mul(eps, tf.exp(logStd!))) as tf.Tensor2D;
        return graphAutoencoderLoss(z, target, weights, { mu, logStd: logStd! }).loss;
      }, false, model.variables);
    }
    const after = (await lossAt().data())[0];
    expect(after).toBeLessThan(before);
    // Within a clique the decoder scores pairs higher than across the cliques.
    const mu = await model.encode(p, x).mu.array();
    const score = (i: number, j: number) => sigmoid(mu[i].reduce((s, v, d) => s + v * mu[j][d], 0));
    expect(score(0, 3)).toBeGreaterThan(score(0, 9));
    expect(score(7, 10)).toBeGreaterThan(score(2, 11));
    model.dispose();
  });
});
