import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { GraphAutoencoderConfig } from '../../../src-shared/config/run-config';
import type { LinkPredictionReport } from '../../../src-shared/contract/types';
import type { DatasetSource } from '../../../src-shared/datasets/types';
import { builtinGraphSet } from '../../../src-shared/graphs/builtin-graphs';
import { splitEdges } from '../../../src-shared/graphs/edge-split';
import { featureCosineScores } from '../../../src-shared/graphs/feature-cosine';
import { unpackGraph, type GraphSetArrays } from '../../../src-shared/graphs/graph-files';
import type { Graph } from '../../../src-shared/graphs/graph';
import { LINK_PREDICTION_REPORT_FILE, linkPredictionScores } from '../../../src-shared/graphs/link-prediction-report';
import { principalPlane, projectOntoPlane } from '../../../src-shared/math/principal-plane';
import { freshState, loadCheckpoint, type TrainingState } from '../checkpoint';
import { createOptimizer } from '../optimizers';
import type { TrainerToHost } from '../protocol';
import type { RunControl } from '../run-control';
import { RunRecorder, type RunPosition } from '../run-recorder';
import type { TrainJob } from '../train-run';
import { yieldToEvents } from '../yield-to-events';
import { readGraphSet } from './graph-files-io';
import { createLinkPredictionTask, type LinkPredictionTask } from './link-prediction';

/**
 * A full-batch epoch of a small graph takes milliseconds, so a checkpoint (a commit round trip with the host and
 * fsynced files) after every epoch would cost more than the training. One is written when this long has passed since
 * the last, at a stop and at the end; a crash in between repeats at most this much work on resume, exactly (the
 * noise of epoch e is drawn from the seed and e, and the optimizer's state is in the checkpoint).
 */
export const GRAPH_CHECKPOINT_INTERVAL_MS = 2000;

/** The graphs of a graph dataset: a built-in generator's or an imported folder's. */
export function loadGraphSet(source: DatasetSource): GraphSetArrays {
  if (source.kind !== 'graph') throw new Error(`dataset '${source.id}' is not a graph dataset`);
  return source.dir === null ? builtinGraphSet(source.id) : readGraphSet(source.dir);
}

/** The one graph link prediction trains on. */
export function loadSingleGraph(source: DatasetSource): Graph {
  const set = loadGraphSet(source);
  if (set.manifest.graphs !== 1) throw new Error(`link prediction trains on one graph; dataset '${source.id}' holds ${set.manifest.graphs}`);
  return unpackGraph(set, 0);
}

function writeReport(runDir: string, report: LinkPredictionReport): void {
  const path = join(runDir, LINK_PREDICTION_REPORT_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(report));
  renameSync(tmp, path);
}

/**
 * Trains a GAE or VGAE (families gae, vgae) for link prediction, with the training loop's contract: progress and
 * metrics streamed to the host, pause/stop between epochs, checkpoints committed after the host recorded the metrics,
 * exact resume. One epoch is one full-batch step. Metrics: per step `loss`, `recon` (and VGAE's `kl`); per epoch
 * `train_loss`, `val_auc`, `val_ap`; at the end `test_auc`, `test_ap`, and the report file of curves and embeddings.
 */
export async function trainGraphRun(job: TrainJob, control: RunControl, send: (message: TrainerToHost) => void): Promise<void> {
  const { config, runId } = job;
  const model = config.model as GraphAutoencoderConfig;
  const recorder = new RunRecorder(runId, job.runDir, control, send);
  let task: LinkPredictionTask | null = null;
  let optimizer: tf.Optimizer | null = null;
  let status: 'completed' | 'stopped' | 'failed' = 'completed';
  let error: string | null = null;
  let step = 0;
  let epoch = 0;
  try {
    const graph = loadSingleGraph(job.dataset);
    const { seed, epochs } = config.training;
    const split = splitEdges(graph, { validation: model.edgeSplit.validation, test: model.edgeSplit.test, seed });
    task = createLinkPredictionTask(split.train, { variational: model.family === 'vgae', hidden: model.hidden, latentDim: model.latentDim, seed, beta: config.objective.beta });
    optimizer = createOptimizer(config.training);
    const params = task.model.variables.reduce((sum, v) => sum + v.size, 0);
    let state: TrainingState = freshState();
    if (job.resume) {
      const loaded = await loadCheckpoint(job.runDir, task.model, optimizer);
      state = loaded.state;
      recorder.resumedFrom(loaded.epoch);
    }
    send({ type: 'run.started', runId, params, totalSteps: epochs, backend: job.backend, backendDetail: job.backendDetail, ...(job.resume ? { resumedFromStep: state.step } : {}) });

    const activeTask = task;
    const activeOptimizer = optimizer;
    const checkpoint = (next: TrainingState) => recorder.checkpoint(activeTask.model, activeOptimizer, next);
    step = state.step;
    let lastCheckpoint = performance.now();
    // A full-batch epoch sees every node once: nodes per second is the samples rate.
    const at = (): RunPosition => ({ epoch, epochs, step, totalSteps: epochs });
    const report = (force: boolean) => recorder.progress(at(), graph.nodeCount, force);

    for (epoch = state.epoch; epoch <= epochs; epoch++) {
      await recorder.pauseIfAsked(at(), graph.nodeCount);
      recorder.requireHost(step);
      if (control.stopping) {
        status = 'stopped';
        await checkpoint({ ...state, epoch, batchesDone: 0, step });
        break;
      }
      step++;
      const terms = await activeTask.step(activeOptimizer, epoch);
      const values: Record<string, number> = model.family === 'vgae' ? terms : { loss: terms.loss, recon: terms.recon };
      const bad = Object.entries(values).find(([, v]) => !Number.isFinite(v));
      if (bad) throw new Error(`${bad[0]} became ${bad[1]} at epoch ${epoch}; ${recorder.kept()}. Try a lower learning rate`);
      recorder.push({ scope: 'step', step, epoch, values, time: Date.now() });
      const validation = await activeTask.score(split.validation);
      recorder.push({ scope: 'epoch', step, epoch, values: { train_loss: terms.loss, val_auc: validation.auc, val_ap: validation.ap }, time: Date.now() });
      if (epoch === epochs || performance.now() - lastCheckpoint >= GRAPH_CHECKPOINT_INTERVAL_MS) {
        await checkpoint({ ...state, epoch: epoch + 1, batchesDone: 0, step });
        lastCheckpoint = performance.now();
      }
      report(epoch === epochs);
      await yieldToEvents();
    }
    epoch = Math.min(epoch, epochs);
    report(true);

    if (status === 'completed') {
      const validation = await activeTask.score(split.validation);
      const test = await activeTask.score(split.test);
      recorder.push({ scope: 'epoch', step, epoch, values: { test_auc: test.auc, test_ap: test.ap }, time: Date.now() });
      recorder.flush();
      try {
        const mu = await activeTask.means();
        const plane = model.latentDim >= 2 ? principalPlane(mu, graph.nodeCount, model.latentDim) : null;
        const coordinates = plane ? projectOntoPlane(mu, graph.nodeCount, plane) : Float32Array.from({ length: graph.nodeCount * 2 }, (_, k) => (k % 2 === 0 ? mu[k / 2] : 0));
        const cosine = featureCosineScores(graph, split.test);
        const baseline = cosine ? linkPredictionScores(cosine.scores, cosine.labels) : null;
        writeReport(job.runDir, {
          epoch,
          decoderLoss: { mode: activeTask.decoderLoss, sampledPairs: activeTask.sampledPairs },
          validation: linkPredictionScores(validation.scores, validation.labels),
          test: linkPredictionScores(test.scores, test.labels),
          baseline: baseline ? { name: 'feature cosine', auc: baseline.auc, ap: baseline.ap } : null,
          embedding: {
            count: graph.nodeCount,
            latentDim: model.latentDim,
            plane: Array.from(coordinates),
            explained: plane ? plane.explained : [1, 0],
            labels: graph.labels ? Array.from(graph.labels.values) : null,
            classes: graph.labels?.classes ?? [],
          },
        });
      } catch (e) {
        error = `training completed, but its ROC/PR curves and embedding could not be saved (${e instanceof Error ? e.message : String(e)})`;
      }
    }
  } catch (e) {
    status = 'failed';
    error = e instanceof Error ? e.message : String(e);
  } finally {
    recorder.flush();
    optimizer?.dispose();
    task?.dispose();
  }
  send({ type: 'run.finished', runId, status, error });
}
