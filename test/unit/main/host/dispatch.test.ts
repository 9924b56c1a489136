import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import type { RequestHandlers } from '../../../../src-shared/contract/api';
import { ApiError } from '../../../../src-shared/contract/api-error';

const handlers = new Proxy({} as RequestHandlers, {
  get: (_t, name) => async (input: unknown) => {
    if (name === 'runs.stop') throw new Error('boom inside handler');
    return { name, input };
  },
});

describe('dispatch (the host boundary)', () => {
  it('passes validated input, with defaults applied, to the handler', async () => {
    await expect(dispatch(handlers, 'datasets.samples', { datasetId: 'builtin:sprites', count: 3 })).resolves.toEqual({
      name: 'datasets.samples',
      input: { datasetId: 'builtin:sprites', count: 3, offset: 0 },
    });
  });

  it.each([
    ['an unknown request', 'runs.delete_everything', {}, 'unknown_method', /unknown request 'runs.delete_everything'/],
    ['a non-string name', 42, {}, 'unknown_method', /unknown request/],
    ['a wrong type', 'runs.get', { runId: 'one' }, 'invalid_input', /runId/],
    ['an extra field', 'runs.get', { runId: 1, force: true }, 'invalid_input', /force: unknown field/],
    ['an out-of-range number', 'latent.interpolate', { sessionId: 's', a: 0, b: 1, t: 1.5, seq: 0 }, 'invalid_input', /t:/],
  ])('turns %s into a typed error', async (_what, name, input, code, message) => {
    const error = await dispatch(handlers, name, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toMatch(message);
  });

  it('wraps a handler crash as an internal error instead of throwing raw', async () => {
    const error = (await dispatch(handlers, 'runs.stop', { runId: 1 }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('internal');
    expect(error.message).toBe('boom inside handler');
  });
});
