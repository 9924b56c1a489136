import { describe, expect, it } from 'vitest';
import { edgePairs } from '../../../../src-shared/graphs/graph';
import { blockRange, CORA_SIZED_SBM, sbmExpectedEdges, stochasticBlockModel, type SbmOptions } from '../../../../src-shared/graphs/sbm';

const base: SbmOptions = { nodes: 2000, communities: 4, pIn: 0.05, pOut: 0.005, featureCount: 0, featureDensity: 0, featureSignal: 0, seed: 1 };

/** Edges within and between communities, and the pairs of each kind. */
function countEdges(options: SbmOptions) {
  const graph = stochasticBlockModel(options);
  const labels = graph.labels!.values;
  const { sources, targets } = edgePairs(graph);
  let within = 0;
  sources.forEach((i, e) => (within += labels[i] === labels[targets[e]] ? 1 : 0));
  let withinPairs = 0;
  for (let c = 0; c < options.communities; c++) {
    const { start, end } = blockRange(options.nodes, options.communities, c);
    withinPairs += ((end - start) * (end - start - 1)) / 2;
  }
  const betweenPairs = (options.nodes * (options.nodes - 1)) / 2 - withinPairs;
  return { graph, within, between: graph.edgeCount - within, withinPairs, betweenPairs };
}

/** |observed − expected| within `sigmas` binomial standard deviations. */
const expectBinomial = (observed: number, trials: number, p: number, sigmas = 5) =>
  expect(Math.abs(observed - trials * p)).toBeLessThan(sigmas * Math.sqrt(trials * p * (1 - p)));

describe('stochasticBlockModel', () => {
  it('assigns nodes to near-equal contiguous communities and labels them', () => {
    const graph = stochasticBlockModel({ ...base, nodes: 10, communities: 3 });
    expect(Array.from(graph.labels!.values)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
    expect(graph.labels!.classes).toEqual(['community 1', 'community 2', 'community 3']);
    expect(graph.features).toBeUndefined();
  });

  it('joins pairs at pIn within and pOut between communities', () => {
    const { within, between, withinPairs, betweenPairs } = countEdges(base);
    expectBinomial(within, withinPairs, base.pIn);
    expectBinomial(between, betweenPairs, base.pOut);
  });

  it('gives every pair at probability 1 and none at 0', () => {
    const full = countEdges({ ...base, nodes: 50, communities: 3, pIn: 1, pOut: 0 });
    expect(full.within).toBe(full.withinPairs);
    expect(full.between).toBe(0);
    const bipartite = countEdges({ ...base, nodes: 50, communities: 3, pIn: 0, pOut: 1 });
    expect(bipartite.within).toBe(0);
    expect(bipartite.between).toBe(bipartite.betweenPairs);
  });

  it('samples a sparse graph of 200,000 nodes (2·10¹⁰ pairs) by skipping between edges, not by a coin flip per pair', { timeout: 10_000 }, () => {
    const options = { ...base, nodes: 200_000, communities: 10, pIn: 1e-5, pOut: 1e-7 };
    const { graph, within, withinPairs, between, betweenPairs } = countEdges(options);
    expectBinomial(within, withinPairs, options.pIn);
    expectBinomial(between, betweenPairs, options.pOut);
    const expected = sbmExpectedEdges(options);
    expect(Math.abs(graph.edgeCount - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it('puts features at the given density, denser in the community’s preferred block', () => {
    const options: SbmOptions = { ...base, nodes: 1000, communities: 5, pIn: 0.01, pOut: 0.001, featureCount: 500, featureDensity: 0.02, featureSignal: 0.6 };
    const graph = stochasticBlockModel(options);
    const { count, values } = graph.features!;
    expect(count).toBe(500);
    let ones = 0;
    let notBinary = 0;
    let inPreferred = 0;
    let preferredSlots = 0;
    for (let i = 0; i < graph.nodeCount; i++) {
      const { start, end } = blockRange(count, options.communities, graph.labels!.values[i]);
      preferredSlots += end - start;
      for (let f = 0; f < count; f++) {
        const v = values[i * count + f];
        if (v !== 0 && v !== 1) notBinary++;
        ones += v;
        if (f >= start && f < end) inPreferred += v;
      }
    }
    expect(notBinary).toBe(0);
    const slots = graph.nodeCount * count;
    // Each block holds 100 features: qOut = 0.4·0.02 = 0.008 outside, qIn = 0.008 + 0.6·0.02·500/100 = 0.068 inside.
    expectBinomial(ones, slots, 0.02, 6);
    expectBinomial(inPreferred, preferredSlots, 0.068);
    expectBinomial(ones - inPreferred, slots - preferredSlots, 0.008);
  });

  it('gives the same graph for the same seed, and keeps the edges when only the features change', () => {
    const options: SbmOptions = { ...base, nodes: 300, featureCount: 40, featureDensity: 0.1, featureSignal: 0.5 };
    const a = stochasticBlockModel(options);
    expect(stochasticBlockModel(options)).toEqual(a);
    const otherFeatures = stochasticBlockModel({ ...options, featureSignal: 0.9 });
    expect(otherFeatures.colIdx).toEqual(a.colIdx);
    expect(otherFeatures.features!.values).not.toEqual(a.features!.values);
    expect(stochasticBlockModel({ ...options, seed: 2 }).colIdx).not.toEqual(a.colIdx);
  });

  it('makes a Cora-sized graph: 2,708 nodes, 7 classes, about 5,300 edges, 1,433 features at about 1.27 %', () => {
    expect(sbmExpectedEdges(CORA_SIZED_SBM)).toBeGreaterThan(5250);
    expect(sbmExpectedEdges(CORA_SIZED_SBM)).toBeLessThan(5350);
    const graph = stochasticBlockModel(CORA_SIZED_SBM);
    expect(graph.nodeCount).toBe(2708);
    expect(graph.labels!.classes).toHaveLength(7);
    expect(Math.abs(graph.edgeCount - 5300)).toBeLessThan(300);
    const { count, values } = graph.features!;
    expect(count).toBe(1433);
    const density = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(density - 0.0127)).toBeLessThan(0.0005);
  });

  const bad: [string, Partial<SbmOptions>, RegExp][] = [
    ['a fractional node count', { nodes: 10.5 }, /nodes is 10.5; give an integer ≥ 1/],
    ['more communities than nodes', { nodes: 3, communities: 4 }, /4 communities for 3 nodes/],
    ['a probability above 1', { pIn: 1.2 }, /pIn is 1.2; give a probability in \[0, 1\]/],
    ['a NaN probability', { pOut: NaN }, /pOut is NaN/],
    ['fewer features than communities', { featureCount: 3, featureDensity: 0.1 }, /3 features for 4 communities/],
    ['features too dense for their block', { featureCount: 40, featureDensity: 0.5, featureSignal: 1 }, /probability 2.000 > 1; lower featureDensity or featureSignal/],
    ['a fractional seed', { seed: 0.5 }, /seed is 0.5/],
  ];
  it.each(bad)('refuses %s', (_, change, message) => {
    expect(() => stochasticBlockModel({ ...base, nodes: 100, ...change })).toThrow(message);
  });
});
