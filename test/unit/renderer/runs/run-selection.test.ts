import { describe, expect, it } from 'vitest';
import { selectedInOrder, toggleSelection } from '../../../../src-renderer/src/runs/run-selection';

const order = [9, 7, 5, 3, 1];

describe('runs table selection', () => {
  it('toggles one row on a click and makes it the anchor', () => {
    let s = toggleSelection(order, new Set(), null, 7, false);
    expect([...s.selected]).toEqual([7]);
    expect(s.anchor).toBe(7);
    s = toggleSelection(order, s.selected, s.anchor, 7, false);
    expect([...s.selected]).toEqual([]);
  });

  it('selects the range from the anchor on a shift-click, in either direction', () => {
    const first = toggleSelection(order, new Set(), null, 7, false);
    const down = toggleSelection(order, first.selected, first.anchor, 3, true);
    expect(selectedInOrder(order, down.selected)).toEqual([7, 5, 3]);
    const up = toggleSelection(order, new Set([1]), 1, 5, true);
    expect(selectedInOrder(order, up.selected)).toEqual([5, 3, 1]);
  });

  it('clears a range when the shift-clicked row was selected', () => {
    const s = toggleSelection(order, new Set([9, 7, 5, 3]), 9, 5, true);
    expect(selectedInOrder(order, s.selected)).toEqual([3]);
  });

  it('treats a shift-click without an anchor on screen as a plain click', () => {
    const s = toggleSelection(order, new Set(), 42, 5, true);
    expect([...s.selected]).toEqual([5]);
  });
});
