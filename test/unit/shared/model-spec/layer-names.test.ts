import { describe, expect, it } from 'vitest';
import { layerNameIssues } from '../../../../src-shared/model-spec/layer-names';
import type { LayerSpec } from '../../../../src-shared/model-spec/layers';

const flatten = (name?: string): LayerSpec => ({ type: 'flatten', ...(name ? { name } : {}) });
const dense = (units: number, name?: string): LayerSpec => ({ type: 'dense', units, activation: 'linear', ...(name ? { name } : {}) });

describe('layer names', () => {
  it('accepts distinct given and default names', () => {
    expect(layerNameIssues({ encoder: [flatten(), dense(8), dense(4, 'code')], decoder: [dense(8), dense(784, 'out')] }, 'spec.')).toEqual([]);
  });

  it('points at the first holder of a name through the owner it is given, and at the later layer by path', () => {
    const parts = { encoder: [flatten(), dense(8, 'x')], decoder: [dense(784, 'x')] };
    const message = "layer name 'x' is used twice: {owner}encoder.1 has it too; give each layer its own name";
    expect(layerNameIssues(parts, 'model.')).toEqual([{ path: ['decoder', 0, 'name'], message: message.replace('{owner}', 'model.') }]);
    expect(layerNameIssues(parts, 'spec.')).toEqual([{ path: ['decoder', 0, 'name'], message: message.replace('{owner}', 'spec.') }]);
  });

  it("refuses the trainer's own names, given or not, and checks a lone part", () => {
    expect(layerNameIssues({ decoder: [dense(784, 'decoder_input')] }, 'spec.')).toEqual([
      { path: ['decoder', 0, 'name'], message: "layer name 'decoder_input' is reserved for a layer the trainer adds; choose another" },
    ]);
  });
});
