import type { Architecture, ArchitectureSummary, LatentKind } from './architecture';
import type { Shape } from './infer';
import type { LayerSpec } from './layers';

const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/**
 * Multiply-adds of one layer for one sample, the usual cost measure of a forward pass (biases, activations and
 * normalization are elementwise and left out, as in most published counts):
 * - dense: in · out;
 * - conv2d: k · k · c_in · c_out per output position, H_out · W_out positions;
 * - conv2dTranspose: each input position scatters a k · k · c_out patch from its c_in values, H_in · W_in positions;
 * - every other layer: 0.
 */
export function layerMultiplyAdds(layer: LayerSpec, inputShape: Shape, outputShape: Shape): number {
  switch (layer.type) {
    case 'dense':
      return size(inputShape) * layer.units;
    case 'conv2d': {
      const [h, w, filters] = outputShape;
      return layer.kernelSize * layer.kernelSize * inputShape[2] * filters * h * w;
    }
    case 'conv2dTranspose': {
      const [h, w, channels] = inputShape;
      return layer.kernelSize * layer.kernelSize * channels * outputShape[2] * h * w;
    }
    default:
      return 0;
  }
}

/** A latent head's multiply-adds: one dense map d → k, or two (μ and log σ²) for a Gaussian. */
export function latentHeadMultiplyAdds(encoderOutputSize: number, latentDim: number, latentKind: LatentKind): number {
  return (latentKind === 'gaussian' ? 2 : 1) * encoderOutputSize * latentDim;
}

export interface MultiplyAddCounts {
  encoder: number[];
  latent: number;
  decoder: number[];
  total: number;
}

/** Per-layer and total multiply-adds per sample of an architecture whose shapes `summary` inferred. */
export function countMultiplyAdds(arch: Architecture, summary: ArchitectureSummary, latentKind: LatentKind): MultiplyAddCounts {
  const encoder = arch.encoder.map((layer, i) => layerMultiplyAdds(layer, summary.encoder[i].inputShape, summary.encoder[i].outputShape));
  const latentDim = summary.latent.outputShape[summary.latent.outputShape.length - 1];
  const latent = latentHeadMultiplyAdds(size(summary.latent.inputShape), latentDim, latentKind);
  const decoder = arch.decoder.map((layer, i) => layerMultiplyAdds(layer, summary.decoder[i].inputShape, summary.decoder[i].outputShape));
  const total = [...encoder, latent, ...decoder].reduce((a, b) => a + b, 0);
  return { encoder, latent, decoder, total };
}
