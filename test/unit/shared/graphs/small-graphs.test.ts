import { describe, expect, it } from 'vitest';
import { degreeOf, edgePairs, type Graph } from '../../../../src-shared/graphs/graph';
import {
  communitySmall,
  cycleGraph,
  cycles,
  gridGraph,
  grids,
  ladderGraph,
  ladders,
  randomTrees,
  treeFromPrufer,
} from '../../../../src-shared/graphs/small-graphs';

const degrees = (g: Graph) => Array.from({ length: g.nodeCount }, (_, i) => degreeOf(g, i));
const sortedDegrees = (g: Graph) => degrees(g).sort((a, b) => a - b);

/** Whether every node is reached from node 0 (depth-first search). */
function isConnected(g: Graph): boolean {
  const seen = new Uint8Array(g.nodeCount);
  const stack = [0];
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) {
      const j = g.colIdx[p];
      if (!seen[j]) {
        seen[j] = 1;
        reached++;
        stack.push(j);
      }
    }
  }
  return reached === g.nodeCount;
}

const edgeList = (g: Graph) => {
  const { sources, targets } = edgePairs(g);
  return Array.from(sources, (s, e) => [s, targets[e]]);
};

describe('small graph sets', () => {
  it('builds every grid from 2–4 × 2–5 with r(c − 1) + c(r − 1) edges and the known degrees', () => {
    const all = grids();
    expect(all).toHaveLength(12);
    let k = 0;
    for (let r = 2; r <= 4; r++) {
      for (let c = 2; c <= 5; c++) {
        const g = all[k++];
        expect(g.nodeCount).toBe(r * c);
        expect(g.edgeCount).toBe(r * (c - 1) + c * (r - 1));
        // 4 corners of degree 2, 2(r − 2) + 2(c − 2) border nodes of degree 3, the rest of degree 4.
        const border = 2 * (r - 2) + 2 * (c - 2);
        expect(sortedDegrees(g)).toEqual([...Array(4).fill(2), ...Array(border).fill(3), ...Array(r * c - 4 - border).fill(4)]);
        expect(isConnected(g)).toBe(true);
      }
    }
    expect(edgeList(gridGraph(2, 3))).toEqual([[0, 1], [0, 3], [1, 2], [1, 4], [2, 5], [3, 4], [4, 5]]);
  });

  it('draws grid shapes from the ranges when asked for a sample', () => {
    const drawn = grids({ rows: [3, 3], columns: [2, 6], sample: { count: 40, seed: 4 } });
    expect(drawn).toHaveLength(40);
    const widths = new Set(drawn.map((g) => g.nodeCount / 3));
    for (const w of widths) expect(w >= 2 && w <= 6 && Number.isInteger(w)).toBe(true);
    expect(widths.size).toBeGreaterThan(1);
    expect(grids({ rows: [3, 3], columns: [2, 6], sample: { count: 40, seed: 4 } })).toEqual(drawn);
  });

  it('builds cycles with n edges and every degree 2, one per size or sampled', () => {
    const all = cycles();
    expect(all.map((g) => g.nodeCount)).toEqual(Array.from({ length: 17 }, (_, k) => k + 4));
    for (const g of all) {
      expect(g.edgeCount).toBe(g.nodeCount);
      expect(degrees(g).every((d) => d === 2)).toBe(true);
      expect(isConnected(g)).toBe(true);
    }
    expect(edgeList(cycleGraph(4))).toEqual([[0, 1], [0, 3], [1, 2], [2, 3]]);
    const drawn = cycles({ nodes: [5, 9], sample: { count: 30, seed: 2 } });
    expect(drawn).toHaveLength(30);
    expect(drawn.every((g) => g.nodeCount >= 5 && g.nodeCount <= 9)).toBe(true);
  });

  it('builds ladders with 2k nodes, 3k − 2 edges, four corners of degree 2 and the rest of degree 3', () => {
    const all = ladders();
    expect(all.map((g) => g.nodeCount)).toEqual([4, 6, 8, 10, 12, 14, 16, 18, 20]);
    for (const g of all) {
      const k = g.nodeCount / 2;
      expect(g.edgeCount).toBe(3 * k - 2);
      expect(sortedDegrees(g)).toEqual([2, 2, 2, 2, ...Array(2 * k - 4).fill(3)]);
      expect(isConnected(g)).toBe(true);
    }
    expect(edgeList(ladderGraph(3))).toEqual([[0, 1], [0, 3], [1, 2], [1, 4], [2, 5], [3, 4], [4, 5]]);
  });

  it('decodes Prüfer sequences into trees, all nⁿ⁻² of them distinct', () => {
    // Wikipedia's example, 0-based: the sequence 3, 3, 3, 4 is the tree 0–3, 1–3, 2–3, 3–4, 4–5.
    expect(edgeList(treeFromPrufer([3, 3, 3, 4]))).toEqual([[0, 3], [1, 3], [2, 3], [3, 4], [4, 5]]);
    expect(edgeList(treeFromPrufer([]))).toEqual([[0, 1]]);
    const n = 5;
    const seen = new Set<string>();
    for (let code = 0; code < n ** (n - 2); code++) {
      const sequence = [Math.floor(code / 25) % 5, Math.floor(code / 5) % 5, code % 5];
      const tree = treeFromPrufer(sequence);
      expect(tree.edgeCount).toBe(n - 1);
      expect(isConnected(tree)).toBe(true);
      // A node appears in the sequence degree − 1 times.
      for (let v = 0; v < n; v++) expect(degreeOf(tree, v)).toBe(1 + sequence.filter((s) => s === v).length);
      seen.add(JSON.stringify(edgeList(tree)));
    }
    expect(seen.size).toBe(125);
    expect(() => treeFromPrufer([0, 7])).toThrow(/entry 1 is 7; entries are nodes 0 … 3/);
  });

  it('draws random trees: n − 1 edges, connected, sizes in range, same seed same trees', () => {
    const trees = randomTrees(200, 5);
    expect(trees).toHaveLength(200);
    for (const t of trees) {
      expect(t.nodeCount).toBeGreaterThanOrEqual(4);
      expect(t.nodeCount).toBeLessThanOrEqual(20);
      expect(t.edgeCount).toBe(t.nodeCount - 1);
      expect(isConnected(t)).toBe(true);
    }
    expect(randomTrees(200, 5)).toEqual(trees);
    expect(randomTrees(200, 6)).not.toEqual(trees);
  });

  it("draws GraphRNN's community-small graphs: two labelled halves, dense inside, joined by one edge at 12–20 nodes", () => {
    const graphs = communitySmall(300, 9);
    expect(graphs).toHaveLength(300);
    let withinEdges = 0;
    let withinPairs = 0;
    for (const g of graphs) {
      const n = g.nodeCount;
      expect(n).toBeGreaterThanOrEqual(12);
      expect(n).toBeLessThanOrEqual(20);
      const half = Math.floor(n / 2);
      const labels = g.labels!.values;
      expect(Array.from(labels)).toEqual(Array.from({ length: n }, (_, i) => (i < half ? 0 : 1)));
      const { sources, targets } = edgePairs(g);
      let cross = 0;
      sources.forEach((s, e) => (labels[s] === labels[targets[e]] ? withinEdges++ : cross++));
      expect(cross).toBe(Math.max(1, Math.round(0.05 * n))); // 0.6 … 1 rounds to 1
      withinPairs += (half * (half - 1)) / 2 + ((n - half) * (n - half - 1)) / 2;
    }
    // Within-community edges at p = 0.3, to 5 binomial standard deviations.
    expect(Math.abs(withinEdges - 0.3 * withinPairs)).toBeLessThan(5 * Math.sqrt(withinPairs * 0.3 * 0.7));
    expect(communitySmall(300, 9)).toEqual(graphs);
    const larger = communitySmall(5, 1, { nodes: [60, 60], pIntra: 0.3, interFraction: 0.05 });
    for (const g of larger) {
      const labels = g.labels!.values;
      const { sources, targets } = edgePairs(g);
      expect(Array.from(sources).filter((s, e) => labels[s] !== labels[targets[e]]).length).toBe(3);
    }
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['a cycle of 2 nodes', () => cycles({ nodes: [2, 5] }), /cycles: nodes range is \[2, 5\]; give integers with 3 ≤ min ≤ max/],
    ['a reversed range', () => grids({ rows: [4, 2] }), /grids: rows range is \[4, 2\]/],
    ['a fractional count', () => randomTrees(2.5, 1), /randomTrees: count is 2.5/],
    ['a fractional seed', () => ladders({ sample: { count: 3, seed: 0.5 } }), /ladders: seed is 0.5/],
    ['a probability above 1', () => communitySmall(3, 1, { pIntra: 2 }), /communitySmall: pIntra is 2/],
  ];
  it.each(bad)('refuses %s', (_, make, message) => {
    expect(make).toThrow(message);
  });
});
