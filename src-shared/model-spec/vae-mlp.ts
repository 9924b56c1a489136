import type { VaeModelConfig } from '../config/run-config';

export interface LayerSummary {
  name: string;
  kind: 'dense' | 'gaussian-head';
  inputShape: number[];
  outputShape: number[];
  params: number;
}

export interface ModelSummary {
  encoder: LayerSummary[];
  decoder: LayerSummary[];
  totalParams: number;
}

const dense = (name: string, inputs: number, units: number): LayerSummary => ({
  name,
  kind: 'dense',
  inputShape: [inputs],
  outputShape: [units],
  params: inputs * units + units,
});

/**
 * Layer-by-layer shapes and parameter counts of the MLP VAE: encoder x → hidden… → (μ, log σ²),
 * decoder z → reversed hidden… → logits of p(x|z). The trainer builds exactly these layers, by these names.
 */
export function summarizeVaeMlp(model: VaeModelConfig, inputDim: number): ModelSummary {
  const encoder: LayerSummary[] = [];
  let width = inputDim;
  model.hidden.forEach((units, i) => {
    encoder.push(dense(`enc_dense${i + 1}`, width, units));
    width = units;
  });
  const head: LayerSummary = {
    name: 'enc_gaussian',
    kind: 'gaussian-head',
    inputShape: [width],
    outputShape: [2, model.latentDim],
    params: 2 * (width * model.latentDim + model.latentDim),
  };
  encoder.push(head);

  const decoder: LayerSummary[] = [];
  width = model.latentDim;
  [...model.hidden].reverse().forEach((units, i) => {
    decoder.push(dense(`dec_dense${i + 1}`, width, units));
    width = units;
  });
  decoder.push(dense('dec_logits', width, inputDim));

  const totalParams = [...encoder, ...decoder].reduce((sum, l) => sum + l.params, 0);
  return { encoder, decoder, totalParams };
}
