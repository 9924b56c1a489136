import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createGraphVae,
  evaluateElbo,
  generateGraph,
  GRAPH_VAE_DEFAULTS,
  nodeFeatures,
  permutationSampledBound,
  trainGraphVaeOnSet,
  type GraphVae,
  type GraphVaeOptions,
} from '../../../../../src-main/trainer/graph/graph-vae';
import { standardNormal } from '../../../../../src-shared/datasets/rng';
import { graphFromEdges, type Graph } from '../../../../../src-shared/graphs/graph';
import { degreeMmd } from '../../../../../src-shared/graphs/mmd';
import { permuteGraph, permuteRows, randomPermutation } from '../../../../../src-shared/graphs/permute';
import { communitySmall } from '../../../../../src-shared/graphs/small-graphs';
import { useWasm } from '../../../../helpers/train-in-process';

beforeAll(useWasm);

const graphOf = (n: number, edges: [number, number][]) =>
  graphFromEdges(
    n,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
  ).graph;

const SMALL_DIMS = { encoderHidden: 12, latentDim: 4, decoderHidden: 10, embeddingDim: 6 };
const small = (overrides: Partial<GraphVaeOptions>): GraphVaeOptions => ({
  ...GRAPH_VAE_DEFAULTS,
  ...SMALL_DIMS,
  featureCount: 8,
  maxNodes: 20,
  seed: 17,
  ...overrides,
});

const relativeGap = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

// ---- An independent float64 forward pass, from the weights read back with arraySync. ----
type Matrix = number[][];
const matMul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const addRow = (a: Matrix, bias: number[]): Matrix => a.map((row) => row.map((v, j) => v + bias[j]));
const relu = (a: Matrix): Matrix => a.map((row) => row.map((v) => Math.max(0, v)));
const softplus = (v: number) => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));

function referenceElbo(model: GraphVae, graph: Graph, eps: Float32Array | null): { recon_adj: number; recon_x: number; kl: number } {
  const weight = (name: string) => model.namedVariables.find((v) => v.name === name)!.variable.arraySync() as number[] | Matrix;
  const dense = (name: string, h: Matrix) => addRow(matMul(h, weight(`${name}/kernel`) as Matrix), weight(`${name}/bias`) as number[]);
  const n = graph.nodeCount;
  const { featureCount, latentDim, maxNodes, adjacencyDecoder, featureLogVarFloor } = model.options;
  const a: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let q = graph.rowPtr[i]; q < graph.rowPtr[i + 1]; q++) a[i][graph.colIdx[q]] = 1;
  // Â = D̃^−½ (A + I) D̃^−½, dense, from the adjacency matrix itself.
  const dTilde = a.map((row) => 1 + row.reduce((s, v) => s + v, 0));
  const aHat = a.map((row, i) => row.map((v, j) => (v + (i === j ? 1 : 0)) / Math.sqrt(dTilde[i] * dTilde[j])));
  const gcn = (name: string, h: Matrix) => addRow(matMul(aHat, matMul(h, weight(`${name}/kernel`) as Matrix)), weight(`${name}/bias`) as number[]);
  const x: Matrix = a.map((row) => {
    const onehot = new Array<number>(featureCount).fill(0);
    onehot[Math.min(row.reduce((s, v) => s + v, 0), featureCount - 1)] = 1;
    return onehot;
  });
  const h = relu(gcn('enc_gcn1', x));
  const mu = gcn('enc_gcn_mu', h);
  const logVar = gcn('enc_gcn_log_var', h);
  const z = mu.map((row, i) => row.map((m, k) => (eps ? m + Math.exp(0.5 * logVar[i][k]) * eps[i * latentDim + k] : m)));
  let logit: (i: number, j: number) => number;
  if (adjacencyDecoder === 'inner-product') {
    const emb = dense('adj_mlp2', relu(dense('adj_mlp1', z)));
    const b = model.options.adjacencyBias ? (weight('adj_logit/bias') as unknown as number) : 0;
    logit = (i, j) => emb[i].reduce((s, v, d) => s + v * emb[j][d], 0) + b;
  } else {
    const flat = [Array.from({ length: maxNodes * latentDim }, (_, k) => (Math.floor(k / latentDim) < n ? z[Math.floor(k / latentDim)][k % latentDim] : 0))];
    const out = dense('adj_flat_mlp2', relu(dense('adj_flat_mlp1', flat)))[0];
    // The pair slots listed row by row over the upper triangle of maxNodes × maxNodes.
    const slot = new Map<string, number>();
    for (let i = 0; i < maxNodes; i++) for (let j = i + 1; j < maxNodes; j++) slot.set(`${i},${j}`, slot.size);
    logit = (i, j) => out[slot.get(`${i},${j}`)!];
  }
  let reconAdj = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const p = 1 / (1 + Math.exp(-logit(i, j)));
      reconAdj += a[i][j] ? Math.log(p) : Math.log(1 - p);
    }
  }
  const g = relu(gcn('x_gcn', z));
  const xMu = dense('x_mu', g);
  const xLogVar = dense('x_log_var', g).map((row) => row.map((v) => (featureLogVarFloor === null ? v : featureLogVarFloor + softplus(v))));
  let reconX = 0;
  for (let i = 0; i < n; i++) for (let f = 0; f < featureCount; f++) reconX += -0.5 * (Math.log(2 * Math.PI) + xLogVar[i][f] + (x[i][f] - xMu[i][f]) ** 2 / Math.exp(xLogVar[i][f]));
  let kl = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < latentDim; k++) kl += 0.5 * (mu[i][k] ** 2 + Math.exp(logVar[i][k]) - 1 - logVar[i][k]);
  return { recon_adj: reconAdj, recon_x: reconX, kl };
}

describe('GraphVAE (lecture notes; Kipf & Welling 2016; Simonovsky & Komodakis 2018)', () => {
  // A triangle with a tail, and an isolated node: degrees 2, 2, 3, 1, 0.
  const tiny = graphOf(5, [[0, 1], [1, 2], [2, 0], [2, 3]]);

  it('names its weights stably for checkpoints', () => {
    const model = createGraphVae(small({}));
    expect(model.namedVariables.map((v) => v.name)).toEqual(
      [...['enc_gcn1', 'enc_gcn_mu', 'enc_gcn_log_var', 'adj_mlp1', 'adj_mlp2'].flatMap((l) => [`${l}/kernel`, `${l}/bias`]), 'adj_logit/bias', ...['x_gcn', 'x_mu', 'x_log_var'].flatMap((l) => [`${l}/kernel`, `${l}/bias`])],
    );
    expect(model.variables).toHaveLength(17);
    const mlp = createGraphVae(small({ adjacencyDecoder: 'mlp', maxNodes: 6 }));
    expect(mlp.namedVariables.map((v) => v.name)).toContain('adj_flat_mlp2/kernel');
    expect(mlp.namedVariables.find((v) => v.name === 'adj_flat_mlp2/kernel')!.variable.shape).toEqual([10, 15]);
    // Same seed, same initial weights.
    const again = createGraphVae(small({}));
    expect(again.namedVariables[0].variable.arraySync()).toEqual(model.namedVariables[0].variable.arraySync());
    [model, mlp, again].forEach((m) => m.dispose());
  });

  const variants: [string, Partial<GraphVaeOptions>][] = [
    ['inner-product decoder with logit bias', {}],
    ['inner-product decoder as the notes write it, no σ̃ floor', { adjacencyBias: false, featureLogVarFloor: null }],
    ['mlp decoder', { adjacencyDecoder: 'mlp', maxNodes: 7 }],
  ];
  it.each(variants)('computes the ELBO terms of a tiny graph as a float64 calculation from the same weights does (%s)', (_, overrides) => {
    const model = createGraphVae(small({ featureCount: 4, ...overrides }));
    // Move the logit bias off 0, so the check sees it.
    model.namedVariables.find((v) => v.name === 'adj_logit/bias')?.variable.assign(tf.scalar(-0.7));
    const eps = standardNormal(3, 5 * 4);
    for (const noise of ['mean', eps] as const) {
      const got = evaluateElbo(model, tiny, noise);
      const want = referenceElbo(model, tiny, noise === 'mean' ? null : eps);
      expect(relativeGap(got.recon_adj, want.recon_adj)).toBeLessThan(1e-5);
      expect(relativeGap(got.recon_x, want.recon_x)).toBeLessThan(1e-5);
      expect(relativeGap(got.kl, want.kl)).toBeLessThan(1e-5);
      expect(got.elbo).toBeCloseTo(got.recon_adj + got.recon_x - got.kl, 10);
    }
    model.dispose();
  });

  it.each([false, true])('gives the same ELBO under random node permutations with GNN encoder and decoder (trained: %s)', async (trained) => {
    const [graph] = communitySmall(1, 21);
    // Trained weights give large, structured logits, a harder test than the near-zero ones of the initial weights.
    const model = trained
      ? (await trainGraphVaeOnSet([graph], { learningRate: 0.01, epochs: 40, seed: 2, model: SMALL_DIMS })).model
      : createGraphVae(small({}));
    const featureCount = model.options.featureCount;
    const base = evaluateElbo(model, graph);
    const eps = standardNormal(8, graph.nodeCount * 4);
    const baseNoisy = evaluateElbo(model, graph, eps);
    for (let s = 0; s < 5; s++) {
      const perm = randomPermutation(graph.nodeCount, 100 + s);
      const permuted = permuteGraph(graph, perm);
      // The degree one-hot moves with the nodes: X is equivariant too.
      expect(nodeFeatures(permuted, featureCount)).toEqual(permuteRows(nodeFeatures(graph, featureCount), featureCount, perm));
      const terms = evaluateElbo(model, permuted);
      for (const key of ['elbo', 'recon_adj', 'recon_x', 'kl'] as const) expect(relativeGap(terms[key], base[key])).toBeLessThan(1e-4);
      expect(relativeGap(evaluateElbo(model, permuted, permuteRows(eps, 4, perm)).elbo, baseNoisy.elbo)).toBeLessThan(1e-4);
    }
    // The bound over S then adds exactly log |S| to the one ELBO.
    const { bound, elbos } = permutationSampledBound(model, graph, { samples: 6, seed: 1 });
    expect(bound).toBeCloseTo(base.elbo + Math.log(6), 2);
    for (const e of elbos) expect(relativeGap(e, base.elbo)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('changes the ELBO under permutation with the MLP decoder over a fixed node order, and bounds it by the permutation-sampled bound', async () => {
    const [graph] = communitySmall(1, 21);
    // Fitted to the graph in its own order, the flattened-Z decoder has learned that order's pairs.
    const { model } = await trainGraphVaeOnSet([graph], { learningRate: 0.01, epochs: 60, seed: 2, model: { ...SMALL_DIMS, adjacencyDecoder: 'mlp', maxNodes: 20 } });
    const base = evaluateElbo(model, graph);
    const permuted = Array.from({ length: 5 }, (_, s) => evaluateElbo(model, permuteGraph(graph, randomPermutation(graph.nodeCount, 100 + s))));
    for (const terms of permuted) {
      expect(terms.recon_adj).toBeLessThan(base.recon_adj - 1);
      expect(relativeGap(terms.elbo, base.elbo)).toBeGreaterThan(1e-2);
    }
    for (const noise of ['mean', { seed: 4 }] as const) {
      const { bound, elbos, permutations } = permutationSampledBound(model, graph, { samples: 8, seed: 30, noise });
      expect(permutations).toHaveLength(8);
      const max = Math.max(...elbos);
      expect(max - Math.min(...elbos)).toBeGreaterThan(1);
      expect(bound).toBeGreaterThanOrEqual(max);
      expect(bound).toBeLessThanOrEqual(max + Math.log(8));
      // log Σ exp in float64 from the listed ELBOs.
      expect(bound).toBeCloseTo(max + Math.log(Array.from(elbos).reduce((sum, e) => sum + Math.exp(e - max), 0)), 10);
    }
    model.dispose();
  });

  it('raises the ELBO by training on community-small, and generates graphs closer to it than before', async () => {
    const train = communitySmall(24, 5);
    const heldOut = communitySmall(24, 6);
    const seen: number[] = [];
    const { model, options, epochs } = await trainGraphVaeOnSet(train, { learningRate: 0.01, epochs: 30, seed: 3, model: { latentDim: 8 } }, (e) => {
      seen.push(e.epoch);
    });
    expect(seen).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    const meanElbo = (m: GraphVae) => train.reduce((s, g) => s + evaluateElbo(m, g).elbo, 0) / train.length;
    const fresh = createGraphVae(options);
    const before = meanElbo(fresh);
    const after = meanElbo(model);
    expect(after).toBeGreaterThan(before);
    const first = epochs[0];
    const last = epochs[epochs.length - 1];
    expect(last.elbo).toBeGreaterThan(first.elbo);
    expect(last.recon_adj).toBeGreaterThan(first.recon_adj);
    for (const e of epochs) expect(e.elbo).toBeCloseTo(e.recon_adj + e.recon_x - e.kl, 8);
    const sizes = heldOut.map((g) => g.nodeCount);
    const generated = (m: GraphVae) => sizes.map((n, k) => generateGraph(m, n, 1000 + k).graph);
    const mmdBefore = degreeMmd(generated(fresh), heldOut);
    const mmdAfter = degreeMmd(generated(model), heldOut);
    console.info(`community-small: ELBO ${before.toFixed(1)} → ${after.toFixed(1)} nats/graph; degree MMD² ${mmdBefore.toFixed(4)} → ${mmdAfter.toFixed(4)}`);
    expect(mmdAfter).toBeLessThan(mmdBefore);
    fresh.dispose();
    model.dispose();
  });

  it('generates a graph from the prior: seeded, sampled or thresholded, with features given A', () => {
    const model = createGraphVae(small({}));
    const a = generateGraph(model, 14, 5);
    const b = generateGraph(model, 14, 5);
    expect(a.graph).toEqual(b.graph);
    expect(a.graph.nodeCount).toBe(14);
    expect(a.graph.features!.count).toBe(8);
    expect(a.graph.features!.values).toEqual(a.featureMean);
    const t = generateGraph(model, 14, 5, { adjacency: 'threshold' });
    for (let i = 0; i < 14; i++) for (let j = 0; j < 14; j++) if (i !== j) expect(t.graph.colIdx.subarray(t.graph.rowPtr[i], t.graph.rowPtr[i + 1]).includes(j)).toBe(t.edgeProbabilities[i * 14 + j] > 0.5);
    const sampled = generateGraph(model, 14, 5, { features: 'sample' });
    expect(sampled.graph.features!.values).not.toEqual(sampled.featureMean);
    const mlp = createGraphVae(small({ adjacencyDecoder: 'mlp', maxNodes: 6 }));
    expect(() => generateGraph(mlp, 7, 1)).toThrow(/7 nodes is over the mlp decoder's 6 node slots/);
    [model, mlp].forEach((m) => m.dispose());
  });

  it('leaves no tensors behind: training, evaluation, the bound and generation', async () => {
    const before = tf.memory().numTensors;
    const graphs = communitySmall(4, 2);
    for (const adjacencyDecoder of ['inner-product', 'mlp'] as const) {
      const { model } = await trainGraphVaeOnSet(graphs, { learningRate: 0.01, epochs: 2, seed: 1, model: { adjacencyDecoder, latentDim: 4 } });
      evaluateElbo(model, graphs[0]);
      evaluateElbo(model, graphs[0], standardNormal(1, graphs[0].nodeCount * 4));
      permutationSampledBound(model, graphs[1], { samples: 3, seed: 2, noise: { seed: 5 } });
      generateGraph(model, 12, 3, { features: 'sample' });
      expect(() => evaluateElbo(model, { ...graphs[0], features: { count: 3, values: new Float32Array(3 * graphs[0].nodeCount) } })).toThrow(/3 node features; the model reads/);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
