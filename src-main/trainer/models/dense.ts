import * as tf from '@tensorflow/tfjs';

export type Activation = 'relu' | 'elu' | 'linear' | 'tanh';

/** A fully connected layer y = act(xW + b) whose weights are named variables, so checkpoints can find them by name. */
export interface Dense {
  name: string;
  kernel: tf.Variable;
  bias: tf.Variable;
  activation: Activation;
}

/** A variable with the name it has in weights files (tfjs' own variable names must be unique per process). */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

let instanceCounter = 0;
/** A process-unique scope for one model instance, so a training run and decode sessions can coexist. */
export const nextModelScope = (): string => `m${++instanceCounter}`;

/** Glorot-uniform kernel, zero bias (Glorot & Bengio 2010), seeded for reproducibility. */
export function createDense(scope: string, name: string, inputs: number, units: number, activation: Activation, seed: number): Dense {
  const limit = Math.sqrt(6 / (inputs + units));
  // tidy disposes the initial values; the variables keep their data and survive the tidy.
  return tf.tidy(() => ({
    name,
    kernel: tf.variable(tf.randomUniform([inputs, units], -limit, limit, 'float32', seed), true, `${scope}/${name}/kernel`),
    bias: tf.variable(tf.zeros([units]), true, `${scope}/${name}/bias`),
    activation,
  }));
}

/** Fused matmul + bias + activation: one kernel per layer on backends that fuse (wasm, tensorflow). */
export function applyDense(layer: Dense, x: tf.Tensor2D): tf.Tensor2D {
  if (layer.activation === 'tanh') {
    return tf.tanh(tf.fused.matMul({ a: x, b: layer.kernel as tf.Tensor2D, bias: layer.bias })) as tf.Tensor2D;
  }
  return tf.fused.matMul({ a: x, b: layer.kernel as tf.Tensor2D, bias: layer.bias, activation: layer.activation }) as tf.Tensor2D;
}

export const denseVariables = (layer: Dense): NamedVariable[] => [
  { name: `${layer.name}/kernel`, variable: layer.kernel },
  { name: `${layer.name}/bias`, variable: layer.bias },
];
