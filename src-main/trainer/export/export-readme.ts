import type { ExportJob } from './export-job';
import type { PortableModel } from './portable-model';

/** The README.md written next to an exported model: what it is, what it expects and gives, how to load it. */
export function exportReadme(format: 'tfjs' | 'onnx', model: PortableModel, job: ExportJob): string {
  const image = model.inputShape.length === 3;
  const shape = `[N, ${model.inputShape.join(', ')}]`;
  const outputs = model.latentKind === 'gaussian' ? '`mu` and `log_var` (μ and log σ² of q(z|x), each [N, k]; σ = exp(log_var / 2))' : '`z` ([N, k])';
  const lines = [
    `# Run #${job.run.id} ${job.run.name} — ${format === 'tfjs' ? 'TF.js layers models' : 'ONNX models'}`,
    '',
    `Exported by Latent Lab ${job.appVersion} from a ${model.family} (latent size k = ${model.latentDim}) trained on ${job.datasetInfo.name}.`,
    '',
    '## Inputs and outputs',
    '',
    `- Input x: float32 ${shape}${image ? ', channels-last (NHWC, as TF.js), pixel values / 255 in [0, 1], no other normalization' : ''}.`,
    `- Encoder: x → ${outputs}.`,
    `- Decoder: z ([N, k]) → E[x | z], ${shape}${model.output === 'sigmoid' ? ' (the sigmoid of the Bernoulli decoder\'s logits, so values are in [0, 1])' : ''}.`,
    ...(model.sigma !== undefined ? [`- The decoder's Gaussian likelihood has σ = ${model.sigma}.`] : []),
    '- `latent-lab-export.json` has all of this as data, with the run\'s full config.',
    '',
    '## Loading',
    '',
  ];
  if (format === 'tfjs') {
    lines.push(
      'Three models: `encoder/`, `decoder/`, and `autoencoder/` (x → E[x | μ(x)], the reconstruction).',
      '',
      '```js',
      "const encoder = await tf.loadLayersModel('https://…/encoder/model.json'); // in a browser",
      model.latentKind === 'gaussian' ? `const [mu, logVar] = encoder.predict(x); // x: tf.tensor of shape ${shape}` : `const z = encoder.predict(x); // x: tf.tensor of shape ${shape}`,
      '```',
      '',
      'In Node without tfjs-node, read `model.json` and `weights.bin` and load them with `tf.io.fromMemory`.',
    );
  } else {
    lines.push(
      'Two models, `encoder.onnx` and `decoder.onnx`: opset 17, IR version 8, so ONNX Runtime 1.14 or newer and most',
      "converters read them. Inputs and outputs are named (`x` → " + (model.latentKind === 'gaussian' ? '`mu`, `log_var`' : '`z`') + '; `z` → `x_mean`) and the',
      'batch dimension is free. Images stay NHWC at the boundary (inside, convolutions run in ONNX\'s NCHW).',
      '',
      '```python',
      'import onnxruntime as ort',
      "encoder = ort.InferenceSession('encoder.onnx')",
      "outputs = encoder.run(None, {'x': x})  # x: float32 array of shape " + shape,
      '```',
    );
  }
  return `${lines.join('\n')}\n`;
}
