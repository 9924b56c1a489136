import * as tf from '@tensorflow/tfjs';
import type { VaeModelConfig } from '../../../src-shared/config/run-config';
import { applyDense, createDense, denseVariables, nextModelScope, type Dense, type NamedVariable } from './dense';

/**
 * The MLP VAE: Gaussian encoder q(z|x) = N(μ(x), diag exp(log σ²(x))) and a decoder giving the logits of a
 * Bernoulli p(x|z). Layer names match src-shared/model-spec/vae-mlp.ts.
 */
export interface VaeMlp {
  latentDim: number;
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logVar: tf.Tensor2D };
  /** Logits of p(x|z). */
  decode(z: tf.Tensor2D): tf.Tensor2D;
  /** Trainable variables, for the optimizer. */
  variables: tf.Variable[];
  /** The same variables under their weights-file names. */
  namedVariables: NamedVariable[];
  dispose(): void;
}

export function createVaeMlp(config: VaeModelConfig, inputDim: number, seed: number): VaeMlp {
  const scope = nextModelScope();
  let layerSeed = seed;
  const nextSeed = () => (layerSeed = (layerSeed * 1103515245 + 12345) % 2147483647);
  const encoder: Dense[] = [];
  let width = inputDim;
  config.hidden.forEach((units, i) => {
    encoder.push(createDense(scope, `enc_dense${i + 1}`, width, units, config.activation, nextSeed()));
    width = units;
  });
  const muHead = createDense(scope, 'enc_gaussian/mu', width, config.latentDim, 'linear', nextSeed());
  const logVarHead = createDense(scope, 'enc_gaussian/log_var', width, config.latentDim, 'linear', nextSeed());

  const decoder: Dense[] = [];
  width = config.latentDim;
  [...config.hidden].reverse().forEach((units, i) => {
    decoder.push(createDense(scope, `dec_dense${i + 1}`, width, units, config.activation, nextSeed()));
    width = units;
  });
  const logitsLayer = createDense(scope, 'dec_logits', width, inputDim, 'linear', nextSeed());

  const layers = [...encoder, muHead, logVarHead, ...decoder, logitsLayer];
  const namedVariables = layers.flatMap(denseVariables);
  const variables = namedVariables.map((v) => v.variable);

  return {
    latentDim: config.latentDim,
    encode(x) {
      return tf.tidy(() => {
        const h = encoder.reduce((acc, layer) => applyDense(layer, acc), x);
        return { mu: applyDense(muHead, h), logVar: applyDense(logVarHead, h) };
      });
    },
    decode(z) {
      return tf.tidy(() => applyDense(logitsLayer, decoder.reduce((acc, layer) => applyDense(layer, acc), z)));
    },
    variables,
    namedVariables,
    dispose() {
      variables.forEach((v) => v.dispose());
    },
  };
}
