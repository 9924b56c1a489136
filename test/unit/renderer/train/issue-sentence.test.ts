import { describe, expect, it } from 'vitest';
import { checkConfigAgainstDataset } from '../../../../src-shared/config/check-against-dataset';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import type { LayerSpec } from '../../../../src-shared/model-spec/layers';
import { issueSentence } from '../../../../src-renderer/src/train/issue-sentence';

const conv: LayerSpec = { type: 'conv2d', name: 'conv1', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' };
const layers = {
  encoder: [conv, { type: 'flatten' }] as LayerSpec[],
  decoder: [
    { type: 'dense', units: 14 * 14 * 8, activation: 'relu' },
    { type: 'reshape', targetShape: [14, 14, 8] },
    { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' },
  ] as LayerSpec[],
};

describe('issueSentence', () => {
  it("names a layer of the spec by its place, name and type, saying the layer only once", () => {
    // The host's own issue for a conv encoder on 2-D points.
    const parsed = parseRunConfig({ dataset: { id: 'builtin:moons' }, model: { family: 'vae', latentDim: 2, likelihood: 'gaussian', ...layers } });
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    const [issue] = checkConfigAgainstDataset(parsed.config, { id: 'builtin:moons', kind: 'vector', sampleShape: [2] });
    expect(issue.path).toBe('model.encoder.0');
    expect(issueSentence(issue, layers)).toBe("encoder layer 1 'conv1' (conv2d): needs an image input H×W×C, got 2; add a reshape before it");
  });

  it('keeps messages that do not start with the layer, and names a field of a layer', () => {
    expect(issueSentence({ path: 'model.decoder.2', message: "decoder output 14×14×1 ≠ input 28×28×1 at layer 'dec_conv2dTranspose3'" }, layers)).toBe(
      "decoder layer 3 'dec_conv2dTranspose3' (conv2dTranspose): decoder output 14×14×1 ≠ input 28×28×1",
    );
    expect(issueSentence({ path: 'model.encoder.0.filters', message: 'must be at least 1' }, {})).toBe("encoder layer 1, field 'filters': must be at least 1");
  });

  it('gives a whole-model error as its message, and any other path after it', () => {
    expect(issueSentence({ path: 'model', message: "decoder output 8 ≠ input 2 at layer 'z'" }, {})).toBe("decoder output 8 ≠ input 2 at layer 'z'");
    expect(issueSentence({ path: 'objective.foo', message: 'unknown field' }, {})).toBe('unknown field (objective.foo)');
  });
});
