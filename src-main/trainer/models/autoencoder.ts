import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { latentKindOf, resolveArchitecture } from '../../../src-shared/model-spec/model-summary';
import { buildSequential, type Network } from '../network/build-sequential';
import type { NamedVariable } from '../weights';

let instanceCounter = 0;

/**
 * An autoencoder built from its spec: encoder → latent head → decoder. The head is one dense map to z
 * (deterministic) or two, to μ and log σ² of q(z|x) = N(μ, diag σ²) (Gaussian). Inputs are [N, ...inputShape];
 * decode returns [N, D] flat (logits for a Bernoulli decoder, means otherwise).
 */
export interface Autoencoder {
  family: ModelConfig['family'];
  latentDim: number;
  latentKind: 'gaussian' | 'deterministic';
  inputShape: number[];
  encode(x: tf.Tensor, training?: boolean): { mu: tf.Tensor2D; logVar: tf.Tensor2D | null };
  decode(z: tf.Tensor2D, training?: boolean): tf.Tensor2D;
  /** log σ of a Gaussian decoder with learned σ (one σ for all outputs), else null. */
  logSigma: tf.Variable | null;
  variables: tf.Variable[];
  namedVariables: NamedVariable[];
  dispose(): void;
}

export function createAutoencoder(model: Exclude<ModelConfig, { family: 'pca' }>, inputShape: number[], seed: number): Autoencoder {
  const scope = `m${++instanceCounter}`;
  const arch = resolveArchitecture(model, inputShape);
  if (!arch) throw new Error(`${model.family} has no encoder and decoder`);
  const latentKind = latentKindOf(model);
  const d = inputShape.reduce((a, b) => a * b, 1);

  const encoder: Network = buildSequential(scope, 'encoder', arch.encoder, inputShape, seed);
  const features = encoder.model.outputs[0].shape[1] as number;
  const headSpec = { type: 'dense' as const, units: model.latentDim, activation: 'linear' as const };
  const heads = (latentKind === 'gaussian' ? ['latent_mu', 'latent_log_var'] : ['latent']).map((name, i) =>
    buildSequential(scope, 'encoder', [{ ...headSpec, name }], [features], seed + 104_729 * (i + 1)),
  );
  const decoder = buildSequential(scope, 'decoder', arch.decoder, [model.latentDim], seed + 1_299_709);
  const logSigma =
    model.family === 'vae' && model.likelihood === 'gaussian-learned'
      ? tf.tidy(() => tf.variable(tf.scalar(Math.log(model.sigma)), true, `${scope}_log_sigma`))
      : null;

  const networks = [encoder, ...heads, decoder];
  const namedVariables = [
    ...networks.flatMap((n) => n.weights),
    ...(logSigma ? [{ name: 'likelihood/log_sigma', variable: logSigma }] : []),
  ];
  const variables = [...networks.flatMap((n) => n.trainable), ...(logSigma ? [logSigma] : [])];

  return {
    family: model.family,
    latentDim: model.latentDim,
    latentKind,
    inputShape,
    encode(x, training = false) {
      const [mu, logVar] = tf.tidy(() => {
        const h = encoder.model.apply(x, { training }) as tf.Tensor2D;
        return heads.map((head) => head.model.apply(h, { training }) as tf.Tensor2D);
      });
      return { mu, logVar: logVar ?? null };
    },
    decode(z, training = false) {
      return tf.tidy(() => {
        const out = decoder.model.apply(z, { training }) as tf.Tensor;
        return out.reshape([out.shape[0], d]) as tf.Tensor2D;
      });
    },
    logSigma,
    variables,
    namedVariables,
    dispose() {
      networks.forEach((n) => n.model.dispose());
      logSigma?.dispose();
    },
  };
}
