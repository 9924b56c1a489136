import type { HeldOutEdges } from './edge-split';
import type { Graph } from './graph';

/**
 * The feature-cosine baseline of link prediction: a pair (i, j) scores the cosine similarity of the two nodes'
 * feature vectors, no training at all (0 where a node has no active feature). A graph autoencoder must rank held-out
 * edges above it to have learnt anything from the edges. Positives then negatives, as pairScores orders them;
 * float64. Null when the graph has no features.
 */
export function featureCosineScores(graph: Graph, pairs: HeldOutEdges): { scores: Float64Array; labels: Uint8Array } | null {
  const features = graph.features;
  if (!features || features.count === 0) return null;
  const f = features.count;
  const values = features.values;
  const norms = new Float64Array(graph.nodeCount);
  for (let i = 0; i < graph.nodeCount; i++) {
    let s = 0;
    for (let k = 0; k < f; k++) s += values[i * f + k] * values[i * f + k];
    norms[i] = Math.sqrt(s);
  }
  const n = pairs.positive.sources.length + pairs.negative.sources.length;
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  let out = 0;
  for (const [set, label] of [[pairs.positive, 1], [pairs.negative, 0]] as const) {
    for (let e = 0; e < set.sources.length; e++) {
      const i = set.sources[e];
      const j = set.targets[e];
      let dot = 0;
      for (let k = 0; k < f; k++) dot += values[i * f + k] * values[j * f + k];
      const denominator = norms[i] * norms[j];
      scores[out] = denominator > 0 ? dot / denominator : 0;
      labels[out++] = label;
    }
  }
  return { scores, labels };
}
