import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { PRESETS } from '../../../../src-shared/config/presets';
import type { RunConfigInput } from '../../../../src-shared/config/run-config';
import { configFromForm, configSections, familyNote, fieldShown, FORM_FIELDS, valuesFromConfig, withLayers, type FormContext } from '../../../../src-renderer/src/train/config-form';
import { checkConfigAgainstDataset } from '../../../../src-shared/config/check-against-dataset';
import { builtinDatasetInfo } from '../../../../src-shared/datasets/builtin';

const preset = (id: string): RunConfigInput => PRESETS.find((p) => p.id === id)!.config;
const shownKeys = (ctx: FormContext) => FORM_FIELDS.filter((f) => fieldShown(f, ctx)).map((f) => f.key);
const ctxFor = (config: RunConfigInput, builtinDataset = true): FormContext => ({
  family: config.model.family,
  explicitLayers: 'encoder' in config.model && !!config.model.encoder,
  builtinDataset,
  values: valuesFromConfig(config),
});

describe('the train form as data', () => {
  it('gives every preset back unchanged when no field is edited', () => {
    for (const p of PRESETS) {
      const config = configFromForm(p.config, valuesFromConfig(p.config), p.config.dataset.id, true);
      const a = parseRunConfig(config);
      const b = parseRunConfig(p.config);
      expect(a.ok && b.ok, p.id).toBe(true);
      if (a.ok && b.ok) expect(a.config, p.id).toEqual(b.config);
    }
  });

  it('shows a VAE every field of its objective, likelihood and optimizer, and hides what does not apply', () => {
    const ctx = ctxFor(preset('vae'));
    const keys = shownKeys(ctx);
    expect(keys).toEqual(expect.arrayContaining(['beta', 'likelihood', 'warmupSteps', 'freeBits', 'capacity', 'iwaeSamples', 'optimizer', 'earlyStoppingPatience', 'hidden', 'activation', 'datasetSize', 'validationSplit']));
    // Bernoulli: no σ, no output activation; Adam: no momentum; capacity off: no γ; not a DAE: no noise.
    for (const k of ['sigma', 'outputActivation', 'momentum', 'capacityGamma', 'noiseKind', 'reconstruction']) expect(keys).not.toContain(k);
    expect(shownKeys({ ...ctx, values: { ...ctx.values, likelihood: 'gaussian', optimizer: 'sgd', capacity: 'on' } })).toEqual(
      expect.arrayContaining(['sigma', 'outputActivation', 'momentum', 'capacityGamma', 'capacityCMax', 'capacitySteps']),
    );
    expect(shownKeys({ ...ctx, builtinDataset: false })).not.toContain('datasetSize');
  });

  it('shows PCA only what PCA has: no epochs, batch, learning rate, optimizer or objective', () => {
    const keys = shownKeys(ctxFor(preset('pca')));
    expect(keys).toEqual(['runName', 'latentDim', 'seed', 'datasetSize', 'validationSplit']);
  });

  it('shows a DAE its noise, and rebuilds the noise when its kind changes', () => {
    const base = preset('dae');
    const values = { ...valuesFromConfig(base), noiseKind: 'masking', noiseP: '0.4' };
    const parsed = parseRunConfig(configFromForm(base, values, 'builtin:sprites', true));
    expect(parsed.ok && parsed.config.model.family === 'dae' && parsed.config.model.noise).toEqual({ kind: 'masking', p: 0.4 });
    expect(shownKeys(ctxFor(base))).not.toContain('beta');
  });

  it('sends every advanced option into the config', () => {
    const base = preset('vae');
    const values = {
      ...valuesFromConfig(base),
      runName: 'all options',
      likelihood: 'gaussian-learned',
      sigma: '0.2',
      outputActivation: 'sigmoid',
      activation: 'tanh',
      hidden: '64 32',
      beta: '4',
      warmupSteps: '100',
      freeBits: '0.5',
      capacity: 'on',
      capacityGamma: '500',
      capacityCMax: '12',
      capacitySteps: '2000',
      iwaeSamples: '16',
      optimizer: 'rmsprop',
      momentum: '0.5',
      earlyStoppingPatience: '3',
      datasetSize: '1024',
      validationSplit: '0.2',
    };
    const parsed = parseRunConfig(configFromForm(base, values, 'builtin:sprites', true));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const c = parsed.config;
    expect(c.name).toBe('all options');
    expect(c.dataset).toEqual({ id: 'builtin:sprites', size: 1024, validationSplit: 0.2 });
    expect(c.model).toMatchObject({ family: 'vae', likelihood: 'gaussian-learned', sigma: 0.2, outputActivation: 'sigmoid', activation: 'tanh', hidden: [64, 32] });
    // Capacity annealing replaces β and the warm-up: their fields hide and are left out (the host refuses them).
    expect(c.objective).toEqual({ beta: 1, warmupSteps: 0, freeBits: 0.5, capacity: { gamma: 500, cMax: 12, steps: 2000 }, iwaeSamples: 16 });
    expect(c.training).toMatchObject({ optimizer: 'rmsprop', momentum: 0.5, earlyStoppingPatience: 3 });
  });

  it('sends β and the warm-up without capacity annealing, and leaves out a momentum Adam would not use', () => {
    const base = { ...preset('vae'), training: { optimizer: 'sgd' as const, momentum: 0.5 } };
    const values = { ...valuesFromConfig(base), beta: '4', warmupSteps: '100', optimizer: 'adam' };
    const parsed = parseRunConfig(configFromForm(base, values, 'builtin:sprites', true));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.config.objective).toMatchObject({ beta: 4, warmupSteps: 100 });
    expect(parsed.config.objective.capacity).toBeUndefined();
    expect(parsed.config.training).toMatchObject({ optimizer: 'adam', momentum: 0.9 });
  });

  it('leaves optional fields out when empty, and refuses an unreadable number naming its field', () => {
    const base = preset('vae');
    const values = { ...valuesFromConfig(base), earlyStoppingPatience: '', epochs: 'ten' };
    const config = configFromForm(base, values, 'builtin:sprites', true);
    expect(config.training).not.toHaveProperty('earlyStoppingPatience', expect.anything());
    const parsed = parseRunConfig(config);
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: 'training.epochs', message: 'must be a number' }]);
  });

  it('does not send a size or split for an imported dataset (the host refuses them)', () => {
    const base = preset('ae');
    const config = configFromForm(base, valuesFromConfig(base), 'imported:fashion', false);
    expect(config.dataset).toEqual({ id: 'imported:fashion' });
  });

  it('keeps explicit layer specs of the base and offers no widths for them', () => {
    const base = preset('conv-vae');
    expect(shownKeys(ctxFor(base))).not.toContain('hidden');
    const parsed = parseRunConfig(configFromForm(base, valuesFromConfig(base), 'builtin:sprites', true));
    expect(parsed.ok && 'encoder' in parsed.config.model && parsed.config.model.encoder?.length).toBe(3);
  });

  it('groups a stored config as on the form, with absent optional fields in words', () => {
    const parsed = parseRunConfig(preset('vae'));
    if (!parsed.ok) throw new Error('preset');
    const sections = configSections(parsed.config, true);
    const row = (key: string) => sections.flatMap((s) => s.rows).find((r) => r.key === key)?.value;
    expect(sections.map((s) => s.section.id)).toEqual(['basics', 'architecture', 'likelihood', 'kl', 'optimizer', 'data']);
    expect(row('beta')).toBe('1');
    expect(row('likelihood')).toBe('Bernoulli (pixels in [0, 1])');
    expect(row('capacity')).toBe('off');
    expect(row('earlyStoppingPatience')).toBe('off');
    expect(row('hidden')).toBe('256, 128');
    expect(row('optimizer')).toBe('Adam');
  });

  it('takes the encoder and decoder from the chosen source: MLP widths, the base spec, or a saved architecture', () => {
    const conv = preset('conv-vae');
    const saved = { encoder: [{ type: 'flatten' as const }, { type: 'dense' as const, units: 32, activation: 'linear' as const }], decoder: [{ type: 'dense' as const, units: 784, activation: 'linear' as const }, { type: 'reshape' as const, targetShape: [28, 28, 1] }] };
    expect(withLayers(conv, 'spec')).toBe(conv);
    const mlp = withLayers(conv, 'mlp');
    expect(mlp.model).not.toHaveProperty('encoder');
    const fromMlp = parseRunConfig(configFromForm(mlp, { ...valuesFromConfig(mlp), hidden: '64' }, 'builtin:sprites', true));
    expect(fromMlp.ok && 'hidden' in fromMlp.config.model && fromMlp.config.model.hidden).toEqual([64]);
    const mine = withLayers(preset('vae'), { savedId: 3 }, saved);
    const parsed = parseRunConfig(configFromForm(mine, valuesFromConfig(mine), 'builtin:sprites', true));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.config.model).toMatchObject({ family: 'vae', encoder: saved.encoder, decoder: saved.decoder });
    expect(parsed.config.model).not.toHaveProperty('hidden', expect.anything());
    // PCA and the linear AE have a fixed structure: no layers to take.
    expect(withLayers(preset('pca'), { savedId: 3 }, saved)).toBe(preset('pca'));
  });

  describe('the GraphVAE (graph-vae)', () => {
    const base: RunConfigInput = { dataset: { id: 'builtin:community-small' }, model: { family: 'graph-vae' } };
    const ctx = (graphCount: number | undefined, values = valuesFromConfig(base)): FormContext => ({ ...ctxFor(base), graphCount, values });

    it('shows its widths, decoder, permutations and, for a set of graphs, the generation fields; never what its training refuses', () => {
      const set = shownKeys(ctx(100));
      expect(set).toEqual([
        'runName', 'latentDim', 'epochs', 'learningRate', 'seed',
        'encoderHidden', 'decoderHidden', 'adjacencyDecoder', 'embeddingDim', 'adjacencyBias', 'permutationSamples',
        'optimizer', 'heldOutGraphs', 'generatedGraphs',
      ]);
      for (const k of ['beta', 'batchSize', 'earlyStoppingPatience', 'gcnHidden', 'hidden', 'likelihood', 'datasetSize', 'validationSplit', 'edgeSplitTest']) expect(set).not.toContain(k);
      // One graph: the edge split instead of the generation fields.
      const one = shownKeys(ctx(1));
      expect(one.slice(-2)).toEqual(['edgeSplitValidation', 'edgeSplitTest']);
      expect(one).not.toContain('heldOutGraphs');
      // The MLP decoder has no H and no logit bias.
      const mlp = shownKeys(ctx(100, { ...valuesFromConfig(base), adjacencyDecoder: 'mlp' }));
      expect(mlp).not.toContain('embeddingDim');
      expect(mlp).not.toContain('adjacencyBias');
    });

    it("starts from the family's defaults: z = 16, widths 32, 0.005 for 60 epochs, the inner-product decoder with its bias", () => {
      expect(valuesFromConfig(base)).toMatchObject({
        latentDim: '16', encoderHidden: '32', decoderHidden: '32', embeddingDim: '16', adjacencyDecoder: 'inner-product', adjacencyBias: 'true',
        permutationSamples: '16', heldOutGraphs: '0.2', generatedGraphs: '64', learningRate: '0.005', epochs: '60',
      });
    });

    it('sends a set’s generation fields and leaves out the edge split, and the reverse for one graph', () => {
      const values = { ...valuesFromConfig(base), epochs: '8', generatedGraphs: '16', adjacencyBias: 'false', edgeSplitTest: '0.3' };
      const set = parseRunConfig(configFromForm({ ...base, model: { family: 'graph-vae', edgeSplit: { validation: 0.1, test: 0.1 } } }, values, 'builtin:community-small', true, 100));
      if (!set.ok) throw new Error(JSON.stringify(set.issues));
      expect(set.config.model).toMatchObject({ family: 'graph-vae', generatedGraphs: 16, adjacencyBias: false, edgeSplit: { validation: 0.05, test: 0.1 } });
      expect(set.config.training).toMatchObject({ epochs: 8, learningRate: 0.005 });

      const one = configFromForm(base, { ...values, generatedGraphs: '16' }, 'builtin:sbm', true, 1) as { model: Record<string, unknown> };
      expect(one.model.generatedGraphs).toBeUndefined();
      expect(one.model.heldOutGraphs).toBeUndefined();
      expect(one.model.edgeSplit).toEqual({ validation: 0.05, test: 0.3 });
    });

    it('leaves H and the bias out under the MLP decoder, which reads neither', () => {
      const values = { ...valuesFromConfig(base), adjacencyDecoder: 'mlp', embeddingDim: '8' };
      const config = configFromForm({ ...base, model: { family: 'graph-vae', embeddingDim: 8, adjacencyBias: false } }, values, 'builtin:community-small', true, 100) as { model: Record<string, unknown> };
      expect(config.model).toMatchObject({ adjacencyDecoder: 'mlp' });
      expect(config.model.embeddingDim).toBeUndefined();
      expect(config.model.adjacencyBias).toBeUndefined();
    });

    it('says what the form leaves out for it, and shows a stored run’s bias as on or off', () => {
      expect(familyNote('graph-vae')).toMatch(/one graph per step.*no batch size.*no early stopping/);
      const parsed = parseRunConfig({ ...base, model: { family: 'graph-vae', adjacencyBias: false } });
      if (!parsed.ok) throw new Error('graph-vae config');
      const rows = configSections(parsed.config, true, 100).flatMap((s) => s.rows);
      expect(rows.find((r) => r.key === 'adjacencyBias')?.value).toBe('off');
      expect(rows.find((r) => r.key === 'adjacencyDecoder')?.value).toMatch(/^inner product/);
      expect(rows.map((r) => r.key)).not.toContain('edgeSplitTest');
    });
  });

  describe('graph autoencoders (gae, vgae)', () => {
    const graphBase = (family: 'gae' | 'vgae'): RunConfigInput => ({ dataset: { id: 'builtin:sbm' }, model: { family } });

    it("shows their own fields and hides what their training refuses: batch size, early stopping, the VAE's KL schedules, likelihood, layers", () => {
      const vgae = shownKeys(ctxFor(graphBase('vgae')));
      expect(vgae).toEqual(['runName', 'latentDim', 'beta', 'epochs', 'learningRate', 'seed', 'gcnHidden', 'optimizer', 'edgeSplitValidation', 'edgeSplitTest']);
      const gae = shownKeys(ctxFor(graphBase('gae')));
      expect(gae).toEqual(vgae.filter((k) => k !== 'beta'));
      for (const k of ['batchSize', 'earlyStoppingPatience', 'warmupSteps', 'freeBits', 'capacity', 'iwaeSamples', 'likelihood', 'reconstruction', 'hidden', 'activation', 'datasetSize', 'validationSplit']) {
        expect(vgae).not.toContain(k);
      }
      // An image family never sees the edge split or the GCN widths.
      expect(shownKeys(ctxFor(preset('vae')))).not.toEqual(expect.arrayContaining(['gcnHidden']));
      expect(shownKeys(ctxFor(preset('vae')))).not.toContain('edgeSplitTest');
    });

    it("starts from Kipf & Welling's setup when the base leaves it out: z = 16, GCN 32, Adam 0.01 for 200 epochs, 5% / 10% of edges held out", () => {
      const values = valuesFromConfig(graphBase('vgae'));
      expect(values).toMatchObject({ latentDim: '16', gcnHidden: '32', learningRate: '0.01', epochs: '200', edgeSplitValidation: '0.05', edgeSplitTest: '0.1', beta: '1' });
    });

    it('sends the form into a config the host accepts for the graph, with no dataset size or split', () => {
      const base = graphBase('vgae');
      const values = { ...valuesFromConfig(base), epochs: '20', gcnHidden: '64, 32', latentDim: '8', beta: '0.5', edgeSplitTest: '0.2' };
      const parsed = parseRunConfig(configFromForm(base, values, 'builtin:sbm', true));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      expect(parsed.config.model).toEqual({ family: 'vgae', latentDim: 8, hidden: [64, 32], edgeSplit: { validation: 0.05, test: 0.2 } });
      expect(parsed.config.training).toMatchObject({ epochs: 20, learningRate: 0.01 });
      expect(parsed.config.objective.beta).toBe(0.5);
      expect(parsed.config.dataset).toEqual({ id: 'builtin:sbm' });
      expect(checkConfigAgainstDataset(parsed.config, builtinDatasetInfo('builtin:sbm')!)).toEqual([]);
    });

    it('says in a sentence what the form leaves out for them, and nothing for the other families', () => {
      expect(familyNote('vgae')).toMatch(/one step per epoch.*batch size.*early stopping/);
      expect(familyNote('vgae')).toMatch(/β alone: no warm-up, capacity, free bits or IWAE/);
      expect(familyNote('gae')).toMatch(/no KL term, so no β/);
      for (const family of ['vae', 'ae', 'dae', 'linear-ae', 'pca'] as const) expect(familyNote(family)).toBeNull();
    });

    it("shows a stored run's config with the GCN widths and edge split, and no dataset size", () => {
      const parsed = parseRunConfig(graphBase('gae'));
      if (!parsed.ok) throw new Error('graph config');
      const rows = configSections(parsed.config, true).flatMap((s) => s.rows);
      expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['gcnHidden', 'edgeSplitValidation', 'edgeSplitTest']));
      expect(rows.map((r) => r.key)).not.toContain('datasetSize');
      expect(rows.find((r) => r.key === 'gcnHidden')?.value).toBe('32');
    });
  });
});
