import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../../src-shared/model-spec/layers';
import type { PortableLayer, PortableModel, PortableTensor } from './portable-model';

/** A TF.js layers model as files: model.json (topology and weights manifest) and one weights file. */
export interface TfjsModelFiles {
  modelJson: string;
  weights: Uint8Array;
}

const tensorOf = (t: PortableTensor) => tf.tensor(t.values, t.shape, 'float32');

/** A standard tfjs layer for a spec (no custom classes, so `tf.loadLayersModel` reads it anywhere); null for an identity. */
function layerOf(layer: PortableLayer): tf.layers.Layer | null {
  const spec: LayerSpec = layer.spec;
  const name = layer.name;
  switch (spec.type) {
    case 'dense':
      return tf.layers.dense({ name, units: spec.units, activation: spec.activation });
    case 'conv2d':
      return tf.layers.conv2d({ name, filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, activation: spec.activation });
    case 'conv2dTranspose':
      return tf.layers.conv2dTranspose({ name, filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, activation: spec.activation });
    case 'upsample':
      return tf.layers.upSampling2d({ name, size: [spec.size, spec.size] });
    case 'flatten':
      return layer.inputShape.length > 1 ? tf.layers.flatten({ name }) : null;
    case 'reshape':
      return tf.layers.reshape({ name, targetShape: spec.targetShape });
    case 'activation':
      return tf.layers.activation({ name, activation: spec.activation });
    case 'batchNorm':
      return tf.layers.batchNormalization({ name });
    case 'dropout':
      // Training-time only: tfjs' own Dropout is the identity at inference, as the trained model's is.
      return tf.layers.dropout({ name, rate: spec.rate });
  }
}

/** The order tfjs keeps each layer type's weights in. */
const WEIGHT_ORDER: Partial<Record<LayerSpec['type'], string[]>> = {
  dense: ['kernel', 'bias'],
  conv2d: ['kernel', 'bias'],
  conv2dTranspose: ['kernel', 'bias'],
  batchNorm: ['gamma', 'beta', 'moving_mean', 'moving_variance'],
};

interface Applied {
  output: tf.SymbolicTensor;
  /** Layers to fill with weights once the model is built. */
  fills: { layer: tf.layers.Layer; weights: PortableTensor[] }[];
}

function applyLayers(layers: PortableLayer[], input: tf.SymbolicTensor): Applied {
  let output = input;
  const fills: Applied['fills'] = [];
  for (const l of layers) {
    const layer = layerOf(l);
    if (!layer) continue;
    output = layer.apply(output) as tf.SymbolicTensor;
    const order = WEIGHT_ORDER[l.spec.type];
    if (order) fills.push({ layer, weights: order.map((w) => l.weights[w]) });
  }
  return { output, fills };
}

function fill(fills: Applied['fills']): void {
  for (const { layer, weights } of fills) {
    const tensors = weights.map(tensorOf);
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
}

/** x → the latent heads' outputs (only the first, μ or z, for the whole autoencoder). */
function encoderOutputs(model: PortableModel, x: tf.SymbolicTensor, firstHeadOnly = false): { outputs: tf.SymbolicTensor[]; fills: Applied['fills'] } {
  const body = applyLayers(model.encoder.layers, x);
  const fills = [...body.fills];
  const outputs = (firstHeadOnly ? model.heads.slice(0, 1) : model.heads).map((head) => {
    const layer = tf.layers.dense({ name: head.name, units: model.latentDim });
    fills.push({ layer, weights: [head.kernel, head.bias] });
    return layer.apply(body.output) as tf.SymbolicTensor;
  });
  return { outputs, fills };
}

/**
 * z → E[x | z] in the input's shape: the decoder's layers, a reshape when its output is flat, then a last layer
 * named `x_mean` (as the ONNX output is): the sigmoid of Bernoulli logits, the identity otherwise.
 */
function decoderOutput(model: PortableModel, z: tf.SymbolicTensor): { output: tf.SymbolicTensor; fills: Applied['fills'] } {
  const body = applyLayers(model.decoder.layers, z);
  let output = body.output;
  const same = model.decoder.outputShape.length === model.inputShape.length && model.decoder.outputShape.every((n, i) => n === model.inputShape[i]);
  if (!same) output = tf.layers.reshape({ name: 'to_input_shape', targetShape: model.inputShape }).apply(output) as tf.SymbolicTensor;
  output = tf.layers.activation({ name: 'x_mean', activation: model.output === 'sigmoid' ? 'sigmoid' : 'linear' }).apply(output) as tf.SymbolicTensor;
  return { output, fills: body.fills };
}

async function filesOf(model: tf.LayersModel, metadata: Record<string, unknown>): Promise<TfjsModelFiles> {
  let files: TfjsModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const weights = data === undefined ? new Uint8Array(0) : new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
      const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: metadata,
      };
      files = { modelJson: JSON.stringify(modelJson), weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files!;
}

/**
 * The encoder (x → μ, log σ² or z), the decoder (z → E[x | z]) and the whole autoencoder (x → E[x | μ(x)]) as
 * TF.js layers models, built from standard layers only, with the layers' own names (tfjs keeps variable names
 * unique per process itself; the files carry the original names).
 */
export async function tfjsModelsOf(model: PortableModel, metadata: Record<string, unknown>): Promise<Record<'encoder' | 'decoder' | 'autoencoder', TfjsModelFiles>> {
  const built: tf.LayersModel[] = [];
  try {
    const make = (name: string, build: () => { inputs: tf.SymbolicTensor; outputs: tf.SymbolicTensor[]; fills: Applied['fills'] }) => {
      const { inputs, outputs, fills } = build();
      const m = tf.model({ name, inputs, outputs });
      built.push(m);
      fill(fills);
      return m;
    };
    const encoder = make('encoder', () => {
      const x = tf.input({ shape: model.inputShape, name: 'x' });
      const { outputs, fills } = encoderOutputs(model, x);
      return { inputs: x, outputs, fills };
    });
    const decoder = make('decoder', () => {
      const z = tf.input({ shape: [model.latentDim], name: 'z' });
      const { output, fills } = decoderOutput(model, z);
      return { inputs: z, outputs: [output], fills };
    });
    const autoencoder = make('autoencoder', () => {
      const x = tf.input({ shape: model.inputShape, name: 'x' });
      const enc = encoderOutputs(model, x, true);
      const dec = decoderOutput(model, enc.outputs[0]);
      return { inputs: x, outputs: [dec.output], fills: [...enc.fills, ...dec.fills] };
    });
    return { encoder: await filesOf(encoder, metadata), decoder: await filesOf(decoder, metadata), autoencoder: await filesOf(autoencoder, metadata) };
  } finally {
    built.forEach((m) => m.dispose());
  }
}
