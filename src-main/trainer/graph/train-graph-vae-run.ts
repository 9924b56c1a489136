import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GRAPH_VAE_MLP_MAX_NODES, type GraphVaeModelConfig } from '../../../src-shared/config/run-config';
import type { GraphVaeReport, PermutationCheck } from '../../../src-shared/contract/types';
import { mulberry32, standardNormal } from '../../../src-shared/datasets/rng';
import { shuffledIndices } from '../../../src-shared/datasets/shuffle';
import { splitEdges, type HeldOutEdges } from '../../../src-shared/graphs/edge-split';
import { unpackGraphs } from '../../../src-shared/graphs/graph-files';
import { GRAPH_VAE_REPORT_FILE } from '../../../src-shared/graphs/graph-vae-report';
import { drawingOf, DRAWING_MAX_GRAPHS } from '../../../src-shared/graphs/graph-view';
import type { Graph } from '../../../src-shared/graphs/graph';
import { degreeHistogram } from '../../../src-shared/graphs/graph-stats';
import { linkPredictionScores } from '../../../src-shared/graphs/link-prediction-report';
import { clusteringMmd, degreeMmd } from '../../../src-shared/graphs/mmd';
import { averagePrecision, rocAuc } from '../../../src-shared/metrics/ranking';
import { freshState, loadCheckpoint, type TrainingState } from '../checkpoint';
import { createOptimizer } from '../optimizers';
import type { TrainerToHost } from '../protocol';
import type { RunControl } from '../run-control';
import { RunRecorder, type RunPosition } from '../run-recorder';
import { tfSeed } from '../tf-seed';
import type { TrainJob } from '../train-run';
import { yieldToEvents } from '../yield-to-events';
import {
  createGraphVae,
  disposeGraphVaeInput,
  evaluateElbo,
  generateGraph,
  GRAPH_VAE_DEFAULTS,
  graphVaeInput,
  graphVaeLoss,
  permutationSampledBound,
  type GraphVae,
  type GraphVaeInput,
} from './graph-vae';
import { EXACT_DECODER_MAX_NODES } from './link-prediction';
import { GRAPH_CHECKPOINT_INTERVAL_MS, loadGraphSet } from './train-graph-run';



function writeReport(runDir: string, report: GraphVaeReport): void {
  const path = join(runDir, GRAPH_VAE_REPORT_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(report));
  renameSync(tmp, path);
}

/** Mean ELBO terms over graphs, each at one seeded posterior sample (graph k's ε from `seed` + k), nats per graph. */
function heldOutElbo(model: GraphVae, graphs: Graph[], seed: number): GraphVaeReport['heldOut'] {
  const sums = { elbo: 0, recon_adj: 0, recon_x: 0, kl: 0 };
  graphs.forEach((g, k) => {
    const t = evaluateElbo(model, g, standardNormal(seed + k, g.nodeCount * model.options.latentDim));
    sums.elbo += t.elbo;
    sums.recon_adj += t.recon_adj;
    sums.recon_x += t.recon_x;
    sums.kl += t.kl;
  });
  const n = graphs.length;
  return { graphs: n, elbo: sums.elbo / n, recon_adj: sums.recon_adj / n, recon_x: sums.recon_x / n, kl: sums.kl / n };
}

/** σ(L_ij) of held-out pairs from the decoder at z = μ of the training graph, with AUC and AP (float64). */
async function scorePairs(model: GraphVae, input: GraphVaeInput, pairs: HeldOutEdges): Promise<{ auc: number; ap: number; scores: Float64Array; labels: Uint8Array }> {
  const logits = tf.tidy(() => model.adjacencyLogits(model.encode(input).mu));
  const values = (await logits.data()) as Float32Array;
  logits.dispose();
  const n = input.nodeCount;
  const count = pairs.positive.sources.length + pairs.negative.sources.length;
  const scores = new Float64Array(count);
  const labels = new Uint8Array(count);
  let k = 0;
  for (const [set, label] of [[pairs.positive, 1], [pairs.negative, 0]] as const) {
    for (let e = 0; e < set.sources.length; e++) {
      scores[k] = 1 / (1 + Math.exp(-values[set.sources[e] * n + set.targets[e]]));
      labels[k++] = label;
    }
  }
  return { auc: rocAuc(scores, labels), ap: averagePrecision(scores, labels), scores, labels };
}

/** The notes' permutation argument on one graph: its ELBO at z = μ in its own order and under |S| random orders. */
function permutationCheck(model: GraphVae, graph: Graph, samples: number, seed: number): PermutationCheck {
  const identityElbo = evaluateElbo(model, graph, 'mean').elbo;
  const { bound, elbos } = permutationSampledBound(model, graph, { samples, seed });
  const all = [identityElbo, ...elbos];
  const spread = Math.max(...all) - Math.min(...all);
  return {
    decoder: model.options.adjacencyDecoder,
    graphNodes: graph.nodeCount,
    samples,
    identityElbo,
    elbos: Array.from(elbos),
    relativeSpread: spread / Math.max(Math.abs(identityElbo), Number.MIN_VALUE),
    bound,
  };
}

/**
 * Trains the lecture's GraphVAE (family graph-vae) with the training loop's contract (progress, metrics, pause/stop,
 * checkpoints after the host recorded the metrics, exact resume). On a set of graphs: one graph per step in a seeded
 * order, the held-out graphs' ELBO each epoch, and at the end graphs sampled from the prior compared with the held-out
 * ones by MMD. On one graph: link prediction with held-out edges scored by σ(H_iᵀH_j + b). Both end with the
 * permutation check and leave GRAPH_VAE_REPORT_FILE.
 */
export async function trainGraphVaeRun(job: TrainJob, control: RunControl, send: (message: TrainerToHost) => void): Promise<void> {
  const { config, runId } = job;
  const settings = config.model as GraphVaeModelConfig;
  const recorder = new RunRecorder(runId, job.runDir, control, send);
  let model: GraphVae | null = null;
  let optimizer: tf.Optimizer | null = null;
  const inputs: GraphVaeInput[] = [];
  let status: 'completed' | 'stopped' | 'failed' = 'completed';
  let error: string | null = null;
  let step = 0;
  let epoch = 0;
  try {
    const { seed, epochs } = config.training;
    const all = unpackGraphs(loadGraphSet(job.dataset));
    const single = all.length === 1;
    const split = single ? splitEdges(all[0], { validation: settings.edgeSplit.validation, test: settings.edgeSplit.test, seed }) : null;
    const order = single ? [] : Array.from(shuffledIndices(all.length, seed));
    const heldOutCount = single ? 0 : Math.min(all.length - 1, Math.max(1, Math.round(all.length * settings.heldOutGraphs)));
    const heldOut = order.slice(0, heldOutCount).map((k) => all[k]);
    const train = split ? [split.train] : order.slice(heldOutCount).map((k) => all[k]);
    const largest = all.reduce((m, g) => Math.max(m, g.nodeCount), 0);
    if (largest > EXACT_DECODER_MAX_NODES) throw new Error(`GraphVAE scores all N² node pairs; a graph of ${largest} nodes is over ${EXACT_DECODER_MAX_NODES}, the most that fits here`);
    if (settings.adjacencyDecoder === 'mlp' && largest > GRAPH_VAE_MLP_MAX_NODES) {
      throw new Error(`the MLP decoder has an output per node pair: ${largest} nodes would need ${((largest * (largest - 1)) / 2).toLocaleString('en-US')} of them; it is for small graphs (at most ${GRAPH_VAE_MLP_MAX_NODES} nodes)`);
    }
    const featured = all.filter((g) => g.features && g.features.count > 0).length;
    if (featured !== 0 && featured !== all.length) throw new Error(`${featured} of ${all.length} graphs have node features; GraphVAE needs all of them with features or none`);
    // Featureless graphs read a one-hot of their degree: bins for degrees 0 … the largest in the dataset.
    const featureCount = featured ? all[0].features!.count : all.reduce((m, g) => Math.max(m, degreeHistogram(g).length), 0);
    model = createGraphVae({
      ...GRAPH_VAE_DEFAULTS,
      latentDim: settings.latentDim,
      encoderHidden: settings.encoderHidden,
      decoderHidden: settings.decoderHidden,
      embeddingDim: settings.embeddingDim,
      adjacencyDecoder: settings.adjacencyDecoder,
      adjacencyBias: settings.adjacencyBias,
      maxNodes: largest,
      featureCount,
      seed,
    });
    for (const g of train) inputs.push(graphVaeInput(g, featureCount));
    optimizer = createOptimizer(config.training);
    const params = model.variables.reduce((sum, v) => sum + v.size, 0);
    const stepsPerEpoch = train.length;
    const totalSteps = epochs * stepsPerEpoch;
    let state: TrainingState = freshState();
    if (job.resume) {
      const loaded = await loadCheckpoint(job.runDir, model, optimizer);
      state = loaded.state;
      recorder.resumedFrom(loaded.epoch);
    }
    send({ type: 'run.started', runId, params, totalSteps, backend: job.backend, backendDetail: job.backendDetail, ...(job.resume ? { resumedFromStep: state.step } : {}) });

    const active = model;
    const activeOptimizer = optimizer;
    step = state.step;
    const nodesPerEpoch = train.reduce((s, g) => s + g.nodeCount, 0);
    let lastCheckpoint = performance.now();
    // Samples are nodes: an epoch reads every training graph's nodes once.
    const nodesPerStep = nodesPerEpoch / stepsPerEpoch;
    const at = (): RunPosition => ({ epoch, epochs, step, totalSteps });
    const report = (force: boolean) => recorder.progress(at(), nodesPerStep, force);

    epochLoop: for (epoch = state.epoch; epoch <= epochs; epoch++) {
      const epochOrder = shuffledIndices(stepsPerEpoch, seed * 7919 + epoch);
      const firstBatch = epoch === state.epoch ? state.batchesDone : 0;
      let elboSum = epoch === state.epoch ? state.epochLossSum : 0;
      let graphsDone = epoch === state.epoch ? state.epochSamples : 0;
      for (let b = firstBatch; b < stepsPerEpoch; b++) {
        await recorder.pauseIfAsked(at(), nodesPerStep);
        recorder.requireHost(step);
        if (control.stopping) {
          status = 'stopped';
          await recorder.checkpoint(active, activeOptimizer, { ...state, epoch, batchesDone: b, step, epochLossSum: elboSum, epochSamples: graphsDone });
          break epochLoop;
        }
        step++;
        const input = inputs[epochOrder[b]];
        let terms: tf.Tensor | null = null;
        const cost = activeOptimizer.minimize(
          () => {
            const noise = tf.randomNormal([input.nodeCount, active.options.latentDim], 0, 1, 'float32', tfSeed(seed * 1_000_003 + step)) as tf.Tensor2D;
            const t = graphVaeLoss(active, input, noise);
            terms = tf.keep(tf.stack([t.recon_adj, t.recon_x, t.kl]));
            return t.loss;
          },
          true,
          active.variables,
        ) as tf.Scalar;
        const packed = tf.tidy(() => tf.concat([tf.reshape(cost, [1]), terms as unknown as tf.Tensor1D]));
        tf.dispose([cost, terms as unknown as tf.Tensor]);
        const [loss, reconAdj, reconX, kl] = Array.from(await packed.data());
        packed.dispose();
        const values = { loss, recon_adj: reconAdj, recon_x: reconX, kl };
        const bad = Object.entries(values).find(([, v]) => !Number.isFinite(v));
        if (bad) throw new Error(`${bad[0]} became ${bad[1]} at step ${step} (epoch ${epoch}); ${recorder.kept()}. Try a lower learning rate`);
        elboSum += -loss;
        graphsDone++;
        recorder.push({ scope: 'step', step, epoch, values, time: Date.now() });
        report(false);
        await yieldToEvents();
      }
      const epochValues: Record<string, number> = { train_elbo: elboSum / graphsDone };
      if (split) {
        const validation = await scorePairs(active, inputs[0], split.validation);
        Object.assign(epochValues, { val_auc: validation.auc, val_ap: validation.ap });
      } else {
        const h = heldOutElbo(active, heldOut, seed * 31 + 17);
        Object.assign(epochValues, { val_elbo: h.elbo, val_recon_adj: h.recon_adj, val_recon_x: h.recon_x, val_kl: h.kl });
      }
      recorder.push({ scope: 'epoch', step, epoch, values: epochValues, time: Date.now() });
      if (epoch === epochs || performance.now() - lastCheckpoint >= GRAPH_CHECKPOINT_INTERVAL_MS) {
        await recorder.checkpoint(active, activeOptimizer, { ...state, epoch: epoch + 1, batchesDone: 0, step, epochLossSum: 0, epochSamples: 0 });
        lastCheckpoint = performance.now();
      }
      report(epoch === epochs);
    }
    epoch = Math.min(epoch, epochs);
    report(true);

    if (status === 'completed') {
      const permutation = permutationCheck(active, split ? split.train : heldOut[0], settings.permutationSamples, seed * 131 + 7);
      let result: GraphVaeReport;
      if (split) {
        const validation = await scorePairs(active, inputs[0], split.validation);
        const test = await scorePairs(active, inputs[0], split.test);
        recorder.push({ scope: 'epoch', step, epoch, values: { test_auc: test.auc, test_ap: test.ap }, time: Date.now() });
        result = {
          epoch,
          mode: 'link-prediction',
          heldOut: heldOutElbo(active, train, seed * 31 + 17),
          generation: null,
          linkPrediction: { validation: linkPredictionScores(validation.scores, validation.labels), test: linkPredictionScores(test.scores, test.labels) },
          permutation,
        };
      } else {
        // Sizes of the generated graphs follow the held-out graphs' (drawn with replacement, seeded).
        const random = mulberry32((seed * 2_246_822_519 + 3) >>> 0);
        const generated = Array.from({ length: settings.generatedGraphs }, (_, k) => generateGraph(active, heldOut[Math.floor(random() * heldOut.length)].nodeCount, seed * 7 + 1000 * (k + 1)).graph);
        const mmd = { degree: degreeMmd(generated, heldOut), clustering: clusteringMmd(generated, heldOut) };
        recorder.push({ scope: 'epoch', step, epoch, values: { mmd_degree: mmd.degree, mmd_clustering: mmd.clustering }, time: Date.now() });
        const draw = (graphs: Graph[], what: string) =>
          graphs.slice(0, DRAWING_MAX_GRAPHS).map((g, k) => drawingOf(g, Array.from({ length: g.nodeCount }, (_, v) => v), `${what} ${k + 1}: ${g.nodeCount} nodes, ${g.edgeCount} edges`));
        result = {
          epoch,
          mode: 'generation',
          heldOut: heldOutElbo(active, heldOut, seed * 31 + 17),
          generation: {
            generated: generated.length,
            mmd,
            reference: { degree: degreeMmd(train, heldOut), clustering: clusteringMmd(train, heldOut) },
            generatedDrawings: draw(generated, 'generated'),
            realDrawings: draw(heldOut, 'held-out'),
          },
          linkPrediction: null,
          permutation,
        };
      }
      recorder.flush();
      writeReport(job.runDir, result);
    }
  } catch (e) {
    status = 'failed';
    error = e instanceof Error ? e.message : String(e);
  } finally {
    recorder.flush();
    inputs.forEach(disposeGraphVaeInput);
    optimizer?.dispose();
    model?.dispose();
  }
  send({ type: 'run.finished', runId, status, error });
}
