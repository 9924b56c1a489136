import { describe, expect, it } from 'vitest';
import {
  architectureOf,
  draftFromArchitecture,
  insertLayer,
  locateLayer,
  moveLayer,
  nextLayerId,
  removeLayer,
  replaceLayer,
  type BuilderDraft,
} from '../../../../src-renderer/src/builder/draft';

const dense = (units: number) => ({ type: 'dense' as const, units, activation: 'relu' as const });
const base = (): BuilderDraft => draftFromArchitecture({ encoder: [{ type: 'flatten' }, dense(64)], decoder: [dense(784)] }, 'vae', 8);

describe('builder drafts', () => {
  it('gives layers ids L1, L2, … that follow them through inserts, moves and removals', () => {
    const draft = base();
    expect([...draft.encoder, ...draft.decoder].map((l) => l.id)).toEqual(['L1', 'L2', 'L3']);
    const { draft: inserted, id } = insertLayer(draft, 'encoder', 1, dense(128));
    expect(id).toBe('L4');
    expect(inserted.encoder.map((l) => l.id)).toEqual(['L1', 'L4', 'L2']);
    const moved = moveLayer(inserted, 'L4', 5);
    expect(moved.encoder.map((l) => l.id)).toEqual(['L1', 'L2', 'L4']);
    expect(moved.decoder).toBe(inserted.decoder);
    expect(locateLayer(moved, 'L4')).toEqual({ part: 'encoder', index: 2 });
    const removed = removeLayer(moved, 'L2');
    expect(architectureOf(removed).encoder).toEqual([{ type: 'flatten' }, dense(128)]);
    expect(nextLayerId(removed)).toBe('L5');
    expect(locateLayer(removed, 'L2')).toBeNull();
  });

  it('leaves the draft as it was for an id it does not hold, and replaces a layer in place', () => {
    const draft = base();
    expect(removeLayer(draft, 'L9')).toBe(draft);
    expect(moveLayer(draft, 'L9', 0)).toBe(draft);
    expect(replaceLayer(draft, 'L9', dense(1))).toBe(draft);
    expect(architectureOf(replaceLayer(draft, 'L2', dense(32))).encoder[1]).toEqual(dense(32));
  });

  it('clamps insert positions to the ends of a side', () => {
    expect(insertLayer(base(), 'decoder', -3, dense(1)).draft.decoder.map((l) => l.id)).toEqual(['L4', 'L3']);
    expect(insertLayer(base(), 'decoder', 99, dense(1)).draft.decoder.map((l) => l.id)).toEqual(['L3', 'L4']);
  });

  it('keeps the ids of the layers at the same places when a whole spec replaces the draft (the JSON pane)', () => {
    const previous = base();
    const next = draftFromArchitecture({ encoder: [{ type: 'flatten' }, dense(32), dense(16)], decoder: [] }, 'ae', 4, previous);
    expect(next.encoder.map((l) => l.id)).toEqual(['L1', 'L2', 'L4']);
    expect(next).toMatchObject({ family: 'ae', latentDim: 4, decoder: [] });
  });
});
