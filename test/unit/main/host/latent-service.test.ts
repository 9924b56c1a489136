import { describe, expect, it } from 'vitest';
import type { DatasetsService } from '../../../../src-main/host/datasets-service';
import { LatentService } from '../../../../src-main/host/latent-service';
import type { RunsService } from '../../../../src-main/host/runs-service';
import type { TrainerSupervisor } from '../../../../src-main/host/trainer-supervisor';
import { ApiError } from '../../../../src-shared/contract/api-error';

interface TrainerRequestLog {
  op: string;
  sessionId: string;
}

/**
 * A trainer whose `session.open` answers only when the test says so; it records which sessions it holds a model
 * for, which is what a leak would leave behind.
 */
function fakeTrainer() {
  const requests: TrainerRequestLog[] = [];
  const held = new Set<string>();
  const loading: { sessionId: string; finish(): void; fail(error: Error): void }[] = [];
  const supervisor = {
    request(request: TrainerRequestLog) {
      requests.push(request);
      if (request.op === 'session.close') {
        held.delete(request.sessionId);
        return Promise.resolve({ ok: true });
      }
      if (request.op !== 'session.open') return Promise.reject(new Error(`unexpected ${request.op}`));
      return new Promise((resolve, reject) => {
        loading.push({
          sessionId: request.sessionId,
          finish: () => {
            held.add(request.sessionId);
            resolve({ latentDim: 2, candidates: 6, dataKind: 'vector', sampleShape: [2] });
          },
          fail: reject,
        });
      });
    },
  } as unknown as TrainerSupervisor;
  const run = { id: 1, datasetId: 'builtin:moons', config: { dataset: { id: 'builtin:moons' }, model: { family: 'ae' } }, final: {} };
  const runs = { require: () => run, weightsPathOf: () => '/runs/1/checkpoint/weights.llw' } as unknown as RunsService;
  const datasets = { info: () => ({ id: 'builtin:moons' }), resolveSource: () => ({ kind: 'builtin', id: 'builtin:moons', size: 64, validationSplit: 0.1 }) } as unknown as DatasetsService;
  const service = new LatentService(runs, datasets, supervisor);
  /** Lets the open's continuation after `await` run. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { service, requests, held, loading, settle };
}

describe('LatentService sessions and their connections', () => {
  it('closes a session whose connection went away while it was loading, and says so to the (gone) caller', async () => {
    const { service, held, loading, settle } = fakeTrainer();
    const opening = service.open(1, 'socket-a');
    const outcome = opening.catch((error: unknown) => error);
    expect(loading).toHaveLength(1);
    await service.closeOwnedBy('socket-a');
    loading[0].finish();
    await settle();
    expect(await outcome).toMatchObject({ code: 'conflict', message: expect.stringMatching(/closed while its weights were loading/) });
    expect(held.size).toBe(0);
    await expect(service.candidates(loading[0].sessionId, 1)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('closes every open that was in flight for the connection, whichever finishes first', async () => {
    const { service, held, loading, settle } = fakeTrainer();
    const outcomes = [service.open(1, 'socket-b'), service.open(1, 'socket-b')].map((p) => p.catch((error: unknown) => error));
    await service.closeOwnedBy('socket-b');
    loading[1].finish();
    await settle();
    loading[0].finish();
    await settle();
    for (const outcome of await Promise.all(outcomes)) expect(outcome).toBeInstanceOf(ApiError);
    expect(held.size).toBe(0);
  });

  it('keeps sessions of other connections, and of a connection that comes and goes after its open finished', async () => {
    const { service, held, loading, settle } = fakeTrainer();
    const kept = service.open(1, 'socket-c');
    const gone = service.open(1, 'socket-d').catch((error: unknown) => error);
    await service.closeOwnedBy('socket-d');
    loading.forEach((l) => l.finish());
    await settle();
    const info = await kept;
    expect(await gone).toMatchObject({ code: 'conflict' });
    expect([...held]).toEqual([info.sessionId]);

    // The release of socket-d is forgotten once its opens settled: nothing stays marked for a later open.
    const later = service.open(1, 'socket-d');
    loading.at(-1)!.finish();
    const reopened = await later;
    expect(held.has(reopened.sessionId)).toBe(true);

    await service.closeOwnedBy('socket-c');
    expect([...held]).toEqual([reopened.sessionId]);
    await service.closeOwnedBy('socket-d');
    expect(held.size).toBe(0);
  });

  it('counts an open that failed in the trainer as settled', async () => {
    const { service, held, loading, settle } = fakeTrainer();
    const failed = service.open(1, 'socket-e').catch((error: unknown) => error);
    await service.closeOwnedBy('socket-e');
    loading[0].fail(new Error('weights file is truncated'));
    expect(await failed).toMatchObject({ code: 'trainer_failed', message: expect.stringMatching(/weights file is truncated/) });
    const next = service.open(1, 'socket-e');
    loading[1].finish();
    await settle();
    expect(held.has((await next).sessionId)).toBe(true);
  });

  it('refuses the image views of a run on vectors itself, saying what applies instead, without asking the trainer', async () => {
    const { service, requests, loading, settle } = fakeTrainer();
    const opening = service.open(1);
    loading[0].finish();
    await settle();
    const { sessionId, dataKind } = await opening;
    expect(dataKind).toBe('vector');
    const refusals = [
      service.candidates(sessionId, 4),
      service.interpolate(sessionId, { a: 0, b: 1, t: 0.5, path: 'linear', seq: 1 }),
      service.reconstruct(sessionId, [0]),
      service.samples(sessionId, 1, 4),
      service.traversal(sessionId, { index: 0, range: 3, steps: 11, maxRows: 64 }),
      service.manifold(sessionId, 10),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/drawn for image datasets only: run 1 was trained on 2-d vectors[;:].*latent\.vectorField/) });
    }
    expect(requests.map((r) => r.op)).toEqual(['session.open']);
  });

  it("orders traversals by the run's last-epoch KL per dimension, and refuses a manifold of a code that is not 2-d itself", async () => {
    const requests: Record<string, unknown>[] = [];
    const supervisor = {
      request(request: Record<string, unknown>) {
        requests.push(request);
        if (request.op === 'session.open') return Promise.resolve({ latentDim: 3, candidates: 6, dataKind: 'image', sampleShape: [1, 28, 28] });
        return Promise.resolve({ asked: request });
      },
    } as unknown as TrainerSupervisor;
    // kl_dim_10 after kl_dim_2 in key order: the dimensions are read by number, not by name.
    const final = { val_loss: 3, kl_dim_1: 0.5, kl_dim_3: 0.001, kl_dim_2: 2 };
    const run = { id: 4, datasetId: 'builtin:sprites', config: { dataset: { id: 'builtin:sprites' }, model: { family: 'vae' } }, final };
    const runs = { require: () => run, weightsPathOf: () => '/runs/4/checkpoint/weights.llw' } as unknown as RunsService;
    const datasets = { info: () => ({ id: 'builtin:sprites' }), resolveSource: () => ({ kind: 'builtin', id: 'builtin:sprites', size: 64, validationSplit: 0.1 }) } as unknown as DatasetsService;
    const service = new LatentService(runs, datasets, supervisor);
    const { sessionId, family } = await service.open(4);
    expect(family).toBe('vae');
    await service.traversal(sessionId, { index: 2, range: 2, steps: 5, maxRows: 64 });
    expect(requests.at(-1)).toEqual({ op: 'session.traversal', sessionId, index: 2, range: 2, steps: 5, maxRows: 64, kl: [0.5, 2, 0.001] });
    await expect(service.manifold(sessionId, 10)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/2-d latent space: run 4 has 3 latent dimensions/) });
    expect(requests.map((r) => r.op)).toEqual(['session.open', 'session.traversal']);
  });

  it('cuts a huge session id short in its error', async () => {
    const { service } = fakeTrainer();
    const error = (await service.candidates('x'.repeat(100_000), 1).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('not_found');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toMatch(/latent session 'x{80}…' \(100,000 characters\) is not open/);
  });
});
