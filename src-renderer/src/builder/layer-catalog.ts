import { formatShape, type Shape } from '../../../src-shared/model-spec/infer';
import type { LayerSpec, LayerType } from '../../../src-shared/model-spec/layers';

/** How the builder groups and colours layers (Neural Network Console's colour-coded categories). */
export type LayerCategory = 'dense' | 'conv' | 'reshape' | 'regularize';
export type NodeCategory = LayerCategory | 'latent' | 'io';

export const CATEGORY_COLORS: Record<NodeCategory, string> = {
  dense: '#5fb3ff',
  conv: '#4fd1a5',
  reshape: '#c792ea',
  regularize: '#f0a35e',
  latent: '#f5c35c',
  io: '#a9b6c2',
};

/** The palette: every layer type of the model spec, once, in its group. */
export const PALETTE_GROUPS: { category: LayerCategory; label: string; types: LayerType[] }[] = [
  { category: 'dense', label: 'Dense', types: ['dense'] },
  { category: 'conv', label: 'Convolution', types: ['conv2d', 'conv2dTranspose', 'upsample'] },
  { category: 'reshape', label: 'Reshape', types: ['flatten', 'reshape'] },
  { category: 'regularize', label: 'Activation & regularization', types: ['activation', 'batchNorm', 'dropout'] },
];

export const CATEGORY_OF = Object.fromEntries(PALETTE_GROUPS.flatMap((g) => g.types.map((t) => [t, g.category]))) as Record<LayerType, LayerCategory>;

export const LAYER_LABELS: Record<LayerType, string> = {
  dense: 'Dense',
  conv2d: 'Conv 2D',
  conv2dTranspose: 'Transposed conv 2D',
  upsample: 'Upsample',
  flatten: 'Flatten',
  reshape: 'Reshape',
  activation: 'Activation',
  batchNorm: 'Batch norm',
  dropout: 'Dropout',
};

const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/**
 * A new layer of a type, with settings that fit where it goes: a reshape of a flat input of n² values becomes an
 * n×n×1 image (a flat input otherwise stays flat), of an image a flat vector.
 */
export function defaultLayer(type: LayerType, input: Shape | null): LayerSpec {
  switch (type) {
    case 'dense':
      return { type, units: 128, activation: 'relu' };
    case 'conv2d':
    case 'conv2dTranspose':
      return { type, filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' };
    case 'upsample':
      return { type, size: 2 };
    case 'flatten':
      return { type };
    case 'reshape': {
      const n = input ? size(input) : 784;
      const side = Math.round(Math.sqrt(n));
      return { type, targetShape: input && input.length > 1 ? [n] : side * side === n ? [side, side, 1] : [n] };
    }
    case 'activation':
      return { type, activation: 'relu' };
    case 'batchNorm':
      return { type };
    case 'dropout':
      return { type, rate: 0.2 };
  }
}

/**
 * A layer's settings in a few characters, on their own line of its node: "16 × 3×3 · stride 2 · same", "128 units",
 * "→ 7×7×32". The activation is said beside the type (`layerActivation`), so each line fits a node's width.
 */
export function layerDetail(layer: LayerSpec): string {
  switch (layer.type) {
    case 'dense':
      return `${layer.units} units`;
    case 'conv2d':
    case 'conv2dTranspose':
      return `${layer.filters} × ${layer.kernelSize}×${layer.kernelSize} · stride ${layer.strides} · ${layer.padding}`;
    case 'upsample':
      return `×${layer.size}`;
    case 'reshape':
      return `→ ${formatShape(layer.targetShape)}`;
    case 'activation':
      return layer.activation;
    case 'dropout':
      return `rate ${layer.rate}`;
    case 'flatten':
    case 'batchNorm':
      return '';
  }
}

/** The activation a layer applies after its weights (dense and convolutions), or null. */
export const layerActivation = (layer: LayerSpec): string | null =>
  layer.type === 'dense' || layer.type === 'conv2d' || layer.type === 'conv2dTranspose' ? layer.activation : null;
