import * as tf from '@tensorflow/tfjs';
import type { PcaFit } from '../linalg';
import type { Autoencoder } from './autoencoder';

let instanceCounter = 0;

/**
 * PCA as an autoencoder with fixed weights, so it trains, evaluates, saves and explores like any other run:
 * encode z = Uᵀ(x − m), decode x̂ = U z + m, with U the D×k principal directions and m the training mean.
 */
export function createPcaModel(fit: Pick<PcaFit, 'mean' | 'components'>, inputShape: number[]): Autoencoder {
  const scope = `pca${++instanceCounter}`;
  const mean = tf.variable(fit.mean, false, `${scope}_mean`);
  const components = tf.variable(fit.components, false, `${scope}_components`);
  const d = inputShape.reduce((a, b) => a * b, 1);
  return {
    family: 'pca',
    latentDim: components.shape[1] as number,
    latentKind: 'deterministic',
    inputShape,
    encode(x) {
      return { mu: tf.tidy(() => tf.matMul(tf.sub(x.reshape([x.shape[0], d]), mean), components) as tf.Tensor2D), logVar: null };
    },
    decode(z) {
      return tf.tidy(() => tf.add(tf.matMul(z, components, false, true), mean) as tf.Tensor2D);
    },
    logSigma: null,
    variables: [],
    namedVariables: [
      { name: 'pca/mean', variable: mean },
      { name: 'pca/components', variable: components },
    ],
    dispose() {
      mean.dispose();
      components.dispose();
    },
  };
}
