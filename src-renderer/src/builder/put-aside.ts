import type { BuilderDraft } from './draft';

/**
 * Unsaved changes the builder put aside instead of losing them: when another architecture, a preset or a new draft
 * replaced an edited draft, or when the page was closed with one (kept in localStorage). `restore` brings it back.
 */
export interface PutAside {
  draft: BuilderDraft;
  /** The name field's text, and which saved architecture it was an edit of (null: never saved). */
  name: string;
  savedId: number | null;
  /** The saved spec it differed from, so that it still reads as unsaved once restored. */
  savedSpec: string;
  /** Why it was put aside, for the notice: replaced in this session, or left when the page closed. */
  reason: 'replaced' | 'page closed';
}

export const PUT_ASIDE_KEY = 'latent-lab:builder:unsaved';

const isDraft = (v: unknown): v is BuilderDraft => {
  const d = v as BuilderDraft | null;
  return !!d && typeof d.family === 'string' && Number.isInteger(d.latentDim) && Array.isArray(d.encoder) && Array.isArray(d.decoder);
};

/** The edited draft a page left behind in storage, or null (nothing kept, or text this version cannot read). */
export function readPutAside(text: string | null): PutAside | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<PutAside>;
    if (!isDraft(value.draft) || typeof value.name !== 'string' || typeof value.savedSpec !== 'string') return null;
    return { draft: value.draft, name: value.name, savedId: typeof value.savedId === 'number' ? value.savedId : null, savedSpec: value.savedSpec, reason: 'page closed' };
  } catch {
    return null;
  }
}
