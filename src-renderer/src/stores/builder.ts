import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Preset } from '../../../src-shared/config/presets';
import { parseRunConfig } from '../../../src-shared/config/parse-run-config';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { builtinDatasetInfo } from '../../../src-shared/datasets/builtin';
import type { Architecture } from '../../../src-shared/model-spec/architecture';
import { formatArchitectureJson } from '../../../src-shared/model-spec/architecture-json';
import { SpecError, type Shape } from '../../../src-shared/model-spec/infer';
import type { LayerSpec, LayerType } from '../../../src-shared/model-spec/layers';
import { mirrorEncoder } from '../../../src-shared/model-spec/mirror-encoder';
import { resolveArchitecture, specInputShape } from '../../../src-shared/model-spec/model-summary';
import type { SavedArchitecture } from '../../../src-shared/model-spec/saved-architecture';
import {
  architectureOf,
  draftFromArchitecture,
  hasEditableLayers,
  insertLayer,
  locateLayer,
  moveLayer,
  removeLayer,
  replaceLayer,
  type BuilderDraft,
  type BuilderFamily,
  type Part,
} from '../builder/draft';
import { buildGraph, insertionAfter } from '../builder/graph';
import { closeStep, record, redo as redoStep, startHistory, undo as undoStep, type History } from '../builder/history';
import { PUT_ASIDE_KEY, readPutAside, type PutAside } from '../builder/put-aside';
import { defaultLayer } from '../builder/layer-catalog';
import type { LayoutDirection } from '../builder/layout';

/** Where the draft came from: a new one, a saved architecture (saving replaces it), a preset (read-only) or the train form. */
export type BuilderSource = { kind: 'new' } | { kind: 'saved'; id: number } | { kind: 'preset'; presetId: string; label: string } | { kind: 'train-form' };

/** The dataset the draft is checked against: its id and sample shape as datasets report it ([C, H, W] or [D]). */
export interface BuilderDataset {
  id: string;
  sampleShape: number[];
}

const SPRITES: BuilderDataset = { id: 'builtin:sprites', sampleShape: builtinDatasetInfo('builtin:sprites')?.sampleShape ?? [1, 28, 28] };
/** A spec as canonical text (fields in schema order), to compare the draft with what was saved however each was built. */
const specText = (arch: Architecture) => formatArchitectureJson(arch);
/** localStorage where there is one (not in unit tests run in Node). */
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * The builder's draft, kept while the user visits other screens: the layers with undo and redo, the family and
 * latent size, the dataset it is checked against, and where it came from. The train form opens it on its own
 * layers with `openFromModel` (or `openFrom`), and finds what the user saved in `lastSaved`.
 */
export const useBuilderStore = defineStore('builder', () => {
  const history = ref<History<BuilderDraft>>(startHistory({ family: 'vae', latentDim: 8, encoder: [], decoder: [] }));
  const draft = computed(() => history.value.present);
  const source = ref<BuilderSource>({ kind: 'new' });
  /** The name field's text (the saved architecture's name once saved). */
  const name = ref('');
  const dataset = ref<BuilderDataset>(SPRITES);
  const inputShape = computed<Shape>(() => specInputShape(dataset.value.sampleShape));
  const graph = computed(() => buildGraph(draft.value, inputShape.value));
  const selectedId = ref<string | null>(null);
  const direction = ref<LayoutDirection>('TB');
  /** Counts whole-draft replacements (open, mirror, a JSON edit): the canvas fits its view to each. */
  const revision = ref(0);
  /** The spec as last opened or saved, to tell unsaved changes. */
  const savedSpec = ref(specText({ encoder: [], decoder: [] }));
  /** The saved architecture's name as the host has it (null: not known), to tell a renamed draft from a saved one. */
  const savedName = ref<string | null>(null);
  /**
   * The architecture saved last in this session, with the latent size it was drawn with: the train form takes both
   * when it comes back from "Edit architecture" (the latent size is a run setting, not part of the saved layers).
   */
  const lastSaved = ref<{ architecture: SavedArchitecture; latentDim: number } | null>(null);
  /** Whether the draft was opened from the train form, which the builder then offers to go back to. */
  const fromTrainForm = ref(false);

  const spec = computed(() => architectureOf(draft.value));
  const readOnly = computed(() => source.value.kind === 'preset' || !hasEditableLayers(draft.value.family));
  const dirty = computed(() => specText(spec.value) !== savedSpec.value);
  /** A saved architecture open with neither its layers nor its name changed: Save has nothing to do. */
  const unchanged = computed(() => source.value.kind === 'saved' && !dirty.value && savedName.value !== null && name.value.trim() === savedName.value);
  const canUndo = computed(() => history.value.past.length > 0);
  const canRedo = computed(() => history.value.future.length > 0);

  function commit(next: BuilderDraft, key: string | null = null): void {
    history.value = record(history.value, next, key);
    if (selectedId.value !== null && !graph.value.nodes.some((n) => n.id === selectedId.value)) selectedId.value = null;
  }

  /** Starts on a new document: its own undo history, nothing selected, the view fitted to it. */
  /** Edits replaced by another draft (or left when the page closed), kept to be restored. */
  const putAside = ref<PutAside | null>(readPutAside(storage()?.getItem(PUT_ASIDE_KEY) ?? null));

  function current(reason: PutAside['reason']): PutAside {
    return { draft: draft.value, name: name.value, savedId: source.value.kind === 'saved' ? source.value.id : null, savedSpec: savedSpec.value, reason };
  }

  /** `keep`: the draft's edits go on in the new one (a duplicate), so nothing needs putting aside. */
  function open(next: BuilderDraft, from: BuilderSource, newName: string, keep = false): void {
    if (!keep && dirty.value && !readOnly.value) putAside.value = current('replaced');
    history.value = startHistory(next);
    fromTrainForm.value = from.kind === 'train-form';
    source.value = from;
    name.value = newName;
    savedName.value = from.kind === 'saved' ? newName : null;
    selectedId.value = null;
    savedSpec.value = specText(architectureOf(next));
    revision.value++;
  }

  /** Opens the builder on given layers (the train form's "Edit architecture"); they are saved as a new architecture. */
  function openFrom(arch: Architecture, family: BuilderFamily, latentDim: number, on?: BuilderDataset): void {
    if (on) dataset.value = on;
    open(draftFromArchitecture(arch, family, latentDim), { kind: 'train-form' }, '');
  }

  /** `openFrom` for a model config: the MLP shorthand (`hidden`) opens as the dense layers it stands for. */
  function openFromModel(model: ModelConfig, on: BuilderDataset): void {
    const arch = resolveArchitecture(model, specInputShape(on.sampleShape));
    openFrom(arch ?? { encoder: [], decoder: [] }, model.family, model.latentDim, on);
  }

  function openSaved(saved: SavedArchitecture): void {
    open(draftFromArchitecture(saved, hasEditableLayers(draft.value.family) ? draft.value.family : 'vae', draft.value.latentDim), { kind: 'saved', id: saved.id }, saved.name);
  }

  /** A preset, read-only: a starting point to duplicate. */
  function openPreset(preset: Preset): void {
    const parsed = parseRunConfig(preset.config);
    if (!parsed.ok) throw new Error(`preset '${preset.id}' does not parse: ${parsed.issues.map((i) => i.message).join('; ')}`);
    const on = { id: preset.config.dataset.id, sampleShape: builtinDatasetInfo(preset.config.dataset.id)?.sampleShape ?? SPRITES.sampleShape };
    dataset.value = on;
    const model = parsed.config.model;
    const arch = resolveArchitecture(model, specInputShape(on.sampleShape));
    open(draftFromArchitecture(arch ?? { encoder: [], decoder: [] }, model.family, model.latentDim), { kind: 'preset', presetId: preset.id, label: preset.label }, preset.label);
  }

  /** An editable copy of what is showing (a preset, a saved architecture), to be saved under a new name. */
  function duplicate(): void {
    const copyName = name.value ? `${name.value} copy` : '';
    const family = hasEditableLayers(draft.value.family) ? draft.value.family : 'vae';
    open({ ...draft.value, family }, { kind: 'new' }, copyName, true);
    savedSpec.value = '';
  }

  /** An empty draft: input → latent head → output, for the same family, latent size and dataset. */
  function newDraft(): void {
    const family = hasEditableLayers(draft.value.family) ? draft.value.family : 'vae';
    open({ family, latentDim: draft.value.latentDim, encoder: [], decoder: [] }, { kind: 'new' }, '');
  }

  function setDataset(next: BuilderDataset): void {
    dataset.value = next;
    revision.value++;
  }

  function setFamily(family: BuilderFamily): void {
    if (family !== draft.value.family) commit({ ...draft.value, family });
    revision.value++;
  }

  function setLatentDim(latentDim: number): void {
    if (latentDim !== draft.value.latentDim) commit({ ...draft.value, latentDim }, 'latentDim');
  }

  /** The shape a layer inserted at `at` would receive (null when an earlier layer does not fit). */
  function shapeBefore(at: { part: Part; index: number }): Shape | null {
    if (at.index === 0) return at.part === 'encoder' ? inputShape.value : [draft.value.latentDim];
    const previous = draft.value[at.part][at.index - 1];
    return graph.value.nodes.find((n) => n.id === previous?.id)?.outputShape ?? null;
  }

  /** Adds a layer of a type with settings that fit where it goes, at `at` or after the selected node, and selects it. */
  function add(type: LayerType, at: { part: Part; index: number } = insertionAfter(graph.value, selectedId.value)): void {
    if (readOnly.value) return;
    const inserted = insertLayer(draft.value, at.part, at.index, defaultLayer(type, shapeBefore(at)));
    commit(inserted.draft);
    selectedId.value = inserted.id;
  }

  /** Removes a layer; the selection moves to the node before it, so Delete can be pressed again. */
  function remove(id: string): void {
    if (readOnly.value || !locateLayer(draft.value, id)) return;
    const order = graph.value.nodes.map((n) => n.id);
    const before = order[order.indexOf(id) - 1] ?? null;
    commit(removeLayer(draft.value, id));
    selectedId.value = before;
  }

  function moveTo(id: string, index: number): void {
    if (readOnly.value) return;
    const at = locateLayer(draft.value, id);
    if (at && at.index !== index) commit(moveLayer(draft.value, id, index));
  }

  const moveBy = (id: string, delta: number) => {
    const at = locateLayer(draft.value, id);
    if (at) moveTo(id, at.index + delta);
  };

  /** Replaces a layer's settings; edits of one field in a row (`key`) are one undo step. */
  function update(id: string, layer: LayerSpec, key: string | null = null): void {
    if (!readOnly.value) commit(replaceLayer(draft.value, id, layer), key);
  }

  /** Replaces the decoder with the encoder's mirror; gives back why not (the encoder does not fit) or null. */
  function mirror(): string | null {
    if (readOnly.value) return null;
    try {
      const decoder = mirrorEncoder(spec.value.encoder, inputShape.value);
      commit(draftFromArchitecture({ encoder: spec.value.encoder, decoder }, draft.value.family, draft.value.latentDim, draft.value));
      revision.value++;
      return null;
    } catch (error) {
      if (error instanceof SpecError) return `Cannot mirror the encoder: ${error.message}`;
      throw error;
    }
  }

  /** Takes layers typed in the JSON pane; typing on is one undo step until the pane loses focus. */
  function applyArchitecture(arch: Architecture): void {
    if (readOnly.value || specText(arch) === specText(spec.value)) return;
    const countsChanged = arch.encoder.length !== spec.value.encoder.length || arch.decoder.length !== spec.value.decoder.length;
    commit(draftFromArchitecture(arch, draft.value.family, draft.value.latentDim, draft.value), 'json');
    if (countsChanged) revision.value++;
  }

  function undo(): void {
    history.value = undoStep(history.value);
    if (selectedId.value !== null && !graph.value.nodes.some((n) => n.id === selectedId.value)) selectedId.value = null;
  }

  function redo(): void {
    history.value = redoStep(history.value);
    if (selectedId.value !== null && !graph.value.nodes.some((n) => n.id === selectedId.value)) selectedId.value = null;
  }

  /** Ends the current run of same-field edits (a field lost focus): the next edit is its own undo step. */
  const endEdit = () => (history.value = closeStep(history.value));

  const select = (id: string | null) => (selectedId.value = id);

  /** Selects the next (+1) or previous (−1) node along the chain; from nothing, the first or last. */
  function selectStep(delta: 1 | -1): void {
    const order = graph.value.nodes.map((n) => n.id);
    const at = selectedId.value === null ? -1 : order.indexOf(selectedId.value);
    const next = at < 0 ? (delta > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + delta));
    selectedId.value = order[next];
  }

  /**
   * What `architectures.save` takes to save the layers under `asName`: a new architecture, or the opened saved one
   * replaced (its name too). The view sends it (the store holds no transport) and hands the answer to `markSaved`.
   */
  function saveRequest(asName: string): { id?: number; name: string; spec: Architecture } {
    const id = source.value.kind === 'saved' ? source.value.id : undefined;
    return { ...(id === undefined ? {} : { id }), name: asName.trim(), spec: spec.value };
  }

  /** Records what the host saved: the draft is now that architecture, with no unsaved changes. */
  function markSaved(saved: SavedArchitecture): void {
    source.value = { kind: 'saved', id: saved.id };
    name.value = saved.name;
    savedName.value = saved.name;
    savedSpec.value = specText({ encoder: saved.encoder, decoder: saved.decoder });
    lastSaved.value = { architecture: saved, latentDim: draft.value.latentDim };
  }

  /**
   * After a rename or delete in the library: the open draft follows its saved architecture. A deleted one's layers
   * stay on the canvas as a new draft with nothing counted as unsaved: the user chose to delete them, so they are
   * not put aside as edits to restore. Put-aside edits of it would now be saved as a new architecture.
   */
  function savedChanged(saved: SavedArchitecture | { id: number; deleted: true }): void {
    if ('deleted' in saved) {
      if (putAside.value?.savedId === saved.id) putAside.value = { ...putAside.value, savedId: null };
      if (lastSaved.value?.architecture.id === saved.id) lastSaved.value = null;
    }
    if (source.value.kind !== 'saved' || source.value.id !== saved.id) return;
    if ('deleted' in saved) {
      source.value = { kind: 'new' };
      savedName.value = null;
      savedSpec.value = specText(spec.value);
    } else {
      name.value = saved.name;
      savedName.value = saved.name;
    }
  }

  /** Brings the put-aside edits back; the draft they replace is put aside in turn if it has edits of its own. */
  function restorePutAside(): void {
    const kept = putAside.value;
    if (!kept) return;
    const replaced = dirty.value && !readOnly.value ? current('replaced') : null;
    history.value = startHistory(kept.draft);
    source.value = kept.savedId === null ? { kind: 'new' } : { kind: 'saved', id: kept.savedId };
    name.value = kept.name;
    savedName.value = null;
    selectedId.value = null;
    savedSpec.value = kept.savedSpec;
    fromTrainForm.value = false;
    revision.value++;
    putAside.value = replaced;
  }

  function dismissPutAside(): void {
    putAside.value = null;
    if (!(dirty.value && !readOnly.value)) storage()?.removeItem(PUT_ASIDE_KEY);
  }

  // The edited draft is kept in this origin's storage as it changes, so closing or reloading the page loses nothing.
  watch([draft, name, savedSpec, source], () => {
    const store = storage();
    if (!store) return;
    if (dirty.value && !readOnly.value) store.setItem(PUT_ASIDE_KEY, JSON.stringify(current('page closed')));
    else if (!putAside.value || putAside.value.reason !== 'page closed') store.removeItem(PUT_ASIDE_KEY);
  });

  return {
    putAside,
    restorePutAside,
    dismissPutAside,
    history,
    draft,
    spec,
    source,
    name,
    dataset,
    inputShape,
    graph,
    selectedId,
    direction,
    revision,
    lastSaved,
    fromTrainForm,
    readOnly,
    dirty,
    unchanged,
    canUndo,
    canRedo,
    openFrom,
    openFromModel,
    openSaved,
    openPreset,
    duplicate,
    newDraft,
    setDataset,
    setFamily,
    setLatentDim,
    add,
    remove,
    moveTo,
    moveBy,
    update,
    mirror,
    applyArchitecture,
    undo,
    redo,
    endEdit,
    select,
    selectStep,
    saveRequest,
    markSaved,
    savedChanged,
  };
});
