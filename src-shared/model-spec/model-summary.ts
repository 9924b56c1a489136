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
    case 'graph-vae':
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
  if (!arch && model.family === 'graph-vae') {
    // Kernels and biases (graph-vae.ts): encoder GCN F → h → (μ, log σ²) z each; H = MLP(z) z → d → e and the logit
    // bias; feature decoder GCN z → d → (μ̃, log σ̃²) F each. A featureless set reads a degree one-hot whose width, and
    // the MLP decoder whose size, depend on the graphs: those weights are counted when the run starts (run.params).
    const dense = (a: number, b: number) => a * b + b;
    const f = sampleShape[0] ?? 0;
    const { encoderHidden: h, latentDim: z, decoderHidden: d, embeddingDim: e } = model;
    const known = dense(h, z) * 2 + dense(z, d) + (model.adjacencyDecoder === 'inner-product' ? dense(z, d) + dense(d, e) + (model.adjacencyBias ? 1 : 0) : 0);
    const input = f > 0 ? dense(f, h) + dense(d, f) * 2 : 0;
    const complete = f > 0 && model.adjacencyDecoder === 'inner-product';
    const latent = { name: complete ? 'graph_vae' : 'graph_vae (weights sized by the graphs counted when training starts)', type: 'latent' as const, inputShape: [h], outputShape: [z], params: known + input };
    return { inputShape, encoder: [], latent, decoder: [], totalParams: latent.params };
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
