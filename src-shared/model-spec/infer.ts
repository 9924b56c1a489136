import type { LayerSpec } from './layers';

export type Shape = number[];

export interface InferredLayer {
  name: string;
  type: LayerSpec['type'] | 'latent';
  inputShape: Shape;
  outputShape: Shape;
  params: number;
}

/** A spec that cannot work, located at the layer where it breaks. */
export class SpecError extends Error {
  constructor(
    readonly part: 'encoder' | 'latent' | 'decoder',
    readonly layer: string,
    message: string,
    /** Position of the layer in its part's spec, when the error is at a spec layer. */
    readonly index: number | null = null,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

export const formatShape = (shape: Shape): string => shape.join('×');
const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** Output size of a convolution along one axis ('same' pads to ceil(n / s); 'valid' uses only full windows). */
const convOut = (n: number, k: number, s: number, padding: 'same' | 'valid') => (padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1);
/**
 * Output size of a transposed convolution, as tfjs computes it (deconvLength): n·s for 'same', n·s + max(k − s, 0)
 * for 'valid' — (n − 1)·s + k when k ≥ s (Dumoulin & Visin 2016, relationship 14).
 */
const deconvOut = (n: number, k: number, s: number, padding: 'same' | 'valid') => (padding === 'same' ? n * s : n * s + Math.max(k - s, 0));

/** The default name of the i-th layer of a part: enc_dense1, dec_conv2dTranspose3, … */
export const layerName = (part: 'encoder' | 'decoder', layer: LayerSpec, index: number): string =>
  layer.name ?? `${part === 'encoder' ? 'enc' : 'dec'}_${layer.type}${index + 1}`;

/** Shape and parameter count of one layer, or a SpecError that says what to change. */
export function inferLayer(part: 'encoder' | 'decoder', layer: LayerSpec, index: number, input: Shape): InferredLayer {
  const nameOf = layerName(part, layer, index);
  const fail = (message: string): never => {
    throw new SpecError(part, nameOf, `${part} layer '${nameOf}' (${layer.type}): ${message}`, index);
  };
  const image = () => {
    if (input.length !== 3) fail(`needs an image input H×W×C, got ${formatShape(input)}; add a reshape before it`);
    return input as [number, number, number];
  };
  let output: Shape;
  let params = 0;
  switch (layer.type) {
    case 'dense': {
      if (input.length !== 1) fail(`needs a flat input, got ${formatShape(input)}; add a flatten before it`);
      output = [layer.units];
      params = input[0] * layer.units + layer.units;
      break;
    }
    case 'conv2d':
    case 'conv2dTranspose': {
      const [h, w, c] = image();
      const along = layer.type === 'conv2d' ? convOut : deconvOut;
      const oh = along(h, layer.kernelSize, layer.strides, layer.padding);
      const ow = along(w, layer.kernelSize, layer.strides, layer.padding);
      if (oh < 1 || ow < 1) fail(`a ${layer.kernelSize}×${layer.kernelSize} kernel does not fit the ${h}×${w} input with 'valid' padding`);
      output = [oh, ow, layer.filters];
      params = layer.kernelSize * layer.kernelSize * c * layer.filters + layer.filters;
      break;
    }
    case 'upsample': {
      const [h, w, c] = image();
      output = [h * layer.size, w * layer.size, c];
      break;
    }
    case 'flatten':
      output = [size(input)];
      break;
    case 'reshape':
      if (size(layer.targetShape) !== size(input)) {
        fail(`cannot reshape ${formatShape(input)} (${size(input)} values) to ${formatShape(layer.targetShape)} (${size(layer.targetShape)} values)`);
      }
      output = [...layer.targetShape];
      break;
    case 'batchNorm':
      // γ and β train; the moving mean and variance are kept too (counted as Keras does).
      output = [...input];
      params = 4 * input[input.length - 1];
      break;
    case 'activation':
    case 'dropout':
      output = [...input];
      break;
  }
  return { name: nameOf, type: layer.type, inputShape: input, outputShape: output, params };
}
