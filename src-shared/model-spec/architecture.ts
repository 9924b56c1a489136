import { formatShape, inferLayer, layerName, SpecError, type InferredLayer, type Shape } from './infer';
import type { Activation, LayerSpec } from './layers';

export type LatentKind = 'gaussian' | 'deterministic';

export interface Architecture {
  encoder: LayerSpec[];
  decoder: LayerSpec[];
}

export interface ArchitectureSummary {
  inputShape: Shape;
  encoder: InferredLayer[];
  latent: InferredLayer;
  decoder: InferredLayer[];
  totalParams: number;
}

/**
 * The MLP shorthand: flatten → dense(h₁) → … (encoder) and dense(…h₁) → dense(D) → reshape (decoder, mirrored).
 * `hidden: []` gives a linear (affine) map on each side.
 */
export function mlpArchitecture(hidden: number[], activation: Activation, inputShape: Shape, outputActivation: Activation = 'linear'): Architecture {
  const d = inputShape.reduce((a, b) => a * b, 1);
  return {
    encoder: [...(inputShape.length > 1 ? [{ type: 'flatten' as const }] : []), ...hidden.map((units) => ({ type: 'dense' as const, units, activation }))],
    decoder: [
      ...[...hidden].reverse().map((units) => ({ type: 'dense' as const, units, activation })),
      { type: 'dense', units: d, activation: outputActivation, name: 'dec_output' },
      ...(inputShape.length > 1 ? [{ type: 'reshape' as const, targetShape: inputShape }] : []),
    ],
  };
}

/**
 * Infers every layer's shape and parameter count through encoder → latent head → decoder, and checks that the
 * decoder gives back the input's shape. Throws a SpecError naming the layer and the mismatch.
 * The latent head maps the (flat) encoder output to z: one dense map, or two (μ and log σ²) for a Gaussian.
 */
export function summarizeArchitecture(arch: Architecture, inputShape: Shape, latentDim: number, latentKind: LatentKind): ArchitectureSummary {
  const encoder: InferredLayer[] = [];
  let shape = inputShape;
  arch.encoder.forEach((layer, i) => {
    const inferred = inferLayer('encoder', layer, i, shape);
    encoder.push(inferred);
    shape = inferred.outputShape;
  });
  if (shape.length !== 1) {
    const last = encoder.at(-1)?.name ?? 'input';
    throw new SpecError(
      'latent',
      'latent',
      `the latent head needs a flat encoder output, but '${last}' gives ${formatShape(shape)}; end the encoder with a flatten`,
      encoder.length > 0 ? encoder.length - 1 : null,
    );
  }
  const heads = latentKind === 'gaussian' ? 2 : 1;
  const latent: InferredLayer = {
    name: latentKind === 'gaussian' ? 'latent_gaussian' : 'latent',
    type: 'latent',
    inputShape: shape,
    outputShape: latentKind === 'gaussian' ? [2, latentDim] : [latentDim],
    params: heads * (shape[0] * latentDim + latentDim),
  };
  const decoder: InferredLayer[] = [];
  shape = [latentDim];
  arch.decoder.forEach((layer, i) => {
    const inferred = inferLayer('decoder', layer, i, shape);
    decoder.push(inferred);
    shape = inferred.outputShape;
  });
  if (formatShape(shape) !== formatShape(inputShape)) {
    // With no decoder layers the output is z itself: named as the diagram names it (the reparameterization 'z' of a
    // Gaussian head, the deterministic head 'latent').
    const last = arch.decoder.length ? layerName('decoder', arch.decoder[arch.decoder.length - 1], arch.decoder.length - 1) : latentKind === 'gaussian' ? 'z' : 'latent';
    throw new SpecError(
      'decoder',
      last,
      `decoder output ${formatShape(shape)} ≠ input ${formatShape(inputShape)} at layer '${last}'`,
      arch.decoder.length > 0 ? arch.decoder.length - 1 : null,
    );
  }
  const totalParams = [...encoder, latent, ...decoder].reduce((sum, l) => sum + l.params, 0);
  return { inputShape, encoder, latent, decoder, totalParams };
}
