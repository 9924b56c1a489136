import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src-shared/config/run-config';
import type { BackendName, MetricPoint } from '../../src-shared/contract/types';
import type { DatasetSource } from '../../src-shared/datasets/types';
import { shuffledIndices } from '../../src-shared/datasets/shuffle';
import { summarizeVaeMlp } from '../../src-shared/model-spec/vae-mlp';
import { evaluateHeldOut } from './evaluate';
import { loadSplits } from './load-dataset';
import { createModel } from './models';
import type { TrainerToHost } from './protocol';
import type { RunControl } from './run-control';
import { trainStep } from './train-step';
import { saveWeights } from './weights';
import { yieldToEvents } from './yield-to-events';

export interface TrainJob {
  runId: number;
  config: RunConfig;
  dataset: DatasetSource;
  runDir: string;
  backend: BackendName;
}

const REPORT_INTERVAL_MS = 150;
export const WEIGHTS_FILE = 'weights.llw';

/**
 * Trains one run to the end (or until stopped), streaming progress and metrics to the host and writing a
 * checkpoint after every epoch. Never throws: a failure becomes a 'run.finished' message with the reason.
 */
export async function trainRun(job: TrainJob, control: RunControl, send: (message: TrainerToHost) => void): Promise<void> {
  const { config, runId } = job;
  const { epochs, batchSize, learningRate, seed } = config.training;
  const beta = config.objective.beta;
  const weightsPath = join(job.runDir, WEIGHTS_FILE);

  const splits = loadSplits(job.dataset);
  const trainX = tf.tensor2d(splits.train, [splits.trainCount, splits.sampleSize]);
  const valX = tf.tensor2d(splits.validation, [splits.validationCount, splits.sampleSize]);
  const model = createModel(config.model, splits.sampleSize, seed);
  const optimizer = tf.train.adam(learningRate);
  const stepsPerEpoch = Math.ceil(splits.trainCount / batchSize);
  const totalSteps = epochs * stepsPerEpoch;

  send({
    type: 'run.started',
    runId,
    params: summarizeVaeMlp(config.model, splits.sampleSize).totalParams,
    totalSteps,
    backend: job.backend,
  });

  let pending: MetricPoint[] = [];
  let step = 0;
  let lastReport = { time: performance.now(), step: 0 };
  let samplesPerSec = 0;
  let status: 'completed' | 'stopped' | 'failed' = 'completed';
  let error: string | null = null;

  const report = (epoch: number, force: boolean) => {
    const now = performance.now();
    if (!force && now - lastReport.time < REPORT_INTERVAL_MS) return;
    const dt = (now - lastReport.time) / 1000;
    if (dt > 0 && step > lastReport.step) {
      const instant = ((step - lastReport.step) * batchSize) / dt;
      samplesPerSec = samplesPerSec === 0 ? instant : 0.7 * samplesPerSec + 0.3 * instant;
    }
    lastReport = { time: now, step };
    if (pending.length > 0) {
      send({ type: 'run.metrics', runId, points: pending });
      pending = [];
    }
    const etaSec = samplesPerSec > 0 ? ((totalSteps - step) * batchSize) / samplesPerSec : 0;
    send({ type: 'run.progress', progress: { runId, epoch, epochs, step, totalSteps, samplesPerSec, etaSec } });
  };

  try {
    epochLoop: for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = shuffledIndices(splits.trainCount, seed * 7919 + epoch);
      let epochLossSum = 0;
      let epochSamples = 0;
      for (let start = 0; start < splits.trainCount; start += batchSize) {
        if (control.isPaused) {
          report(epoch, true);
          send({ type: 'run.paused', runId });
          await control.whilePaused();
          lastReport = { time: performance.now(), step };
          if (!control.stopping) send({ type: 'run.resumed', runId });
        }
        if (control.stopping) {
          status = 'stopped';
          break epochLoop;
        }
        step++;
        const size = Math.min(batchSize, splits.trainCount - start);
        const batchIdx = tf.tensor1d(order.subarray(start, start + size), 'int32');
        const xb = tf.gather(trainX, batchIdx) as tf.Tensor2D;
        const { loss: lossValue, recon, kl } = trainStep(model, optimizer, xb, beta, seed * 1_000_003 + step);
        tf.dispose([batchIdx, xb]);

        if (!Number.isFinite(lossValue)) {
          const bad = !Number.isFinite(recon) ? 'reconstruction term' : 'KL term';
          throw new Error(`loss became ${lossValue} at step ${step} (epoch ${epoch}): the ${bad} went bad; try a lower learning rate`);
        }
        epochLossSum += lossValue * size;
        epochSamples += size;
        pending.push({ scope: 'step', step, epoch, values: { loss: lossValue, recon, kl } });
        report(epoch, false);
        await yieldToEvents();
      }

      const heldOut = evaluateHeldOut(model, valX, beta, seed);
      pending.push({
        scope: 'epoch',
        step,
        epoch,
        values: { train_loss: epochLossSum / epochSamples, ...heldOut },
      });
      saveWeights(weightsPath, model.namedVariables);
      send({ type: 'run.checkpoint', runId, epoch, weightsPath });
      report(epoch, true);
    }
    if (status === 'stopped') saveWeights(weightsPath, model.namedVariables);
  } catch (e) {
    status = 'failed';
    error = e instanceof Error ? e.message : String(e);
  } finally {
    report(Math.max(1, Math.ceil(step / stepsPerEpoch)), true);
    optimizer.dispose();
    model.dispose();
    tf.dispose([trainX, valX]);
  }
  send({ type: 'run.finished', runId, status, error });
}
