import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend';
import { currentWeightsPath } from './checkpoint-layout';
import { scoreSavedRun } from './disentanglement';
import { runExport } from './export/export-job';
import { evaluateTestSplit } from './test-metrics';
import { LatentSessions } from './latent-sessions';
import { connectToHost } from './port';
import type { HostToTrainer, TrainerRequest } from './protocol';
import { RunControl } from './run-control';
import { trainRun } from './train-run';

/**
 * The trainer process: owns the compute backend, trains one run at a time and serves latent decode
 * sessions between training steps. The host never runs a training step on its own event loop.
 */
async function main(): Promise<void> {
  // Ctrl-C in a terminal reaches the whole process group; the host decides how the trainer stops.
  process.on('SIGINT', () => undefined);
  const port = connectToHost();
  // An orphaned trainer must not train on: its metrics would go nowhere and its next checkpoint would be ahead of
  // the recorded history. Exiting between two tasks never tears a checkpoint (each is written synchronously).
  port.onDisconnect(() => process.exit(0));
  const backend = await selectBackend(process.env.LATENT_LAB_BACKEND || undefined);
  const sessions = new LatentSessions();
  let active: { runId: number; control: RunControl; done: Promise<void> } | null = null;
  /** Exports in progress, by id: true once cancelled (checked between batches). */
  const exports = new Map<string, { cancelled: boolean }>();

  const exportRun = async (job: Extract<TrainerRequest, { op: 'export.run' }>['job']) => {
    const state = { cancelled: false };
    exports.set(job.exportId, state);
    let last = 0;
    try {
      return await runExport(job, {
        report(phase, done, total) {
          const now = performance.now();
          if (done < total && now - last < 100) return;
          last = now;
          port.send({ type: 'export.progress', exportId: job.exportId, phase, done, total });
        },
        check() {
          if (state.cancelled) throw new Error('the export was cancelled');
        },
      });
    } finally {
      exports.delete(job.exportId);
    }
  };

  const handleRequest = (request: TrainerRequest): unknown => {
    switch (request.op) {
      case 'session.open':
        return sessions.open(request.sessionId, request.config, request.dataset, currentWeightsPath(request.weightsPath), request.labelNames);
      case 'session.candidates':
        return sessions.candidates(request.sessionId, request.count);
      case 'session.interpolate':
        return sessions.interpolate(request.sessionId, request.a, request.b, request.t, request.path);
      case 'session.reconstruct':
        return sessions.reconstruct(request.sessionId, request.indices);
      case 'session.samples':
        return sessions.samples(request.sessionId, request.seed, request.count);
      case 'session.vectorField':
        return sessions.vectorField(request.sessionId, request);
      case 'session.traversal':
        return sessions.traversal(request.sessionId, request);
      case 'session.manifold':
        return sessions.manifold(request.sessionId, request.side);
      case 'session.project':
        return sessions.project(request.sessionId, request.count, request.method);
      case 'session.page':
        return sessions.page(request.sessionId, request.offset, request.count, request.label);
      case 'session.close':
        sessions.close(request.sessionId);
        return { ok: true };
      case 'export.run':
        return exportRun(request.job);
      case 'export.cancel': {
        const state = exports.get(request.exportId);
        if (state) state.cancelled = true;
        return { cancelled: state !== undefined };
      }
      case 'test.evaluate':
        return evaluateTestSplit(request.config, request.dataset, currentWeightsPath(request.weightsPath));
      case 'disentanglement.score':
        return scoreSavedRun(request.config, currentWeightsPath(request.weightsPath));
      case 'debug.tensors':
        return { numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes };
    }
  };

  port.onMessage((message: HostToTrainer) => {
    switch (message.type) {
      case 'train': {
        if (active) {
          port.send({ type: 'run.finished', runId: message.runId, status: 'failed', error: `the trainer is busy with run ${active.runId}` });
          return;
        }
        const control = new RunControl(() => port.connected);
        const done = trainRun({ ...message, backend: backend.chosen, backendDetail: backend.detail }, control, (m) => port.send(m))
          .catch((error: unknown) => {
            port.send({ type: 'run.finished', runId: message.runId, status: 'failed', error: error instanceof Error ? error.message : String(error) });
          })
          .finally(() => {
            active = null;
          });
        active = { runId: message.runId, control, done };
        return;
      }
      case 'run.committed': {
        if (active?.runId === message.runId) active.control.committed(message);
        return;
      }
      case 'control': {
        if (active?.runId !== message.runId) return;
        active.control[message.action]();
        return;
      }
      case 'request': {
        // Most requests answer at once; an export answers when its files are written.
        new Promise((resolve) => resolve(handleRequest(message.request))).then(
          (result) => port.send({ type: 'reply', reqId: message.reqId, ok: true, result }),
          (error: unknown) => port.send({ type: 'reply', reqId: message.reqId, ok: false, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      }
      case 'shutdown': {
        // Stop the run cleanly (it saves its weights and reports 'stopped') before the process goes away.
        const finishing = active ? (active.control.stop(), active.done) : Promise.resolve();
        void finishing.then(() => process.exit(0));
        return;
      }
    }
  });
  port.send({ type: 'ready', backend });
}

main().catch((error: unknown) => {
  process.stderr.write(`latent-lab trainer: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
