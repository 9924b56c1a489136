import type { ModelConfig } from '../../../src-shared/config/run-config';
import type { Architecture } from '../../../src-shared/model-spec/architecture';
import type { LayerSpec } from '../../../src-shared/model-spec/layers';

export type Part = 'encoder' | 'decoder';
export type BuilderFamily = ModelConfig['family'];

/** A layer on the canvas: its spec and an id that stays with it while it moves, so selection and undo follow it. */
export interface DraftLayer {
  id: string;
  spec: LayerSpec;
}

/**
 * What the builder edits, and what undo and redo step through: the family (which latent head the canvas draws),
 * the latent size and both sides' layers. The linear AE and PCA have a fixed structure; their layers are kept only
 * so that switching back to an editable family finds them again.
 */
export interface BuilderDraft {
  family: BuilderFamily;
  latentDim: number;
  encoder: DraftLayer[];
  decoder: DraftLayer[];
}

export const PARTS: readonly Part[] = ['encoder', 'decoder'];

/** Families whose encoder and decoder are layer specs the builder edits. */
export const hasEditableLayers = (family: BuilderFamily): boolean => family === 'vae' || family === 'ae' || family === 'dae';

const idNumber = (id: string) => Number(/^L(\d+)$/.exec(id)?.[1] ?? 0);

/** The next unused layer id of a draft (L1, L2, …): pure, so drafts built in tests are the same every time. */
export function nextLayerId(draft: Pick<BuilderDraft, 'encoder' | 'decoder'>): string {
  const used = [...draft.encoder, ...draft.decoder].map((l) => idNumber(l.id));
  return `L${Math.max(0, ...used) + 1}`;
}

export const architectureOf = (draft: BuilderDraft): Architecture => ({
  encoder: draft.encoder.map((l) => l.spec),
  decoder: draft.decoder.map((l) => l.spec),
});

/**
 * A draft holding `arch`'s layers. Layers keep the ids of `previous`'s layers at the same place, so replacing the
 * spec from the JSON pane keeps the selection on the layer being looked at.
 */
export function draftFromArchitecture(arch: Architecture, family: BuilderFamily, latentDim: number, previous?: BuilderDraft): BuilderDraft {
  let next = previous ? idNumber(nextLayerId(previous)) : 1;
  const side = (part: Part): DraftLayer[] => arch[part].map((spec, i) => ({ id: previous?.[part][i]?.id ?? `L${next++}`, spec }));
  return { family, latentDim, encoder: side('encoder'), decoder: side('decoder') };
}

/** Where a layer is: its side and position, or null when no layer has that id. */
export function locateLayer(draft: BuilderDraft, id: string): { part: Part; index: number } | null {
  for (const part of PARTS) {
    const index = draft[part].findIndex((l) => l.id === id);
    if (index >= 0) return { part, index };
  }
  return null;
}

const withSide = (draft: BuilderDraft, part: Part, layers: DraftLayer[]): BuilderDraft => ({ ...draft, [part]: layers });

/** Inserts a layer at `index` of a side (clamped to the side's ends) and gives back its id. */
export function insertLayer(draft: BuilderDraft, part: Part, index: number, spec: LayerSpec): { draft: BuilderDraft; id: string } {
  const id = nextLayerId(draft);
  const layers = [...draft[part]];
  layers.splice(Math.max(0, Math.min(index, layers.length)), 0, { id, spec });
  return { draft: withSide(draft, part, layers), id };
}

export function removeLayer(draft: BuilderDraft, id: string): BuilderDraft {
  const at = locateLayer(draft, id);
  if (!at) return draft;
  return withSide(draft, at.part, draft[at.part].filter((l) => l.id !== id));
}

/** Moves a layer to `index` within its own side (clamped); the other side is untouched. */
export function moveLayer(draft: BuilderDraft, id: string, index: number): BuilderDraft {
  const at = locateLayer(draft, id);
  if (!at) return draft;
  const layers = [...draft[at.part]];
  const [layer] = layers.splice(at.index, 1);
  layers.splice(Math.max(0, Math.min(index, layers.length)), 0, layer);
  return withSide(draft, at.part, layers);
}

export function replaceLayer(draft: BuilderDraft, id: string, spec: LayerSpec): BuilderDraft {
  const at = locateLayer(draft, id);
  if (!at) return draft;
  return withSide(draft, at.part, draft[at.part].map((l) => (l.id === id ? { id, spec } : l)));
}
