import { isGraphFamily } from '../../../../src-shared/config/run-config';
import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { PRESETS } from '../../../../src-shared/config/presets';
import { builtinDatasetInfo } from '../../../../src-shared/datasets/builtin';
import { summarizeArchitecture, type Architecture } from '../../../../src-shared/model-spec/architecture';
import { countMultiplyAdds } from '../../../../src-shared/model-spec/multiply-adds';
import { latentKindOf, resolveArchitecture, specInputShape, summarizeModel } from '../../../../src-shared/model-spec/model-summary';
import { draftFromArchitecture, type BuilderDraft } from '../../../../src-renderer/src/builder/draft';
import { buildGraph, graphToArchitecture, insertionAfter, LOG_VAR_ID, MU_ID, OUTPUT_ID, Z_ID } from '../../../../src-renderer/src/builder/graph';

const conv = (filters: number, strides: number, name?: string) =>
  ({ type: 'conv2d' as const, filters, kernelSize: 3, strides, padding: 'same' as const, activation: 'relu' as const, ...(name ? { name } : {}) });
const deconv = (filters: number, strides: number, name?: string) => ({ ...conv(filters, strides, name), type: 'conv2dTranspose' as const });
const convVae: Architecture = {
  encoder: [conv(16, 2), conv(32, 2), { type: 'flatten' }],
  decoder: [{ type: 'dense', units: 1568, activation: 'relu' }, { type: 'reshape', targetShape: [7, 7, 32] }, deconv(16, 2), { ...deconv(1, 2, 'deconv2'), activation: 'linear' }],
};
const draftOf = (arch: Architecture, family: BuilderDraft['family'] = 'vae', latentDim = 8) => draftFromArchitecture(arch, family, latentDim);

describe('graph of a draft', () => {
  it('draws input → encoder → μ and log σ² heads → z = μ + σ ⊙ ε → decoder → output for a VAE, each node with its shape', () => {
    const graph = buildGraph(draftOf(convVae), [28, 28, 1]);
    expect(graph.nodes.map((n) => [n.id, n.name, n.outputShape])).toEqual([
      ['input', 'input', [28, 28, 1]],
      ['L1', 'enc_conv2d1', [14, 14, 16]],
      ['L2', 'enc_conv2d2', [7, 7, 32]],
      ['L3', 'enc_flatten3', [1568]],
      [MU_ID, 'latent_mu', [8]],
      [LOG_VAR_ID, 'latent_log_var', [8]],
      [Z_ID, 'z', [8]],
      ['L4', 'dec_dense1', [1568]],
      ['L5', 'dec_reshape2', [7, 7, 32]],
      ['L6', 'dec_conv2dTranspose3', [14, 14, 16]],
      ['L7', 'deconv2', [28, 28, 1]],
      [OUTPUT_ID, 'output', [28, 28, 1]],
    ]);
    expect(graph.edges.map((e) => e.id)).toEqual([
      'input->L1',
      'L1->L2',
      'L2->L3',
      `L3->${MU_ID}`,
      `L3->${LOG_VAR_ID}`,
      `${MU_ID}->${Z_ID}`,
      `${LOG_VAR_ID}->${Z_ID}`,
      `${Z_ID}->L4`,
      'L4->L5',
      'L5->L6',
      'L6->L7',
      `L7->${OUTPUT_ID}`,
    ]);
    expect(graph.errors).toEqual([]);
    expect(graph.nodes.find((n) => n.id === MU_ID)!.params).toBe(1568 * 8 + 8);
  });

  it('counts the same parameters as the host and the multiply-adds of multiply-adds.ts', () => {
    const graph = buildGraph(draftOf(convVae), [28, 28, 1]);
    const summary = summarizeArchitecture(convVae, [28, 28, 1], 8, 'gaussian');
    expect(graph.totals).toEqual({ params: summary.totalParams, multiplyAdds: countMultiplyAdds(convVae, summary, 'gaussian').total, complete: true });
  });

  it('draws one deterministic z for an AE or a DAE, and the DAE input as corrupted', () => {
    for (const family of ['ae', 'dae'] as const) {
      const graph = buildGraph(draftOf(convVae, family), [28, 28, 1]);
      const latent = graph.nodes.filter((n) => n.band === 'latent');
      expect(latent.map((n) => [n.id, n.type])).toEqual([[Z_ID, 'dense → z']]);
      expect(graph.edges.filter((e) => e.target === Z_ID).map((e) => e.source)).toEqual(['L3']);
      expect(graph.nodes[0].type).toBe(family === 'dae' ? 'x̃ = corrupted x' : 'x');
    }
  });

  it("shows the linear AE's and PCA's fixed structure, read-only, with the host's parameter counts", () => {
    const linear = buildGraph(draftOf(convVae, 'linear-ae', 4), [28, 28, 1]);
    expect(linear.nodes.map((n) => n.name)).toEqual(['input', 'enc_flatten1', 'latent', 'dec_output', 'dec_reshape2', 'output']);
    expect(linear.nodes.every((n) => !n.editable)).toBe(true);
    expect(linear.edges.every((e) => e.insertAt === null)).toBe(true);
    expect(linear.totals.params).toBe(summarizeModel({ family: 'linear-ae', latentDim: 4 }, [1, 28, 28]).totalParams);
    const pca = buildGraph(draftOf(convVae, 'pca', 4), [28, 28, 1]);
    expect(pca.nodes.map((n) => n.id)).toEqual(['input', 'pca', 'output']);
    expect(pca.totals.params).toBe(summarizeModel({ family: 'pca', latentDim: 4 }, [1, 28, 28]).totalParams);
  });

  it('turns the layer that does not fit red with the host\'s error, and leaves the shapes after it unknown', () => {
    const wrongStride = { ...convVae, decoder: convVae.decoder.map((l) => (l.name === 'deconv2' ? { ...l, strides: 1 } : l)) };
    const graph = buildGraph(draftOf(wrongStride), [28, 28, 1]);
    expect(graph.nodes.find((n) => n.name === 'deconv2')!.error).toBe("decoder output 14×14×1 ≠ input 28×28×1 at layer 'deconv2'");
    expect(graph.errors).toEqual(["decoder output 14×14×1 ≠ input 28×28×1 at layer 'deconv2'"]);
    expect(graph.totals.complete).toBe(false);

    const denseOnImage = buildGraph(draftOf({ ...convVae, encoder: [{ type: 'dense', units: 4, activation: 'relu', name: 'fc' }, ...convVae.encoder] }), [28, 28, 1]);
    const fc = denseOnImage.nodes.find((n) => n.name === 'fc')!;
    expect(fc.error).toMatch(/encoder layer 'fc' \(dense\): needs a flat input, got 28×28×1; add a flatten before it/);
    expect(denseOnImage.nodes.filter((n) => n.band === 'encoder' && n.at && n.at.index > 0).map((n) => n.outputShape)).toEqual([null, null, null]);
    expect(denseOnImage.nodes.find((n) => n.id === MU_ID)!.outputShape).toBeNull();
    // The decoder starts from z: its shapes are known whatever the encoder does.
    expect(denseOnImage.nodes.find((n) => n.name === 'deconv2')!.outputShape).toEqual([28, 28, 1]);
  });

  it('puts the missing flatten on the latent head, an empty decoder on the output, and names used twice on their layer', () => {
    const graph = buildGraph(draftOf({ encoder: [conv(4, 2)], decoder: [] }), [28, 28, 1]);
    expect(graph.nodes.find((n) => n.id === MU_ID)!.error).toMatch(/the latent head needs a flat encoder output, but 'enc_conv2d1' gives 14×14×4/);
    expect(graph.errors).toContain('The decoder has no layers yet: add one from the palette (a side needs at least one to be saved).');
    const empty = buildGraph(draftOf({ encoder: [{ type: 'flatten' }], decoder: [] }), [28, 28, 1]);
    // The error names the node the canvas shows before the output: a VAE's z, an AE's deterministic head 'latent'.
    expect(empty.nodes.find((n) => n.id === OUTPUT_ID)!.error).toBe("decoder output 8 ≠ input 28×28×1 at layer 'z'");
    expect(empty.nodes.map((n) => n.name)).toContain('z');
    const emptyAe = buildGraph(draftOf({ encoder: [{ type: 'flatten' }], decoder: [] }, 'ae'), [28, 28, 1]);
    expect(emptyAe.nodes.find((n) => n.id === OUTPUT_ID)!.error).toBe("decoder output 8 ≠ input 28×28×1 at layer 'latent'");
    expect(emptyAe.nodes.map((n) => n.name)).toContain('latent');
    const twice = buildGraph(draftOf({ ...convVae, decoder: convVae.decoder.map((l, i) => (i === 0 ? { ...l, name: 'enc_conv2d1' } : l)) }), [28, 28, 1]);
    expect(twice.nodes.find((n) => n.id === 'L4')!.error).toBe("decoder layer 'enc_conv2d1': layer name 'enc_conv2d1' is used twice: encoder layer 1 has it too; give each layer its own name");
  });

  it('knows where a layer dropped on each edge, or added after each node, goes', () => {
    const graph = buildGraph(draftOf(convVae), [28, 28, 1]);
    const at = (source: string, target: string) => graph.edges.find((e) => e.source === source && e.target === target)!.insertAt;
    expect(at('input', 'L1')).toEqual({ part: 'encoder', index: 0 });
    expect(at('L3', MU_ID)).toEqual({ part: 'encoder', index: 3 });
    expect(at(MU_ID, Z_ID)).toBeNull();
    expect(at(Z_ID, 'L4')).toEqual({ part: 'decoder', index: 0 });
    expect(at('L7', OUTPUT_ID)).toEqual({ part: 'decoder', index: 4 });
    expect(insertionAfter(graph, null)).toEqual({ part: 'encoder', index: 3 });
    expect(insertionAfter(graph, 'input')).toEqual({ part: 'encoder', index: 0 });
    expect(insertionAfter(graph, 'L2')).toEqual({ part: 'encoder', index: 2 });
    expect(insertionAfter(graph, LOG_VAR_ID)).toEqual({ part: 'decoder', index: 0 });
    expect(insertionAfter(graph, 'L5')).toEqual({ part: 'decoder', index: 2 });
    expect(insertionAfter(graph, OUTPUT_ID)).toEqual({ part: 'decoder', index: 4 });
  });

  // graph ↔ spec: walking the drawn chain gives back the layers it was drawn from, for every preset with layers.
  const presets = PRESETS.filter((p) => p.config.model.family !== 'pca' && p.config.model.family !== 'linear-ae' && !isGraphFamily(p.config.model.family));
  it.each(presets.map((p) => [p.id, p] as const))('reads the %s preset back from its graph', (_id, preset) => {
    const parsed = parseRunConfig(preset.config);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const input = specInputShape(builtinDatasetInfo(parsed.config.dataset.id)!.sampleShape);
    const arch = resolveArchitecture(parsed.config.model, input)!;
    const graph = buildGraph(draftOf(arch, parsed.config.model.family, parsed.config.model.latentDim), input);
    expect(graphToArchitecture(graph)).toEqual(arch);
    expect(graph.errors).toEqual([]);
    expect(graph.totals.params).toBe(summarizeArchitecture(arch, input, parsed.config.model.latentDim, latentKindOf(parsed.config.model)).totalParams);
  });
});
