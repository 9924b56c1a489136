/**
 * Checkbox selection over a table's rows, as mail clients do it: a click toggles one row and makes it the anchor;
 * a shift-click gives every row from the anchor to the clicked one the clicked row's new state.
 */
export function toggleSelection(order: number[], selected: ReadonlySet<number>, anchor: number | null, target: number, shift: boolean): { selected: Set<number>; anchor: number } {
  const next = new Set(selected);
  const state = !selected.has(target);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(target);
  if (shift && from >= 0 && to >= 0) {
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    for (const id of order.slice(lo, hi + 1)) {
      if (state) next.add(id);
      else next.delete(id);
    }
  } else if (state) next.add(target);
  else next.delete(target);
  return { selected: next, anchor: target };
}

/** The selected ids in the table's order (what "Compare" opens, left to right). */
export function selectedInOrder(order: number[], selected: ReadonlySet<number>): number[] {
  return order.filter((id) => selected.has(id));
}
