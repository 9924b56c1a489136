import { formatShape, inferLayer, layerName, SpecError, type Shape } from './infer';
import type { Activation, LayerSpec } from './layers';

const sameShape = (a: Shape, b: Shape) => formatShape(a) === formatShape(b);

/** Layers that carry weights and an activation. */
const isWeighted = (layer: LayerSpec): layer is Extract<LayerSpec, { activation: Activation; type: 'dense' | 'conv2d' | 'conv2dTranspose' }> =>
  layer.type === 'dense' || layer.type === 'conv2d' || layer.type === 'conv2dTranspose';

/** Output shape of `layers` applied to `input`, or null when any of them does not fit. */
function outputOf(layers: LayerSpec[], input: Shape): Shape | null {
  let shape = input;
  try {
    layers.forEach((layer, i) => (shape = inferLayer('decoder', layer, i, shape).outputShape));
  } catch (error) {
    if (error instanceof SpecError) return null;
    throw error;
  }
  return shape;
}

/**
 * The activation of the encoder layer that produced the shape before `position` (the input, before 0), so that
 * the decoder layer which gives that shape back ends in the same nonlinearity. Layers that only move values
 * (flatten, reshape, upsample, dropout, batchNorm) are looked through; an explicit activation layer stops the
 * search at 'linear', because it is mirrored as its own layer; the input is 'linear' (the decoder's last layer).
 */
function activationBefore(encoder: LayerSpec[], position: number): Activation {
  for (let j = position - 1; j >= 0; j--) {
    const layer = encoder[j];
    if (isWeighted(layer)) return layer.activation;
    if (layer.type === 'activation') return 'linear';
  }
  return 'linear';
}

/**
 * A convolution that inverts an encoder convolution's shape change, `from` → `to`. The plain mirror (same kernel,
 * stride and padding) comes first; when rounding made it miss (a 'same' stride that does not divide the size, or
 * 'valid' padding), a 'valid' transposed kernel sized to land on `to` (its output is n·s + k − s), and last a
 * 'same' transposed convolution followed by a 'valid' convolution that trims the extra rows and columns.
 */
function mirrorConvolution(layer: Extract<LayerSpec, { type: 'conv2d' | 'conv2dTranspose' }>, from: Shape, to: Shape, activation: Activation): LayerSpec[] | null {
  const [, , channels] = to;
  const { kernelSize, strides } = layer;
  const base = { filters: channels, strides, activation };
  const candidates: LayerSpec[][] =
    layer.type === 'conv2d'
      ? [
          [{ type: 'conv2dTranspose', ...base, kernelSize, padding: layer.padding }],
          [{ type: 'conv2dTranspose', ...base, kernelSize, padding: 'same' }],
          ...[to[0], to[1]].map((n, axis): LayerSpec[] => [{ type: 'conv2dTranspose', ...base, kernelSize: n - from[axis] * strides + strides, padding: 'valid' }]),
          [
            { type: 'conv2dTranspose', ...base, kernelSize, padding: 'same', activation: 'linear' },
            { type: 'conv2d', filters: channels, kernelSize: from[0] * strides - to[0] + 1, strides: 1, padding: 'valid', activation },
          ],
        ]
      : [
          [{ type: 'conv2d', ...base, kernelSize, padding: layer.padding }],
          [{ type: 'conv2d', ...base, kernelSize, padding: 'same' }],
        ];
  const inRange = (candidate: LayerSpec[]) => candidate.every((l) => !isWeighted(l) || l.type === 'dense' || (l.kernelSize >= 1 && l.kernelSize <= 15));
  return candidates.find((candidate) => inRange(candidate) && sameShape(outputOf(candidate, from) ?? [], to)) ?? null;
}

/**
 * "Mirror encoder": a decoder that retraces the encoder backwards, from the latent code to the input's shape.
 * A dense layer first gives back the encoder's (flat) output, then each encoder layer is undone in reverse order:
 * dense ↔ dense (to the layer's input width), conv2d stride s ↔ conv2dTranspose stride s (filters back to the
 * layer's input channels), flatten ↔ reshape to the shape before it, upsample ↔ a strided conv2d; activation,
 * batchNorm and dropout layers keep their place. Each weighted layer takes the activation that produced the shape
 * it gives back, so the last one, which gives back the input, is linear; nothing follows it.
 * Throws a SpecError naming the encoder layer when the encoder itself does not fit the input, or when a layer
 * cannot be undone exactly.
 */
export function mirrorEncoder(encoder: LayerSpec[], inputShape: Shape): LayerSpec[] {
  const shapes: Shape[] = [inputShape];
  encoder.forEach((layer, i) => shapes.push(inferLayer('encoder', layer, i, shapes[i]).outputShape));
  const encoded = shapes[encoder.length];
  if (encoded.length !== 1) {
    const last = encoder.length ? layerName('encoder', encoder[encoder.length - 1], encoder.length - 1) : 'input';
    throw new SpecError('latent', 'latent', `the latent head needs a flat encoder output, but '${last}' gives ${formatShape(encoded)}; end the encoder with a flatten`, encoder.length ? encoder.length - 1 : null);
  }

  const decoder: LayerSpec[] = [{ type: 'dense', units: encoded[0], activation: activationBefore(encoder, encoder.length) }];
  for (let i = encoder.length - 1; i >= 0; i--) {
    const layer = encoder[i];
    const from = shapes[i + 1];
    const to = shapes[i];
    const activation = activationBefore(encoder, i);
    switch (layer.type) {
      case 'dense':
        decoder.push({ type: 'dense', units: to[0], activation });
        break;
      case 'conv2d':
      case 'conv2dTranspose': {
        const mirrored = mirrorConvolution(layer, from, to, activation);
        if (!mirrored) {
          const name = layerName('encoder', layer, i);
          throw new SpecError(
            'encoder',
            name,
            `cannot mirror encoder layer '${name}' (${layer.type}): no ${layer.type === 'conv2d' ? 'transposed ' : ''}convolution gives back ${formatShape(to)} from ${formatShape(from)}; choose a stride that divides the input size, or 'same' padding`,
            i,
          );
        }
        decoder.push(...mirrored);
        break;
      }
      case 'upsample':
        decoder.push({ type: 'conv2d', filters: to[2], kernelSize: layer.size, strides: layer.size, padding: 'same', activation });
        break;
      case 'flatten':
      case 'reshape':
        if (to.length > 1) decoder.push({ type: 'reshape', targetShape: [...to] });
        else if (from.length > 1) decoder.push({ type: 'flatten' });
        break;
      case 'activation':
        decoder.push({ type: 'activation', activation: layer.activation });
        break;
      case 'batchNorm':
        decoder.push({ type: 'batchNorm' });
        break;
      case 'dropout':
        decoder.push({ type: 'dropout', rate: layer.rate });
        break;
    }
  }
  // Layers that act on the input (a dropout or activation before the first weighted layer) would act on the
  // reconstruction here: the decoder ends with the linear layer that gives back the input.
  while (decoder.length > 1 && ['activation', 'batchNorm', 'dropout'].includes(decoder[decoder.length - 1].type)) decoder.pop();

  const output = outputOf(decoder, [1]);
  if (!output || !sameShape(output, inputShape)) {
    throw new SpecError('decoder', 'decoder', `the mirrored decoder gives ${output ? formatShape(output) : 'no output'}, not the input's ${formatShape(inputShape)}`, null);
  }
  return decoder;
}
