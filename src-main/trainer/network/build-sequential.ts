import * as tf from '@tensorflow/tfjs';
import { inferLayer, layerName } from '../../../src-shared/model-spec/infer';
import { StepSeededDropout } from './step-seeded-dropout';
import type { LayerSpec } from '../../../src-shared/model-spec/layers';

/** A part of a model built from the layer spec, with its weights under stable names for checkpoints. */
export interface Network {
  model: tf.Sequential;
  /** (file name, variable) for every weight, trainable or not, in a fixed order. */
  weights: { name: string; variable: tf.Variable }[];
  trainable: tf.Variable[];
}

let partCounter = 0;

/** Seeds differ per layer but follow from the run's seed, so the same seed gives the same initial weights. */
const initializer = (seed: number) => tf.initializers.glorotUniform({ seed });

function toLayer(spec: LayerSpec, name: string, seed: number, input: number[]): tf.layers.Layer {
  switch (spec.type) {
    case 'dense':
      return tf.layers.dense({ name, units: spec.units, activation: spec.activation, kernelInitializer: initializer(seed) });
    case 'conv2d':
    case 'conv2dTranspose': {
      const options = {
        name,
        filters: spec.filters,
        kernelSize: spec.kernelSize,
        strides: spec.strides,
        padding: spec.padding,
        activation: spec.activation,
        kernelInitializer: initializer(seed),
      };
      return spec.type === 'conv2d' ? tf.layers.conv2d(options) : tf.layers.conv2dTranspose(options);
    }
    case 'upsample':
      return tf.layers.upSampling2d({ name, size: [spec.size, spec.size] });
    case 'flatten':
      // tfjs' Flatten wants at least [N, a, b]; flattening what is already flat is the identity.
      return input.length > 1 ? tf.layers.flatten({ name }) : tf.layers.activation({ name, activation: 'linear' });
    case 'reshape':
      return tf.layers.reshape({ name, targetShape: spec.targetShape });
    case 'activation':
      return tf.layers.activation({ name, activation: spec.activation });
    case 'batchNorm':
      return tf.layers.batchNormalization({ name });
    case 'dropout':
      return new StepSeededDropout({ name, rate: spec.rate, offset: seed });
  }
}

/**
 * Builds one part (encoder or decoder) as a tf.Sequential. tfjs layer names are global per process, so they
 * carry the instance `scope`; checkpoint names do not, so a run's weights load into any instance.
 */
export function buildSequential(scope: string, part: 'encoder' | 'decoder', specs: LayerSpec[], inputShape: number[], seed: number): Network {
  const model = tf.sequential({ name: `${scope}_${part}_${++partCounter}` });
  let shape = inputShape;
  specs.forEach((spec, i) => {
    const name = layerName(part, spec, i);
    const layer = toLayer(spec, `${scope}_${name}`, seed + 7919 * (i + 1), shape);
    shape = inferLayer(part, spec, i, shape).outputShape;
    if (i === 0) {
      // The first layer fixes the input shape of the part.
      model.add(tf.layers.inputLayer({ inputShape, name: `${scope}_${part}_input` }));
    }
    model.add(layer);
  });
  if (specs.length === 0) {
    // An empty part (a linear AE's encoder) is the identity.
    model.add(tf.layers.inputLayer({ inputShape, name: `${scope}_${part}_input` }));
    model.add(tf.layers.activation({ name: `${scope}_${part}_identity${partCounter}`, activation: 'linear' }));
  }
  const weights: Network['weights'] = [];
  for (const layer of model.layers) {
    const specName = layer.name.slice(scope.length + 1);
    for (const w of layer.weights) weights.push({ name: `${specName}/${w.originalName.split('/').pop()}`, variable: w.read() as tf.Variable });
  }
  return { model, weights, trainable: model.trainableWeights.map((w) => w.read() as tf.Variable) };
}
