import { describe, expect, it } from 'vitest';
import { closeStep, HISTORY_LIMIT, record, redo, startHistory, undo } from '../../../../src-renderer/src/builder/history';

describe('undo history', () => {
  it('steps back and forth, and a new edit drops what could be redone', () => {
    let h = record(record(startHistory('a'), 'b'), 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('joins edits with the same key in a row into one step, until the step is closed', () => {
    let h = startHistory(1);
    h = record(h, 2, 'units');
    h = record(h, 3, 'units');
    h = record(h, 4, 'units');
    expect(undo(h).present).toBe(1);
    h = closeStep(h);
    h = record(h, 5, 'units');
    expect(undo(h).present).toBe(4);
    h = record(record(h, 6, 'rate'), 7, 'units');
    expect(undo(h).present).toBe(6);
    // An undo closes the step too: the next edit does not rewrite the state undone to.
    expect(record(undo(h), 8, 'units').past.at(-1)).toBe(6);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});
