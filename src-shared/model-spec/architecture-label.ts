import type { ModelConfig } from '../config/run-config';
import type { LayerSpec } from './layers';
import { DEFAULT_HIDDEN } from './model-summary';

const isConv = (layer: LayerSpec) => layer.type === 'conv2d' || layer.type === 'conv2dTranspose';

/**
 * A model's architecture in a few words, for run tables: "MLP 256-128 · z=8", "conv 3+4 layers · z=16" (encoder +
 * decoder layers), "layers 2+3 · z=4" for explicit layers without convolutions, "linear · z=2", "PCA k=2".
 */
export function architectureLabel(model: ModelConfig): string {
  const z = `z=${model.latentDim}`;
  switch (model.family) {
    case 'pca':
      return `PCA k=${model.latentDim}`;
    case 'linear-ae':
      return `linear · ${z}`;
    case 'gae':
    case 'vgae':
      return `GCN ${model.hidden.join('-')} · ${z}`;
    case 'graph-vae':
      return `GCN ${model.encoderHidden} · ${model.adjacencyDecoder === 'mlp' ? 'MLP decoder' : `H ${model.embeddingDim}`} · ${z}`;
    default: {
      if (model.encoder && model.decoder) {
        const counts = `${model.encoder.length}+${model.decoder.length}`;
        return [...model.encoder, ...model.decoder].some(isConv) ? `conv ${counts} layers · ${z}` : `layers ${counts} · ${z}`;
      }
      const hidden = model.hidden ?? DEFAULT_HIDDEN;
      return hidden.length > 0 ? `MLP ${hidden.join('-')} · ${z}` : `MLP, no hidden layer · ${z}`;
    }
  }
}
