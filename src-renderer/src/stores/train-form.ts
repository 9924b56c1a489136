import { defineStore } from 'pinia';
import { dropIneffectiveSettings } from '../../../src-shared/config/ineffective-settings';
import { PRESETS } from '../../../src-shared/config/presets';
import type { RunConfig, RunSummary } from '../../../src-shared/contract/types';
import { hasExplicitLayers, valuesFromConfig, type FormValues, type LayerSource, type SectionId } from '../train/config-form';

const DEFAULT_PRESET = PRESETS[0];

/**
 * The train form's state, kept while the user visits other screens: the preset or run it starts from, the dataset,
 * and the text of every field (src-renderer/src/train/config-form.ts). Text is parsed only when the config is built,
 * so a half-typed number stays as typed.
 */
export const useTrainForm = defineStore('train-form', {
  state: () => ({
    presetId: DEFAULT_PRESET.id,
    datasetId: DEFAULT_PRESET.config.dataset.id,
    values: valuesFromConfig(DEFAULT_PRESET.config) as FormValues,
    /** Where the encoder and decoder come from: MLP widths, the base's layer spec, or a saved architecture. */
    layerSource: (hasExplicitLayers(DEFAULT_PRESET.config) ? 'spec' : 'mlp') as LayerSource,
    /** Advanced sections the user opened. */
    openSections: [] as SectionId[],
    /**
     * "Re-run with changes": the run whose config the form starts from instead of the preset's. Fields the form
     * does not show (explicit layer specs) are kept from it.
     */
    rerunOf: null as { runId: number; name: string; config: RunConfig } | null,
  }),
  actions: {
    /** Starts the form from a preset's config (its dataset too, unless `keepDataset`). */
    applyPreset(presetId: string, keepDataset: boolean) {
      const preset = PRESETS.find((p) => p.id === presetId) ?? DEFAULT_PRESET;
      this.presetId = preset.id;
      this.rerunOf = null;
      this.values = valuesFromConfig(preset.config);
      this.layerSource = hasExplicitLayers(preset.config) ? 'spec' : 'mlp';
      if (!keepDataset) this.datasetId = preset.config.dataset.id;
    },
    /** Fills the form with a run's config, for "Re-run with changes" (the name is left to be made anew). */
    prefillFrom(run: RunSummary) {
      // A run recorded by an earlier version may hold settings that never had an effect and are refused now.
      const c = dropIneffectiveSettings(run.config).config as RunConfig;
      this.rerunOf = { runId: run.id, name: run.name, config: c };
      // The preset menu shows the nearest preset (same family, same kind of layers), for orientation.
      const explicit = 'encoder' in c.model && !!c.model.encoder;
      const nearest = PRESETS.find((p) => p.config.model.family === c.model.family && ('encoder' in p.config.model && !!p.config.model.encoder) === explicit);
      if (nearest) this.presetId = nearest.id;
      this.datasetId = c.dataset.id;
      this.values = { ...valuesFromConfig(c), runName: '' };
      this.layerSource = hasExplicitLayers(c) ? 'spec' : 'mlp';
    },
    toggleSection(id: SectionId, open: boolean) {
      this.openSections = open ? [...new Set([...this.openSections, id])] : this.openSections.filter((s) => s !== id);
    },
  },
});
