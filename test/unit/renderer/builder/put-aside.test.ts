import { describe, expect, it } from 'vitest';
import { readPutAside } from '../../../../src-renderer/src/builder/put-aside';

describe('edits kept when the page closed', () => {
  const draft = { family: 'vae', latentDim: 8, encoder: [{ type: 'dense', units: 32 }], decoder: [] };

  it('reads back what the builder stored, as left when the page closed', () => {
    const text = JSON.stringify({ draft, name: 'mine', savedId: 3, savedSpec: '{}', reason: 'replaced' });
    expect(readPutAside(text)).toEqual({ draft, name: 'mine', savedId: 3, savedSpec: '{}', reason: 'page closed' });
    expect(readPutAside(JSON.stringify({ draft, name: '', savedId: null, savedSpec: '' }))?.savedId).toBeNull();
  });

  it('ignores nothing stored, broken text and anything that is not a draft', () => {
    expect(readPutAside(null)).toBeNull();
    expect(readPutAside('{')).toBeNull();
    expect(readPutAside(JSON.stringify({ draft: { family: 'vae' }, name: 'x', savedSpec: '' }))).toBeNull();
    expect(readPutAside(JSON.stringify({ draft, name: 4, savedSpec: '' }))).toBeNull();
  });
});
