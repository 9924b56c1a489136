import { describe, expect, it } from 'vitest';
import { featureCosineScores } from '../../../../src-shared/graphs/feature-cosine';
import { graphFromEdges } from '../../../../src-shared/graphs/graph';

describe('feature-cosine baseline', () => {
  it('scores each pair by the cosine of its nodes’ features, positives first, 0 for a node without features', () => {
    const { graph } = graphFromEdges(4, [0], [1]);
    const features = { count: 2, values: Float32Array.from([1, 0, 1, 1, 0, 0, 0, 2]) };
    const pairs = { positive: { sources: Int32Array.from([0]), targets: Int32Array.from([1]) }, negative: { sources: Int32Array.from([0, 2]), targets: Int32Array.from([3, 3]) } };
    const out = featureCosineScores({ ...graph, features }, pairs)!;
    expect(Array.from(out.labels)).toEqual([1, 0, 0]);
    expect(out.scores[0]).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(out.scores[1]).toBe(0);
    expect(out.scores[2]).toBe(0);
    expect(featureCosineScores(graph, pairs)).toBeNull();
  });
});
