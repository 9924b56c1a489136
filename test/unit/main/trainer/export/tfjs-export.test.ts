import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortableModel } from '../../../../../src-main/trainer/export/portable-model';
import { tfjsModelsOf, type TfjsModelFiles } from '../../../../../src-main/trainer/export/tfjs-export';
import type { Autoencoder } from '../../../../../src-main/trainer/models';
import { expectedOutput, reconstructionKindOf } from '../../../../../src-main/trainer/objectives/reconstruction';
import { exportCases, expectClose, modelConfig, random, trainedModel, uniform } from '../../../../helpers/export-cases';
import { tempDir } from '../../../../helpers/temp-dir';
import { useWasm } from '../../../../helpers/train-in-process';

const dir = tempDir();
beforeAll(useWasm);
afterAll(() => dir.remove());

type Part = 'encoder' | 'decoder' | 'autoencoder';
const PARTS: Part[] = ['encoder', 'decoder', 'autoencoder'];

/** Layer classes every tfjs build knows: a model.json naming anything else needs code its user does not have. */
const STANDARD_LAYERS = new Set(['InputLayer', 'Dense', 'Conv2D', 'Conv2DTranspose', 'UpSampling2D', 'Flatten', 'Reshape', 'Activation', 'BatchNormalization', 'Dropout']);
/** The model itself, and what the standard layers' configs name (their initializers). */
const STANDARD_OTHERS = new Set(['Model', 'Functional', 'GlorotUniform', 'VarianceScaling', 'Zeros', 'Ones']);
/** The exporter builds under `x<n><part>__` and must strip it from the files. */
const BUILD_PREFIX = /x\d+(?:encoder|decoder|autoencoder)__/;

/** Writes the files as the export job does: <part>/model.json and <part>/weights.bin. */
function writeExport(root: string, models: Record<Part, TfjsModelFiles>): void {
  for (const part of PARTS) {
    mkdirSync(join(root, part), { recursive: true });
    writeFileSync(join(root, part, 'model.json'), models[part].modelJson);
    writeFileSync(join(root, part, 'weights.bin'), models[part].weights);
  }
}

/** What a Node user without tfjs-node does: an IOHandler that reads model.json and the one weights file it names. */
async function loadFromDisk(folder: string): Promise<tf.LayersModel> {
  const handler: tf.io.IOHandler = {
    load: async () => {
      const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        expect(manifest.map((group) => group.paths)).toEqual([['weights.bin']]);
        const bytes = readFileSync(join(folder, manifest[0].paths[0]));
        return [manifest[0].weights, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
      });
    },
  };
  return tf.loadLayersModel(handler);
}

/** Every `class_name` in a topology, with whether it names a layer (an entry of a model's `layers`). */
function classNames(node: unknown, isLayer = false, found: { name: string; layer: boolean }[] = []): { name: string; layer: boolean }[] {
  if (Array.isArray(node)) node.forEach((item) => classNames(item, isLayer, found));
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.class_name === 'string') found.push({ name: record.class_name, layer: isLayer });
    for (const [key, value] of Object.entries(record)) {
      if (key === 'layers' && Array.isArray(value)) value.forEach((layer) => classNames(layer, true, found));
      else classNames(value, false, found);
    }
  }
  return found;
}

interface TopologyLayer {
  class_name: string;
  name: string;
  config: { name: string };
}

interface ParsedModelJson {
  format: string;
  modelTopology: { class_name: string; config: { name: string; layers: TopologyLayer[]; input_layers: [string, number, number][]; output_layers: [string, number, number][] } };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  userDefinedMetadata: Record<string, unknown>;
}

/** The weights a part's layers hold, as "<layer>/<weight>" (heads: μ only for the whole autoencoder). */
function expectedWeightNames(portable: PortableModel, part: Part): string[] {
  const layerWeights = (layers: PortableModel['encoder']['layers']) => layers.flatMap((l) => Object.keys(l.weights).map((w) => `${l.name}/${w}`));
  const heads = (part === 'autoencoder' ? portable.heads.slice(0, 1) : portable.heads).flatMap((h) => [`${h.name}/kernel`, `${h.name}/bias`]);
  if (part === 'encoder') return [...layerWeights(portable.encoder.layers), ...heads];
  if (part === 'decoder') return layerWeights(portable.decoder.layers);
  return [...layerWeights(portable.encoder.layers), ...heads, ...layerWeights(portable.decoder.layers)];
}

/** The format checks of one part's model.json against the portable model it was written from. */
function checkModelJson(text: string, part: Part, portable: PortableModel, metadata: Record<string, unknown>): void {
  expect(text, 'no build prefix left').not.toMatch(BUILD_PREFIX);
  const json = JSON.parse(text) as ParsedModelJson;
  expect(json.format).toBe('layers-model');
  expect(json.userDefinedMetadata).toEqual(metadata);

  const names = classNames(json.modelTopology);
  expect(names.filter((c) => c.layer).map((c) => c.name).filter((name) => !STANDARD_LAYERS.has(name)), 'non-standard layer classes').toEqual([]);
  expect(names.filter((c) => !c.layer).map((c) => c.name).filter((name) => !STANDARD_OTHERS.has(name)), 'non-standard classes').toEqual([]);
  expect(['Model', 'Functional']).toContain(json.modelTopology.class_name);

  const { layers, input_layers: inputs, output_layers: outputs } = json.modelTopology.config;
  const layerNames = layers.map((l) => l.name);
  for (const l of layers) expect(l.config.name).toBe(l.name);
  expect(new Set(layerNames).size, 'layer names are unique').toBe(layerNames.length);
  const own = [...portable.encoder.layers, ...portable.decoder.layers].map((l) => l.name);
  const known = new Set([...own, ...portable.heads.map((h) => h.name), 'x', 'z', 'to_input_shape', 'x_mean']);
  expect(layerNames.filter((name) => !known.has(name)), 'layers not named after the model').toEqual([]);
  expect(inputs.map(([name]) => name)).toEqual([part === 'decoder' ? 'z' : 'x']);
  if (part === 'encoder') expect(outputs.map(([name]) => name)).toEqual(portable.heads.map((h) => h.name));
  else expect(outputs).toHaveLength(1);

  expect(json.weightsManifest).toHaveLength(1);
  expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
  const weights = json.weightsManifest[0].weights;
  expect(weights.map((w) => w.name).sort()).toEqual(expectedWeightNames(portable, part).sort());
  for (const w of weights) {
    expect(w.dtype).toBe('float32');
    expect(layerNames, `weight ${w.name} belongs to a layer of the model`).toContain(w.name.slice(0, w.name.lastIndexOf('/')));
  }
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The trainer's outputs for inputs x (encoder and autoencoder) and z (decoder), by output name. */
function trainerOutputs(model: Autoencoder, config: ReturnType<typeof modelConfig>, x: tf.Tensor, z: tf.Tensor2D) {
  return tf.tidy(() => {
    const n = x.shape[0];
    const kind = reconstructionKindOf(config);
    const { mu, logVar } = model.encode(x);
    const encoder = logVar ? { mu: mu.dataSync(), log_var: logVar.dataSync() } : { z: mu.dataSync() };
    const decoder = expectedOutput(kind, model.decode(z)).reshape([n, ...model.inputShape]);
    const autoencoder = expectedOutput(kind, model.decode(mu)).reshape([n, ...model.inputShape]);
    return { encoder, decoder: { values: decoder.dataSync(), shape: decoder.shape }, autoencoder: { values: autoencoder.dataSync(), shape: autoencoder.shape } };
  });
}

describe('TF.js export, written to disk and loaded back by tf.loadLayersModel', () => {
  exportCases.forEach((c, index) => {
    it(`${c.title}: encoder, decoder and autoencoder give the trainer's values`, async () => {
      const config = modelConfig(c.model);
      const { model, portable } = await trainedModel(config, c.inputShape, 11 + index, dir.path);
      const metadata = { family: config.family, latentDim: config.latentDim, inputShape: c.inputShape, run: { id: index, name: 'ünïcode ✓' }, sigma: null };
      const files = await tfjsModelsOf(portable, metadata);
      for (const part of PARTS) checkModelJson(files[part].modelJson, part, portable, metadata);

      const root = join(dir.path, `case-${index}`);
      writeExport(root, files);
      // All three in one process: tfjs' variable names are process-wide, and the parts share layer names.
      const loaded = Object.fromEntries(await Promise.all(PARTS.map(async (part) => [part, await loadFromDisk(join(root, part))] as const))) as Record<Part, tf.LayersModel>;
      for (const part of PARTS) {
        expect(loaded[part].getUserDefinedMetadata(), `${part} metadata`).toEqual(metadata);
        expect(loaded[part].inputNames).toEqual([part === 'decoder' ? 'z' : 'x']);
        expect(loaded[part].inputs[0].shape).toEqual([null, ...(part === 'decoder' ? [config.latentDim] : c.inputShape)]);
      }
      expect(loaded.encoder.outputNames).toEqual(portable.latentKind === 'gaussian' ? ['mu', 'log_var'] : ['z']);
      expect(loaded.encoder.outputs.map((o) => o.shape)).toEqual(loaded.encoder.outputNames.map(() => [null, config.latentDim]));
      expect(loaded.decoder.outputs[0].shape).toEqual([null, ...c.inputShape]);
      expect(loaded.autoencoder.outputs[0].shape).toEqual([null, ...c.inputShape]);

      const n = 4;
      const rand = random(100 + index);
      const x = tf.tensor(uniform(rand, n * size(c.inputShape), 0, 1), [n, ...c.inputShape]);
      const z = tf.tensor2d(uniform(rand, n * config.latentDim, -2, 2), [n, config.latentDim]);
      const expected = trainerOutputs(model, config, x, z);

      const encoded = loaded.encoder.predict(x);
      const heads = Array.isArray(encoded) ? encoded : [encoded];
      expect(heads.map((t) => t.shape)).toEqual(heads.map(() => [n, config.latentDim]));
      loaded.encoder.outputNames.forEach((name, i) => expectClose(heads[i].dataSync(), expected.encoder[name as keyof typeof expected.encoder]!, `encoder ${name}`));

      const decoded = loaded.decoder.predict(z) as tf.Tensor;
      expect(decoded.shape).toEqual(expected.decoder.shape);
      expectClose(decoded.dataSync(), expected.decoder.values, 'decoder E[x | z]');

      const reconstructed = loaded.autoencoder.predict(x) as tf.Tensor;
      expect(reconstructed.shape).toEqual(expected.autoencoder.shape);
      expectClose(reconstructed.dataSync(), expected.autoencoder.values, 'autoencoder E[x | μ(x)]');

      tf.dispose([x, z, ...heads, decoded, reconstructed]);
      PARTS.forEach((part) => loaded[part].dispose());
      model.dispose();
    });
  });

  it('exports the same model twice in one process to the same files, leaking no tensors, and both load side by side', async () => {
    const c = exportCases[2];
    const config = modelConfig(c.model);
    const { model, portable } = await trainedModel(config, c.inputShape, 21, dir.path);
    model.dispose();
    const tensors = tf.memory().numTensors;
    const first = await tfjsModelsOf(portable, { run: 1 });
    const second = await tfjsModelsOf(portable, { run: 1 });
    expect(tf.memory().numTensors, 'the export leaves no tensors behind').toBe(tensors);
    for (const part of PARTS) {
      expect(second[part].modelJson, part).toBe(first[part].modelJson);
      expect(Buffer.from(second[part].weights).equals(Buffer.from(first[part].weights)), `${part} weights`).toBe(true);
    }
    writeExport(join(dir.path, 'twice-1'), first);
    writeExport(join(dir.path, 'twice-2'), second);
    const a = await loadFromDisk(join(dir.path, 'twice-1', 'autoencoder'));
    const b = await loadFromDisk(join(dir.path, 'twice-2', 'autoencoder'));
    const x = tf.tensor(uniform(random(3), 2 * size(c.inputShape), 0, 1), [2, ...c.inputShape]);
    const [ya, yb] = [a.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor];
    expectClose(yb.dataSync(), ya.dataSync(), 'second export');
    tf.dispose([x, ya, yb]);
    a.dispose();
    b.dispose();
  });

  it('loads in a fresh Node process with plain @tensorflow/tfjs (no Latent Lab code, no custom classes registered)', async () => {
    const cases: { root: string; x: { values: number[]; shape: number[] }; z: { values: number[]; shape: number[] }; expected: ReturnType<typeof trainerOutputs> }[] = [];
    for (const [index, c] of exportCases.entries()) {
      const config = modelConfig(c.model);
      const { model, portable } = await trainedModel(config, c.inputShape, 31 + index, dir.path);
      const root = join(dir.path, `fresh-${index}`);
      writeExport(root, await tfjsModelsOf(portable, {}));
      const n = 3;
      const rand = random(200 + index);
      const xValues = uniform(rand, n * size(c.inputShape), 0, 1);
      const zValues = uniform(rand, n * config.latentDim, -2, 2);
      const x = tf.tensor(xValues, [n, ...c.inputShape]);
      const z = tf.tensor2d(zValues, [n, config.latentDim]);
      const expected = trainerOutputs(model, config, x, z);
      tf.dispose([x, z]);
      model.dispose();
      cases.push({ root, x: { values: [...xValues], shape: [n, ...c.inputShape] }, z: { values: [...zValues], shape: [n, config.latentDim] }, expected });
    }
    const jobs = join(dir.path, 'fresh-jobs.json');
    writeFileSync(jobs, JSON.stringify(cases.map(({ root, x, z }) => ({ root, x, z }))));
    // Resolved from the repository (the working directory), as an app that depends on @tensorflow/tfjs would.
    const script = `
      import { readFileSync } from 'node:fs';
      import { join } from 'node:path';
      import * as tf from '@tensorflow/tfjs';
      const load = (folder) => tf.loadLayersModel({
        load: async () => tf.io.getModelArtifactsForJSON(JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')), async (manifest) => {
          const bytes = readFileSync(join(folder, manifest[0].paths[0]));
          return [manifest[0].weights, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
        }),
      });
      const results = [];
      for (const job of JSON.parse(readFileSync(process.argv[1], 'utf8'))) {
        const x = tf.tensor(job.x.values, job.x.shape);
        const z = tf.tensor(job.z.values, job.z.shape);
        const result = { backend: tf.getBackend() };
        for (const [part, input] of [['encoder', x], ['decoder', z], ['autoencoder', x]]) {
          const model = await load(join(job.root, part));
          const out = model.predict(input);
          result[part] = (Array.isArray(out) ? out : [out]).map((t, i) => ({ name: model.outputNames[i], shape: t.shape, values: [...t.dataSync()] }));
        }
        results.push(result);
      }
      process.stdout.write(JSON.stringify(results));
    `;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, jobs], {
      cwd: process.cwd(),
      encoding: 'utf8',
      // stderr has tfjs' advice to install tfjs-node; it shows only if the process fails.
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    });
    type Out = { name: string; shape: number[]; values: number[] };
    const results = JSON.parse(stdout) as ({ backend: string } & Record<Part, Out[]>)[];
    expect(results).toHaveLength(cases.length);
    results.forEach((result, i) => {
      const { expected } = cases[i];
      expect(result.backend).toBe('cpu');
      for (const head of result.encoder) expectClose(head.values, expected.encoder[head.name as keyof typeof expected.encoder]!, `case ${i} encoder ${head.name}`);
      expect(result.encoder.map((h) => h.name).sort()).toEqual(Object.keys(expected.encoder).sort());
      expect(result.decoder[0].shape).toEqual(expected.decoder.shape);
      expectClose(result.decoder[0].values, expected.decoder.values, `case ${i} decoder`);
      expect(result.autoencoder[0].shape).toEqual(expected.autoencoder.shape);
      expectClose(result.autoencoder[0].values, expected.autoencoder.values, `case ${i} autoencoder`);
    });
  });
});
