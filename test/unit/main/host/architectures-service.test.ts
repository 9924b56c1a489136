import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from '../../../../src-main/host/host';
import type { TrainerLauncher } from '../../../../src-main/host/trainer-process';
import type { ApiError } from '../../../../src-shared/contract/api-error';
import type { RequestName } from '../../../../src-shared/contract/api';
import type { SavedArchitecture } from '../../../../src-shared/model-spec/saved-architecture';
import { tempDir } from '../../../helpers/temp-dir';

/**
 * Saved architectures through a real host (contract schema, then the service, then SQLite), as the builder calls
 * them. The table (STYLE.md 5) holds requests that must be refused, each with the exact error a person reads.
 */
const noTrainer: TrainerLauncher = () => {
  throw new Error('these tests start no trainer');
};

let dir: ReturnType<typeof tempDir>;
let host: Host;
beforeEach(() => {
  dir = tempDir();
  host = createHost({ dataDir: dir.path, launchTrainer: noTrainer, version: 'test', transport: 'cli' });
});
afterEach(async () => {
  vi.useRealTimers();
  await host.close();
  dir.remove();
});

const save = (input: unknown) => host.call('architectures.save', input) as Promise<SavedArchitecture>;
const list = () => host.call('architectures.list', {}) as Promise<SavedArchitecture[]>;

const encoder = [{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'relu' }];
const decoder = [{ type: 'dense', units: 784, activation: 'sigmoid' }, { type: 'reshape', targetShape: [28, 28, 1] }];
const spec = { encoder, decoder };

/** #1 'conv small' and #2 'mlp 64', saved before each case. */
async function seed(): Promise<SavedArchitecture[]> {
  return [await save({ name: 'conv small', spec }), await save({ name: 'mlp 64', spec })];
}

const TAKEN = "an architecture named 'conv small' already exists (#1): choose another name";
const TAKEN_BY_CASE = "an architecture named 'conv small' already exists (#1; names are compared ignoring case): choose another name";
const twice = (where: string, name: string, suffix = '') => `layer name '${name}' is used twice: spec.${where} has it too${suffix}; give each layer its own name`;

const BAD_REQUESTS: { what: string; method: RequestName; input: unknown; code: ApiError['code']; message: string; issues: { path: string; message: string }[] }[] = [
  { what: 'a taken name', method: 'architectures.save', input: { name: 'conv small', spec }, code: 'conflict', message: TAKEN, issues: [{ path: 'name', message: TAKEN }] },
  { what: 'a taken name in other case', method: 'architectures.save', input: { name: 'Conv Small', spec }, code: 'conflict', message: TAKEN_BY_CASE, issues: [{ path: 'name', message: TAKEN_BY_CASE }] },
  { what: 'a taken name with spaces around it', method: 'architectures.save', input: { name: '  conv small ', spec }, code: 'conflict', message: TAKEN, issues: [{ path: 'name', message: TAKEN }] },
  { what: "another architecture's name, saving over #2", method: 'architectures.save', input: { id: 2, name: 'conv small', spec }, code: 'conflict', message: TAKEN, issues: [{ path: 'name', message: TAKEN }] },
  { what: "another architecture's name, renaming #2", method: 'architectures.rename', input: { id: 2, name: 'CONV SMALL' }, code: 'conflict', message: TAKEN_BY_CASE, issues: [{ path: 'name', message: TAKEN_BY_CASE }] },
  ...(
    [
      ['saving over an unknown id', 'architectures.save', { id: 99, name: 'new', spec }, 'save it without an id to keep it as a new one'],
      ['saving over an unknown id with a taken name (the id is the problem)', 'architectures.save', { id: 99, name: 'conv small', spec }, 'save it without an id to keep it as a new one'],
      ['renaming an unknown id', 'architectures.rename', { id: 99, name: 'new' }, 'refresh the list'],
      ['deleting an unknown id', 'architectures.delete', { id: 99 }, 'refresh the list'],
    ] as const
  ).map(([what, method, input, todo]) => {
    const message = `architecture #99 does not exist (it may have been deleted): ${todo}`;
    return { what, method, input, code: 'not_found' as const, message, issues: [{ path: 'id', message }] };
  }),
  ...(
    [
      [
        'a layer name used twice in the encoder',
        { encoder: [{ type: 'flatten', name: 'a' }, { type: 'dense', units: 8, name: 'a' }], decoder },
        [['spec.encoder.1.name', twice('encoder.0', 'a')]],
      ],
      [
        'a layer name used in the encoder and the decoder',
        { encoder: [{ type: 'flatten' }, { type: 'dense', units: 8, name: 'bottleneck' }], decoder: [{ type: 'dense', units: 784, name: 'bottleneck' }] },
        [['spec.decoder.0.name', twice('encoder.1', 'bottleneck')]],
      ],
      [
        "a given name that is another layer's default name",
        { encoder: [{ type: 'flatten', name: 'enc_dense2' }, { type: 'dense', units: 8 }], decoder },
        [['spec.encoder.1.name', twice('encoder.0', 'enc_dense2', " (it is this layer's default name)")]],
      ],
      [
        'a layer named like the latent head',
        { encoder, decoder: [{ type: 'dense', units: 784, name: 'latent_mu' }] },
        [['spec.decoder.0.name', "layer name 'latent_mu' is reserved for a layer the trainer adds; choose another"]],
      ],
      [
        'two problems at once, both named',
        { encoder: [{ type: 'flatten', name: 'latent' }, { type: 'dense', units: 8, name: 'x' }], decoder: [{ type: 'dense', units: 784, name: 'x' }] },
        [
          ['spec.encoder.0.name', "layer name 'latent' is reserved for a layer the trainer adds; choose another"],
          ['spec.decoder.0.name', twice('encoder.1', 'x')],
        ],
      ],
    ] as const
  ).map(([what, badSpec, problems]) => ({
    what,
    method: 'architectures.save' as const,
    input: { name: 'new', spec: badSpec },
    code: 'invalid_input' as const,
    message: `invalid architecture: ${problems.map(([path, message]) => `${path}: ${message}`).join('; ')}`,
    issues: problems.map(([path, message]) => ({ path, message })),
  })),
  // Refused by the contract's schema before the service sees them.
  ...(
    [
      ['an empty name', { name: '', spec }, 'name', 'must not be empty'],
      ['a name of spaces only', { name: '   ', spec }, 'name', 'must not be empty'],
      ['a name over 80 characters', { name: 'x'.repeat(81), spec }, 'name', 'must have at most 80 characters'],
      ['an empty encoder', { name: 'new', spec: { encoder: [], decoder } }, 'spec.encoder', 'must have at least 1 item'],
      ['no decoder', { name: 'new', spec: { encoder } }, 'spec.decoder', 'required'],
      ['a latent size (the run picks it)', { name: 'new', spec: { ...spec, latentDim: 8 } }, 'spec.latentDim', 'unknown field'],
      ['a layer name that is not a name', { name: 'new', spec: { encoder: [{ type: 'flatten', name: '1st' }], decoder } }, 'spec.encoder.0.name', 'a name is a letter followed by up to 39 letters, digits, - or _'],
      ['a dense layer without units', { name: 'new', spec: { encoder: [{ type: 'dense' }], decoder } }, 'spec.encoder.0.units', 'required: enter a number'],
    ] as const
  ).map(([what, input, path, message]) => ({
    what,
    method: 'architectures.save' as const,
    input,
    code: 'invalid_input' as const,
    message: `invalid input to architectures.save: ${path}: ${message}`,
    issues: [{ path, message }],
  })),
];

describe('saved architectures: bad requests', () => {
  it.each(BAD_REQUESTS)('$what', async ({ method, input, code, message, issues }) => {
    const before = await seed();
    const error = (await host.call(method, input).then(
      () => {
        throw new Error('expected the request to be refused');
      },
      (e: unknown) => e,
    )) as ApiError;
    expect(error.toShape()).toEqual({ code, message, issues });
    // A refused request writes nothing.
    expect(await list()).toEqual(before);
  });
});

describe('saved architectures', () => {
  it('saves, lists by name, replaces name and layers by id, renames and deletes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2025-03-01T10:00:00.000Z'));
    const mlp = await save({ name: 'mlp 64', spec });
    const conv = await save({ name: '  Conv small  ', spec });
    // Stored with the schema's defaults filled in, the name trimmed.
    expect(conv).toEqual({
      id: 2,
      name: 'Conv small',
      encoder: [{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'relu' }],
      decoder: [{ type: 'dense', units: 784, activation: 'sigmoid' }, { type: 'reshape', targetShape: [28, 28, 1] }],
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    expect((await list()).map((a) => a.name)).toEqual(['Conv small', 'mlp 64']);

    vi.setSystemTime(Date.parse('2025-03-01T11:00:00.000Z'));
    const convEncoder = [{ type: 'reshape', targetShape: [28, 28, 1] }, { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2 }, { type: 'flatten' }];
    const replaced = await save({ id: conv.id, name: 'conv small', spec: { encoder: convEncoder, decoder } });
    expect(replaced).toMatchObject({ id: conv.id, name: 'conv small', createdAt: conv.createdAt, updatedAt: '2025-03-01T11:00:00.000Z', decoder: conv.decoder });
    expect(replaced.encoder[1]).toEqual({ type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' });

    // Its own name in another case is no conflict.
    const renamed = (await host.call('architectures.rename', { id: mlp.id, name: 'MLP 64' })) as SavedArchitecture;
    expect(renamed).toMatchObject({ id: mlp.id, name: 'MLP 64', encoder: mlp.encoder, decoder: mlp.decoder });

    expect(await host.call('architectures.delete', { id: conv.id })).toEqual({ ok: true });
    expect((await list()).map((a) => a.id)).toEqual([mlp.id]);
    // The freed name can be taken again; the id is not reused.
    expect((await save({ name: 'conv small', spec })).id).toBe(3);
  });

  it('keeps the library across restarts of the host', async () => {
    const saved = await save({ name: 'conv small', spec });
    await host.close();
    host = createHost({ dataDir: dir.path, launchTrainer: noTrainer, version: 'test', transport: 'cli' });
    expect(await list()).toEqual([saved]);
  });
});
