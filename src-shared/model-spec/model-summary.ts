import type { ModelConfig } from '../config/run-config';
import { mlpArchitecture, summarizeArchitecture, type Architecture, type ArchitectureSummary, type LatentKind } from './architecture';
import type { Shape } from './infer';

/** The MLP a model config without `hidden` or a layer spec stands for. */
export const DEFAULT_HIDDEN = [256, 128];

/** Datasets store images as [C, H, W]; models see them channels-last, [H, W, C]. Vectors stay [D]. */
export function specInputShape(sampleShape: number[]): Shape {
  return sampleShape.length === 3 ? [sampleShape[1], sampleShape[2], sampleShape[0]] : [...sampleShape];
}

export const latentKindOf = (model: ModelConfig): LatentKind => (model.family === 'vae' ? 'gaussian' : 'deterministic');

/** The encoder and decoder a model config stands for (PCA has none: it is solved in closed form). */
export function resolveArchitecture(model: ModelConfig, inputShape: Shape): Architecture | null {
  switch (model.family) {
    case 'pca':
    case 'gae':
    case 'vgae':
      return null;
    case 'linear-ae':
      return mlpArchitecture([], 'linear', inputShape);
    default:
      if (model.encoder && model.decoder) return { encoder: model.encoder, decoder: model.decoder };
      return mlpArchitecture(model.hidden ?? DEFAULT_HIDDEN, model.activation, inputShape, model.outputActivation);
  }
}

/** Shapes and parameter counts of a model on a dataset; throws a SpecError naming the layer that does not fit. */
export function summarizeModel(model: ModelConfig, sampleShape: number[]): ArchitectureSummary {
  const inputShape = specInputShape(sampleShape);
  const arch = resolveArchitecture(model, inputShape);
  if (!arch && (model.family === 'gae' || model.family === 'vgae')) {
    // GCN weights, no biases (Kipf's reference code): F → h₁ → … → z, twice at the end for VGAE's μ and log σ. A
    // graph without features reads the identity (one feature per node), which the trainer counts when it starts.
    const f = sampleShape[0] ?? 0;
    const widths = [f, ...model.hidden];
    let params = 0;
    for (let i = 1; i < widths.length; i++) params += widths[i - 1] * widths[i];
    const heads = model.family === 'vgae' ? 2 : 1;
    const latent = { name: 'gcn_latent', type: 'latent' as const, inputShape: [model.hidden[model.hidden.length - 1]], outputShape: [model.latentDim], params: heads * model.hidden[model.hidden.length - 1] * model.latentDim };
    return { inputShape, encoder: [], latent, decoder: [], totalParams: params + latent.params };
  }
  if (!arch) {
    const d = inputShape.reduce((a, b) => a * b, 1);
    // PCA keeps the mean and k principal directions.
    const latent = { name: 'pca', type: 'latent' as const, inputShape: [d], outputShape: [model.latentDim], params: d * model.latentDim + d };
    return { inputShape, encoder: [], latent, decoder: [], totalParams: latent.params };
  }
  const summary = summarizeArchitecture(arch, inputShape, model.latentDim, latentKindOf(model));
  // A learned-σ Gaussian decoder has one more parameter: log σ, shared by all outputs.
  const learnedSigma = model.family === 'vae' && model.likelihood === 'gaussian-learned' ? 1 : 0;
  return { ...summary, totalParams: summary.totalParams + learnedSigma };
}
