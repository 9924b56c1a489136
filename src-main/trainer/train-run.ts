import * as tf from '@tensorflow/tfjs';
import { isGraphFamily, type RunConfig } from '../../src-shared/config/run-config';
import { trainGraphRun } from './graph/train-graph-run';
import { trainGraphVaeRun } from './graph/train-graph-vae-run';
import type { BackendName } from '../../src-shared/contract/types';
import { shuffledIndices } from '../../src-shared/datasets/shuffle';
import type { DatasetSource } from '../../src-shared/datasets/types';
import { specInputShape, summarizeModel } from '../../src-shared/model-spec/model-summary';
import { familyOf } from './families';
import type { EvalContext } from './families/types';
import { loadSplits } from './load-dataset';
import { createFittedModel, createModel, type Autoencoder } from './models';
import { createOptimizer } from './optimizers';
import type { TrainerToHost } from './protocol';
import type { RunControl } from './run-control';
import { testMetrics } from './test-metrics';
import { disentanglementMetrics, scoreDisentanglement } from './disentanglement';
import { hasKnownFactors } from '../../src-shared/metrics/disentanglement';
import { trainStep } from './train-step';
import { freshState, loadCheckpoint, type TrainingState } from './checkpoint';
import { RunRecorder } from './run-recorder';
import { yieldToEvents } from './yield-to-events';

export interface TrainJob {
  runId: number;
  config: RunConfig;
  dataset: DatasetSource;
  runDir: string;
  backend: BackendName;
  /** The backend's kernels in words, sent back with run.started. */
  backendDetail: string;
  /** Continue from the run's last checkpoint instead of starting over. */
  resume?: boolean;
}

const REPORT_INTERVAL_MS = 150;

/**
 * Trains one run to the end (or until stopped, early-stopped or failed), streaming progress and metrics to the
 * host and writing a checkpoint after every epoch. Never throws: a failure becomes a 'run.finished' message.
 * A checkpoint is written only after the host has confirmed it recorded every metric point up to its step
 * ('run.commit' / 'run.committed'), so resuming never skips history; when the host goes away the run stops before
 * its next step and writes nothing more.
 */
export async function trainRun(job: TrainJob, control: RunControl, send: (message: TrainerToHost) => void): Promise<void> {
  // Graph families train full batch on one graph: their own loop, the same contract with the host.
  if (job.config.model.family === 'graph-vae') return trainGraphVaeRun(job, control, send);
  if (isGraphFamily(job.config.model.family)) return trainGraphRun(job, control, send);
  const { config, runId } = job;
  const owned: tf.TensorContainer[] = [];
  let model: Autoencoder | null = null;
  let evalCache: Map<string, tf.Tensor> | null = null;
  let optimizer: tf.Optimizer | null = null;
  let status: 'completed' | 'stopped' | 'failed' = 'completed';
  let error: string | null = null;
  let step = 0;
  let epoch = 0;
  let totalSteps = 1;
  const recorder = new RunRecorder(runId, job.runDir, control, send);
  const flushMetrics = () => recorder.flush();
  const kept = () => recorder.kept();
  const requireHost = () => recorder.requireHost(step);
  const checkpoint = async (state: TrainingState) => {
    if (model) await recorder.checkpoint(model, optimizer, state);
  };

  try {
    const splits = loadSplits(job.dataset);
    const inputShape = specInputShape(splits.sampleShape);
    const params = summarizeModel(config.model, splits.sampleShape).totalParams;
    const trainX = tf.tensor(splits.train, [splits.trainCount, ...inputShape]);
    const valX = tf.tensor(splits.validation, [splits.validationCount, ...inputShape]);
    owned.push(trainX, valX);
    const family = familyOf(config.model);
    const evalContext: EvalContext = { seed: config.training.seed, objective: config.objective, isImage: splits.sampleShape.length === 3, train: trainX, cache: new Map() };
    evalCache = evalContext.cache;
    const { epochs, batchSize, seed } = config.training;
    const stepsPerEpoch = Math.ceil(splits.trainCount / batchSize);

    if (config.model.family === 'pca') {
      // Closed form: one "epoch", no gradient steps; the result is a run like any other.
      send({ type: 'run.started', runId, params, totalSteps: 1, backend: job.backend, backendDetail: job.backendDetail });
      const flat = tf.tidy(() => trainX.reshape([splits.trainCount, -1]) as tf.Tensor2D);
      owned.push(flat);
      model = await createFittedModel(config.model, inputShape, seed, flat);
      step = 1;
      epoch = 1;
      recorder.push({ scope: 'epoch', step, epoch, values: await family.evaluate(model, config.model, valX, evalContext), time: Date.now() });
      await checkpoint({ ...freshState(), epoch: 2, step: 1 });
      flushMetrics();
      send({ type: 'run.progress', progress: { runId, epoch: 1, epochs: 1, step: 1, totalSteps: 1, samplesPerSec: 0, etaSec: 0 } });
    } else {
      model = createModel(config.model, inputShape, seed);
      optimizer = createOptimizer(config.training);
      totalSteps = epochs * stepsPerEpoch;
      let state = freshState();
      if (job.resume) {
        const loaded = await loadCheckpoint(job.runDir, model, optimizer);
        state = loaded.state;
        recorder.resumedFrom(loaded.epoch);
      }
      // A resumed run trains again from its checkpoint's step: the host drops the history after it.
      send({ type: 'run.started', runId, params, totalSteps, backend: job.backend, backendDetail: job.backendDetail, ...(job.resume ? { resumedFromStep: state.step } : {}) });

      let lastReport = { time: performance.now(), step };
      let samplesPerSec = 0;
      const report = (force: boolean) => {
        const now = performance.now();
        if (!force && now - lastReport.time < REPORT_INTERVAL_MS) return;
        const dt = (now - lastReport.time) / 1000;
        if (dt > 0 && step > lastReport.step) {
          const instant = ((step - lastReport.step) * batchSize) / dt;
          samplesPerSec = samplesPerSec === 0 ? instant : 0.7 * samplesPerSec + 0.3 * instant;
        }
        lastReport = { time: now, step };
        flushMetrics();
        const etaSec = samplesPerSec > 0 ? ((totalSteps - step) * batchSize) / samplesPerSec : 0;
        send({ type: 'run.progress', progress: { runId, epoch, epochs, step, totalSteps, samplesPerSec, etaSec } });
      };

      step = state.step;
      lastReport = { time: performance.now(), step };
      epochLoop: for (epoch = state.epoch; epoch <= epochs; epoch++) {
        const order = shuffledIndices(splits.trainCount, seed * 7919 + epoch);
        // A resumed epoch skips the batches it had done: the order is the same, so no sample is seen twice.
        const firstBatch = epoch === state.epoch ? state.batchesDone : 0;
        let epochLossSum = epoch === state.epoch ? state.epochLossSum : 0;
        let epochSamples = epoch === state.epoch ? state.epochSamples : 0;
        for (let batch = firstBatch; batch * batchSize < splits.trainCount; batch++) {
          const start = batch * batchSize;
          if (control.isPaused) {
            report(true);
            send({ type: 'run.paused', runId });
            await control.whilePaused();
            lastReport = { time: performance.now(), step };
            if (!control.stopping) send({ type: 'run.resumed', runId });
          }
          requireHost();
          if (control.stopping) {
            status = 'stopped';
            await checkpoint({ ...state, epoch, batchesDone: batch, step, epochLossSum, epochSamples });
            break epochLoop;
          }
          step++;
          const size = Math.min(batchSize, splits.trainCount - start);
          const batchIdx = tf.tensor1d(order.subarray(start, start + size), 'int32');
          const xb = tf.gather(trainX, batchIdx);
          const values = await trainStep(family, model, config.model, optimizer, xb, { step, noiseSeed: seed * 1_000_003 + step, objective: config.objective });
          tf.dispose([batchIdx, xb]);
          const bad = Object.entries(values).find(([, v]) => !Number.isFinite(v));
          if (bad) {
            throw new Error(
              `${bad[0]} became ${bad[1]} at step ${step} (epoch ${epoch}); ${kept()}. Try a lower learning rate${config.model.family === 'vae' ? ' or a KL warm-up' : ''}`,
            );
          }
          epochLossSum += values.loss * size;
          epochSamples += size;
          recorder.push({ scope: 'step', step, epoch, values, time: Date.now() });
          report(false);
          await yieldToEvents();
        }

        const heldOut = await family.evaluate(model, config.model, valX, evalContext);
        const bad = Object.entries(heldOut).find(([, v]) => !Number.isFinite(v));
        if (bad) throw new Error(`held-out ${bad[0]} became ${bad[1]} after epoch ${epoch}; ${kept()}`);
        recorder.push({ scope: 'epoch', step, epoch, values: { train_loss: epochLossSum / epochSamples, ...heldOut }, time: Date.now() });

        const patience = config.training.earlyStoppingPatience;
        let stopEarly = false;
        // An improvement counts when it beats the best by more than 0.01 % (Keras' min_delta, relative).
        if (heldOut.val_loss < state.best - 1e-4 * Math.abs(state.best) || !Number.isFinite(state.best)) {
          state.best = heldOut.val_loss;
          state.sinceBest = 0;
        } else if (patience !== undefined && ++state.sinceBest >= patience) {
          recorder.push({ scope: 'epoch', step, epoch, values: { early_stopped: 1 }, time: Date.now() });
          stopEarly = true;
        }
        await checkpoint({ ...state, epoch: epoch + 1, batchesDone: 0, step, epochLossSum: 0, epochSamples: 0 });
        report(true);
        if (stopEarly) break;
      }
      epoch = Math.min(epoch, epochs);
      report(true);
    }
    // The fixed test split, scored once for the finished model (a stopped run is scored when it completes).
    // A failure here does not undo the training: the run completes, and says why it has no test numbers.
    if (status === 'completed' && model) {
      try {
        const test = await testMetrics(family, model, config.model, job.dataset, evalContext);
        if (test) {
          recorder.push({ scope: 'epoch', step, epoch, values: test, time: Date.now() });
          flushMetrics();
        }
      } catch (e) {
        error = `training completed, but the test split could not be scored (${e instanceof Error ? e.message : String(e)}); score it from the run's page`;
      }
    }
    // Runs on data with known factors (the built-in sprites) are scored for disentanglement once, like the test split.
    if (status === 'completed' && model && hasKnownFactors(config.dataset.id)) {
      try {
        recorder.push({ scope: 'epoch', step, epoch, values: disentanglementMetrics(await scoreDisentanglement(model)), time: Date.now() });
        flushMetrics();
      } catch (e) {
        const why = `disentanglement could not be scored (${e instanceof Error ? e.message : String(e)}); score it from the run's latent space tab`;
        error = error ? `${error}; ${why}` : `training completed, but ${why}`;
      }
    }
  } catch (e) {
    status = 'failed';
    error = e instanceof Error ? e.message : String(e);
  } finally {
    flushMetrics();
    optimizer?.dispose();
    model?.dispose();
    tf.dispose(owned);
    if (evalCache) tf.dispose([...evalCache.values()]);
  }
  send({ type: 'run.finished', runId, status, error });
}
