import type { GraphDatasetView, GraphDrawing } from '../contract/types';
import { mulberry32 } from '../datasets/rng';
import { unpackGraph, unpackGraphs, type GraphSetArrays } from './graph-files';
import type { Graph } from './graph';
import { averageClustering, degreeHistogram, featureDensity } from './graph-stats';

/** Drawings of one graph keep at most this many nodes; a set shows at most this many of its graphs. */
export const DRAWING_MAX_NODES = 400;
export const DRAWING_MAX_GRAPHS = 12;

/**
 * A neighbourhood sample of a large graph, for drawing: breadth-first from a seeded random node, taking whole rings
 * while they fit, then a seeded share of the next ring, restarting from another random node if the component runs
 * out. Node numbers in the drawing are the graph's own.
 */
export function sampledNeighbourhood(graph: Graph, maxNodes: number, seed: number): GraphDrawing {
  const random = mulberry32(seed);
  const chosen = new Set<number>();
  const order: number[] = [];
  const take = (v: number) => {
    if (!chosen.has(v) && chosen.size < maxNodes) {
      chosen.add(v);
      order.push(v);
    }
  };
  let frontier: number[] = [];
  while (chosen.size < Math.min(maxNodes, graph.nodeCount)) {
    if (frontier.length === 0) {
      let start = Math.floor(random() * graph.nodeCount);
      while (chosen.has(start)) start = (start + 1) % graph.nodeCount;
      take(start);
      frontier = [start];
      continue;
    }
    const inRing = new Set<number>();
    for (const v of frontier) for (let q = graph.rowPtr[v]; q < graph.rowPtr[v + 1]; q++) if (!chosen.has(graph.colIdx[q])) inRing.add(graph.colIdx[q]);
    const ring = [...inRing];
    // Shuffle the ring (seeded) so a partial ring is a fair sample of it.
    for (let k = ring.length - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [ring[k], ring[r]] = [ring[r], ring[k]];
    }
    for (const v of ring) take(v);
    frontier = ring.filter((v) => chosen.has(v));
  }
  return drawingOf(graph, order, graph.nodeCount > order.length ? `${order.length} of ${graph.nodeCount.toLocaleString('en-US')} nodes (a sampled neighbourhood)` : `${graph.nodeCount} nodes`);
}

/** The subgraph on `nodes`, with their labels. */
export function drawingOf(graph: Graph, nodes: number[], title: string): GraphDrawing {
  const position = new Map(nodes.map((v, k) => [v, k]));
  const edges: [number, number][] = [];
  for (const v of nodes) {
    for (let q = graph.rowPtr[v]; q < graph.rowPtr[v + 1]; q++) {
      const w = graph.colIdx[q];
      if (w > v && position.has(w)) edges.push([position.get(v)!, position.get(w)!]);
    }
  }
  return {
    title,
    nodes: nodes.map((v) => ({ id: graph.nodeIds?.[v] ?? String(v), label: graph.labels ? graph.labels.values[v] : -1, degree: graph.rowPtr[v + 1] - graph.rowPtr[v] })),
    edges,
  };
}

/** Degree histograms summed over graphs (index = degree). */
function summedDegrees(graphs: Graph[]): number[] {
  const total: number[] = [];
  for (const g of graphs) degreeHistogram(g).forEach((c, d) => (total[d] = (total[d] ?? 0) + c));
  return Array.from(total, (c) => c ?? 0);
}

/** What the Datasets screen shows of a graph dataset: counts, degree histogram, density, clustering and drawings. */
export function graphDatasetView(set: GraphSetArrays, seed = 1): GraphDatasetView {
  const { manifest } = set;
  const single = manifest.graphs === 1;
  const graphs = single ? [unpackGraph(set, 0)] : unpackGraphs(set);
  const nodesWithFeatures = graphs.reduce((s, g) => s + (g.features ? g.nodeCount : 0), 0);
  const densities = graphs.map((g) => ({ d: featureDensity(g), n: g.nodeCount }));
  const density = nodesWithFeatures > 0 ? densities.reduce((s, { d, n }) => s + (d ?? 0) * n, 0) / nodesWithFeatures : null;
  const clustering = graphs.reduce((s, g) => s + averageClustering(g) * g.nodeCount, 0) / Math.max(1, manifest.nodes);
  const drawings = single
    ? [sampledNeighbourhood(graphs[0], DRAWING_MAX_NODES, seed)]
    : graphs.slice(0, DRAWING_MAX_GRAPHS).map((g, k) => drawingOf(g, Array.from({ length: g.nodeCount }, (_, v) => v), `graph ${k + 1}: ${g.nodeCount} nodes, ${g.edgeCount} edges`));
  const sizes = graphs.map((g) => g.nodeCount);
  return {
    summary: { graphs: manifest.graphs, nodes: manifest.nodes, edges: manifest.edges, featureCount: manifest.featureCount },
    degreeHistogram: summedDegrees(graphs),
    featureDensity: density,
    averageClustering: clustering,
    classes: single ? manifest.classes : manifest.graphClasses.length > 0 ? manifest.graphClasses : manifest.classes,
    nodeClasses: manifest.classes,
    graphSizes: single ? null : { min: sizes.reduce((m, v) => Math.min(m, v), Infinity), max: sizes.reduce((m, v) => Math.max(m, v), 0), mean: manifest.nodes / manifest.graphs },
    drawings,
  };
}
