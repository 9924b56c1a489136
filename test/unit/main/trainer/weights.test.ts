import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAutoencoder } from '../../../../src-main/trainer/models/autoencoder';
import { loadWeights, saveWeights } from '../../../../src-main/trainer/weights';
import { tempDir } from '../../../helpers/temp-dir';

const model = { family: 'vae' as const, hidden: [16], activation: 'relu' as const, latentDim: 3, likelihood: 'bernoulli' as const, sigma: 0.1 };
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => dir?.remove());

describe('weights files', () => {
  it('round-trips every variable of a model exactly, between two instances', async () => {
    dir = tempDir();
    const a = createAutoencoder(model, [12], 1);
    const b = createAutoencoder(model, [12], 2);
    const path = join(dir.path, 'w.llw');
    await saveWeights(path, a.namedVariables);
    loadWeights(path, b.namedVariables);
    expect(a.namedVariables.map((v) => v.name)).toEqual(b.namedVariables.map((v) => v.name));
    a.namedVariables.forEach((v, i) => expect(b.namedVariables[i].variable.dataSync()).toEqual(v.variable.dataSync()));
    a.dispose();
    b.dispose();
  });

  it('names the tensor whose shape does not fit the model', async () => {
    dir = tempDir();
    const small = createAutoencoder(model, [12], 1);
    const other = createAutoencoder({ ...model, latentDim: 4 }, [12], 1);
    const path = join(dir.path, 'w.llw');
    await saveWeights(path, small.namedVariables);
    expect(() => loadWeights(path, other.namedVariables)).toThrow(/latent_mu\/kernel' is 16×3, the model expects 16×4/);
    small.dispose();
    other.dispose();
  });

  it('refuses a file that is not a weights file', () => {
    dir = tempDir();
    const path = join(dir.path, 'bogus.llw');
    const header = Buffer.from(JSON.stringify({ format: 'something-else', tensors: [] }));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(header.length);
    writeFileSync(path, Buffer.concat([size, header]));
    const m = createAutoencoder(model, [12], 1);
    expect(() => loadWeights(path, m.namedVariables)).toThrow(/not a Latent Lab weights file/);
    m.dispose();
  });
});
