import { describe, expect, it } from 'vitest';
import { dropIneffectiveSettings } from '../../../../src-shared/config/ineffective-settings';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';

const base = { dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 4 } };

describe('dropIneffectiveSettings', () => {
  it('drops a momentum under Adam and β and warm-up beside capacity, naming them, so the config parses', () => {
    const old = { ...base, objective: { beta: 4, warmupSteps: 100, capacity: { gamma: 10, cMax: 5, steps: 50 } }, training: { optimizer: 'adam', momentum: 0.5 } };
    expect(parseRunConfig(old).ok).toBe(false);
    const { config, dropped } = dropIneffectiveSettings(old);
    expect(dropped).toEqual(['objective.beta', 'objective.warmupSteps', 'training.momentum']);
    const parsed = parseRunConfig(config);
    expect(parsed.ok && parsed.config.objective).toEqual({ beta: 1, warmupSteps: 0, freeBits: 0, iwaeSamples: 64, capacity: { gamma: 10, cMax: 5, steps: 50 } });
  });

  it("drops PCA's training settings (but not its seed) and an autoencoder's objective, as earlier presets wrote them", () => {
    const pca = { dataset: { id: 'builtin:sprites', size: 4096 }, model: { family: 'pca', latentDim: 8 }, training: { epochs: 1, batchSize: 64, learningRate: 0.001, optimizer: 'adam', seed: 42 } };
    expect(dropIneffectiveSettings(pca)).toEqual({ config: { ...pca, training: { batchSize: 64, learningRate: 0.001, optimizer: 'adam', seed: 42 } }, dropped: ['training.epochs'] });
    const ae = { ...base, model: { family: 'ae', latentDim: 4 }, objective: { beta: 4 } };
    const { config, dropped } = dropIneffectiveSettings(ae);
    expect(dropped).toEqual(['objective.beta']);
    expect(parseRunConfig(config).ok).toBe(true);
  });

  it('leaves effective settings as they are', () => {
    const sgd = { ...base, objective: { beta: 4, warmupSteps: 100 }, training: { optimizer: 'sgd', momentum: 0.5 } };
    expect(dropIneffectiveSettings(sgd)).toEqual({ config: sgd, dropped: [] });
    expect(dropIneffectiveSettings('not a config')).toEqual({ config: 'not a config', dropped: [] });
  });
});
