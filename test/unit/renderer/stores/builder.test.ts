import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../src-shared/config/presets';
import type { SavedArchitecture } from '../../../../src-shared/model-spec/saved-architecture';
import { useBuilderStore } from '../../../../src-renderer/src/stores/builder';

const saved = (id: number, name: string, spec: { encoder: unknown[]; decoder: unknown[] }) =>
  ({ id, name, ...spec, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }) as SavedArchitecture;

describe('builder store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('adds layers after the selected node with settings that fit there, and selects each new one', () => {
    const store = useBuilderStore();
    store.add('conv2d');
    store.add('flatten');
    expect(store.spec.encoder.map((l) => l.type)).toEqual(['conv2d', 'flatten']);
    expect(store.graph.nodes.find((n) => n.id === store.selectedId)!.name).toBe('enc_flatten2');
    // After the latent head: first in the decoder; a reshape after the dense layer keeps its 128 values flat (128 is no square).
    store.select('latent-z');
    store.add('dense');
    store.add('reshape');
    expect(store.spec.decoder).toEqual([{ type: 'dense', units: 128, activation: 'relu' }, { type: 'reshape', targetShape: [128] }]);
  });

  it('moves the selection back along the chain when a layer is deleted, and steps along it with selectStep', () => {
    const store = useBuilderStore();
    store.add('flatten');
    store.add('dense');
    const dense = store.selectedId!;
    store.remove(dense);
    expect(store.graph.nodes.find((n) => n.id === store.selectedId)!.name).toBe('enc_flatten1');
    store.selectStep(-1);
    expect(store.selectedId).toBe('input');
    store.selectStep(-1);
    expect(store.selectedId).toBe('input');
    store.select(null);
    store.selectStep(-1);
    expect(store.selectedId).toBe('output');
  });

  it('mirrors the encoder as one undoable step, and says why it cannot', () => {
    const store = useBuilderStore();
    store.add('conv2d');
    expect(store.mirror()).toMatch(/^Cannot mirror the encoder: the latent head needs a flat encoder output, but 'enc_conv2d1' gives 14×14×16/);
    store.add('flatten');
    expect(store.mirror()).toBeNull();
    expect(store.spec.decoder.map((l) => l.type)).toEqual(['dense', 'reshape', 'conv2dTranspose']);
    expect(store.graph.errors).toEqual([]);
    store.undo();
    expect(store.spec.decoder).toEqual([]);
    store.redo();
    expect(store.spec.decoder).toHaveLength(3);
  });

  it('opens the train form\'s model, the MLP shorthand as its dense layers, and remembers where it came from', () => {
    const store = useBuilderStore();
    store.openFromModel({ family: 'ae', latentDim: 4, hidden: [64], activation: 'tanh', reconstruction: 'mse' }, { id: 'builtin:moons', sampleShape: [2] });
    expect(store.spec).toEqual({
      encoder: [{ type: 'dense', units: 64, activation: 'tanh' }],
      decoder: [{ type: 'dense', units: 64, activation: 'tanh' }, { type: 'dense', units: 2, activation: 'linear', name: 'dec_output' }],
    });
    expect(store.draft).toMatchObject({ family: 'ae', latentDim: 4 });
    expect(store.inputShape).toEqual([2]);
    expect(store.fromTrainForm).toBe(true);
    expect(store.canUndo).toBe(false);
  });

  it('shows a preset read-only until it is duplicated', () => {
    const store = useBuilderStore();
    store.openPreset(PRESETS.find((p) => p.id === 'conv-vae')!);
    expect(store.readOnly).toBe(true);
    store.add('dense');
    expect(store.mirror()).toBeNull();
    expect(store.spec.encoder).toHaveLength(3);
    store.duplicate();
    expect(store.readOnly).toBe(false);
    expect(store.name).toBe('Convolutional VAE copy');
    store.add('dropout');
    expect(store.spec.encoder).toHaveLength(4);
  });

  it('joins JSON pane edits into one undo step until the pane is left', () => {
    const store = useBuilderStore();
    const flat = { type: 'flatten' as const };
    store.applyArchitecture({ encoder: [flat], decoder: [] });
    store.applyArchitecture({ encoder: [flat, flat], decoder: [] });
    store.endEdit();
    store.applyArchitecture({ encoder: [flat, flat, flat], decoder: [] });
    store.undo();
    expect(store.spec.encoder).toHaveLength(2);
    store.undo();
    expect(store.spec.encoder).toHaveLength(0);
  });

  it('asks to save a new architecture, then to replace it by id; the train form finds the last one saved', () => {
    const store = useBuilderStore();
    store.add('flatten');
    store.select('output');
    store.add('dense');
    expect(store.dirty).toBe(true);
    expect(store.saveRequest('  mine ')).toEqual({ name: 'mine', spec: store.spec });
    // The host answers with the layers as it stores them; their fields' order is no change.
    const reordered = { encoder: store.spec.encoder, decoder: store.spec.decoder.map((l) => Object.fromEntries(Object.entries(l).reverse())) };
    store.markSaved(saved(3, 'mine', reordered));
    expect(store.source).toEqual({ kind: 'saved', id: 3 });
    expect(store.lastSaved?.architecture.id).toBe(3);
    expect(store.dirty).toBe(false);
    // Nothing to save until the layers or the name change.
    expect(store.unchanged).toBe(true);
    store.name = 'mine, v2';
    expect(store.unchanged).toBe(false);
    store.name = 'mine';
    expect(store.unchanged).toBe(true);
    store.add('dropout');
    expect(store.dirty).toBe(true);
    expect(store.unchanged).toBe(false);
    expect(store.saveRequest('mine')).toEqual({ id: 3, name: 'mine', spec: store.spec });
    // Renamed in the library: the open draft follows; deleted: it becomes a new draft, with nothing put aside.
    store.savedChanged(saved(3, 'renamed', store.spec));
    expect(store.name).toBe('renamed');
    store.savedChanged({ id: 3, deleted: true });
    expect(store.source).toEqual({ kind: 'new' });
    expect(store.saveRequest('renamed')).toEqual({ name: 'renamed', spec: store.spec });
    expect(store.lastSaved).toBeNull();
  });

  it('does not put a deleted architecture\'s layers aside as unsaved changes', () => {
    const store = useBuilderStore();
    store.openSaved(saved(5, 'doomed', { encoder: [{ type: 'flatten' }], decoder: [{ type: 'dense', units: 784, activation: 'sigmoid' }] }));
    expect(store.dirty).toBe(false);
    store.savedChanged({ id: 5, deleted: true });
    expect(store.dirty).toBe(false);
    store.newDraft();
    expect(store.putAside).toBeNull();
  });

  it('hands the latent size back to the train form with the saved architecture', () => {
    const store = useBuilderStore();
    store.openFrom({ encoder: [{ type: 'flatten' }], decoder: [{ type: 'dense', units: 784, activation: 'sigmoid' }] }, 'vae', 8, { id: 'builtin:sprites', sampleShape: [1, 28, 28] });
    store.setLatentDim(12);
    store.markSaved(saved(7, 'wide z', store.spec));
    expect(store.lastSaved).toEqual({ architecture: expect.objectContaining({ id: 7 }), latentDim: 12 });
  });
});
