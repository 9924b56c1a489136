import type { ModelConfig } from '../../../src-shared/config/run-config';
import { inferLayer, layerName, type Shape } from '../../../src-shared/model-spec/infer';
import type { LayerSpec } from '../../../src-shared/model-spec/layers';
import { latentKindOf, resolveArchitecture } from '../../../src-shared/model-spec/model-summary';

/** A weight as stored: its shape (tfjs' layout, e.g. dense kernel [in, out], conv kernel [kh, kw, in, out]) and values. */
export interface PortableTensor {
  shape: number[];
  values: Float32Array;
}

/** One layer of a part with its resolved spec, shapes and weights by their short names (kernel, bias, gamma, …). */
export interface PortableLayer {
  name: string;
  spec: LayerSpec;
  inputShape: Shape;
  outputShape: Shape;
  weights: Record<string, PortableTensor>;
}

export interface PortablePart {
  inputShape: Shape;
  outputShape: Shape;
  layers: PortableLayer[];
}

export interface PortableHead {
  /** μ and log σ² of q(z|x) for a VAE, z for a deterministic autoencoder. */
  name: 'mu' | 'log_var' | 'z';
  /** [features, latentDim] */
  kernel: PortableTensor;
  /** [latentDim] */
  bias: PortableTensor;
}

/**
 * A trained model as plain data, independent of tfjs: what every export format (TF.js, ONNX) is written from.
 * encode: x ([N, ...inputShape], channels-last) → encoder → flat features → heads. decode: z → decoder → a tensor of
 * D = prod(inputShape) values per sample → `output` → E[x | z], reshaped to inputShape.
 */
export interface PortableModel {
  family: ModelConfig['family'];
  latentKind: 'gaussian' | 'deterministic';
  latentDim: number;
  /** What the model sees: [H, W, C] for images (channels-last, values in [0, 1]), [D] for vectors. */
  inputShape: Shape;
  encoder: PortablePart;
  heads: PortableHead[];
  decoder: PortablePart;
  /** How the decoder's last layer becomes E[x | z]: the sigmoid of Bernoulli logits, or the Gaussian/MSE means as they are. */
  output: 'sigmoid' | 'identity';
  /** σ of a Gaussian decoder likelihood (fixed, or learned and read from the weights); absent otherwise. */
  sigma?: number;
}

type WeightEntry = { name: string; shape: number[]; values: Float32Array };

/** How a model's decoder output becomes E[x | z] (logits for Bernoulli likelihoods, means otherwise). */
export function outputKindOf(model: ModelConfig): PortableModel['output'] {
  if (model.family === 'vae') return model.likelihood === 'bernoulli' ? 'sigmoid' : 'identity';
  return 'reconstruction' in model && model.reconstruction === 'bernoulli' ? 'sigmoid' : 'identity';
}

const formatTensorShape = (shape: number[]) => (shape.length === 0 ? 'a scalar' : shape.join('×'));

/** The tensor `name` of the file, which must have the shape this model's config gives it; taken out of `weights`. */
function take(weights: Map<string, WeightEntry>, name: string, shape: number[]): PortableTensor {
  const w = weights.get(name);
  if (!w) throw new Error(`the weights file has no tensor '${name}': it does not belong to this model's config`);
  if (w.shape.join('×') !== shape.join('×')) {
    throw new Error(`the weights file's tensor '${name}' is ${formatTensorShape(w.shape)}, this model's config needs ${formatTensorShape(shape)}: the file belongs to another config`);
  }
  weights.delete(name);
  return { shape: w.shape, values: w.values };
}

/** The weights a layer has, by their short names in tfjs' order, with the shapes tfjs gives them for this input. */
function weightShapes(spec: LayerSpec, input: Shape): [string, number[]][] {
  const channels = input[input.length - 1];
  switch (spec.type) {
    case 'dense':
      return [['kernel', [input[0], spec.units]], ['bias', [spec.units]]];
    case 'conv2d':
      return [['kernel', [spec.kernelSize, spec.kernelSize, channels, spec.filters]], ['bias', [spec.filters]]];
    case 'conv2dTranspose':
      // tfjs keeps a transposed convolution's kernel as [kh, kw, out, in].
      return [['kernel', [spec.kernelSize, spec.kernelSize, spec.filters, channels]], ['bias', [spec.filters]]];
    case 'batchNorm':
      return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => [w, [channels]]);
    default:
      return [];
  }
}

function part(which: 'encoder' | 'decoder', specs: LayerSpec[], inputShape: Shape, weights: Map<string, WeightEntry>): PortablePart {
  let shape = inputShape;
  const layers = specs.map((spec, i) => {
    const name = layerName(which, spec, i);
    const inferred = inferLayer(which, spec, i, shape);
    const own = Object.fromEntries(weightShapes(spec, shape).map(([w, wShape]) => [w, take(weights, `${name}/${w}`, wShape)]));
    const layer: PortableLayer = { name, spec, inputShape: shape, outputShape: inferred.outputShape, weights: own };
    shape = inferred.outputShape;
    return layer;
  });
  return { inputShape, outputShape: shape, layers };
}

const flatSize = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** PCA as layers: z = Uᵀ(x − m) is one dense map with bias −Uᵀm; x̂ = U z + m another (then reshaped to the input). */
function pcaModel(model: ModelConfig, inputShape: Shape, weights: Map<string, WeightEntry>): PortableModel {
  const d = flatSize(inputShape);
  const k = model.latentDim;
  const mean = take(weights, 'pca/mean', [d]);
  const components = take(weights, 'pca/components', [d, k]);
  const encoderBias = new Float32Array(k);
  const decoderKernel = new Float32Array(k * d);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < d; i++) {
      s += components.values[i * k + j] * mean.values[i];
      decoderKernel[j * d + i] = components.values[i * k + j];
    }
    encoderBias[j] = -s;
  }
  const flatten: LayerSpec[] = inputShape.length > 1 ? [{ type: 'flatten', name: 'pca_flatten' }] : [];
  const encoder: PortablePart = {
    inputShape,
    outputShape: [d],
    layers: flatten.map((spec) => ({ name: spec.name!, spec, inputShape, outputShape: [d], weights: {} })),
  };
  const decoderLayers: PortableLayer[] = [
    {
      name: 'pca_decode',
      spec: { type: 'dense', name: 'pca_decode', units: d, activation: 'linear' },
      inputShape: [k],
      outputShape: [d],
      weights: { kernel: { shape: [k, d], values: decoderKernel }, bias: mean },
    },
  ];
  if (inputShape.length > 1) {
    decoderLayers.push({ name: 'pca_reshape', spec: { type: 'reshape', name: 'pca_reshape', targetShape: inputShape }, inputShape: [d], outputShape: inputShape, weights: {} });
  }
  return {
    family: 'pca',
    latentKind: 'deterministic',
    latentDim: model.latentDim,
    inputShape,
    encoder,
    heads: [{ name: 'z', kernel: components, bias: { shape: [k], values: encoderBias } }],
    decoder: { inputShape: [k], outputShape: inputShape, layers: decoderLayers },
    output: 'identity',
  };
}

/**
 * A trained model as plain data, from its config and the tensors of its weights file (trainer/weights.ts
 * readWeightsFile). Every tensor must be used: a leftover or a missing one means the file is another model's.
 */
export function portableModelOf(model: ModelConfig, inputShape: Shape, entries: WeightEntry[]): PortableModel {
  const weights = new Map(entries.map((e) => [e.name, e]));
  let result: PortableModel;
  if (model.family === 'pca') {
    result = pcaModel(model, inputShape, weights);
  } else {
    const arch = resolveArchitecture(model, inputShape)!;
    const encoder = part('encoder', arch.encoder, inputShape, weights);
    if (encoder.outputShape.length !== 1) {
      throw new Error(`the encoder gives ${encoder.outputShape.join('×')}, not the flat features the latent head needs: end it with a flatten`);
    }
    const headShapes = { kernel: [encoder.outputShape[0], model.latentDim], bias: [model.latentDim] };
    const latentKind = latentKindOf(model);
    const heads: PortableHead[] = (latentKind === 'gaussian' ? (['mu', 'log_var'] as const) : (['z'] as const)).map((name) => {
      const stored = name === 'z' ? 'latent' : `latent_${name}`;
      return { name, kernel: take(weights, `${stored}/kernel`, headShapes.kernel), bias: take(weights, `${stored}/bias`, headShapes.bias) };
    });
    const decoder = part('decoder', arch.decoder, [model.latentDim], weights);
    if (flatSize(decoder.outputShape) !== flatSize(inputShape)) {
      throw new Error(`the decoder gives ${decoder.outputShape.join('×')}, not the input's ${inputShape.join('×')}`);
    }
    let sigma: number | undefined;
    if (model.family === 'vae' && model.likelihood !== 'bernoulli') {
      sigma = model.likelihood === 'gaussian-learned' ? Math.exp(take(weights, 'likelihood/log_sigma', []).values[0]) : model.sigma;
    }
    result = { family: model.family, latentKind, latentDim: model.latentDim, inputShape, encoder, heads, decoder, output: outputKindOf(model), ...(sigma !== undefined ? { sigma } : {}) };
  }
  if (weights.size > 0) throw new Error(`the weights file has tensors this model's config does not use: ${[...weights.keys()].join(', ')}`);
  return result;
}
