/**
 * Undo and redo over immutable snapshots. Edits that share a key in a row (typing in one field, say) are one
 * step, so Ctrl+Z takes back the whole value rather than its last keystroke.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The key of the edit that made `present`, while further edits with the same key join it. */
  openKey: string | null;
}

/** How many steps back undo reaches. */
export const HISTORY_LIMIT = 200;

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [], openKey: null });

/** Records `next` as a new step, or as part of the last one when `key` continues it; a new step drops the redo list. */
export function record<T>(history: History<T>, next: T, key: string | null = null): History<T> {
  if (key !== null && key === history.openKey) return { ...history, present: next, future: [] };
  return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: [], openKey: key };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [history.present, ...history.future], openKey: null };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1), openKey: null };
}

/** Ends the open step, so the next edit with the same key is a step of its own (a field lost focus). */
export const closeStep = <T>(history: History<T>): History<T> => (history.openKey === null ? history : { ...history, openKey: null });
