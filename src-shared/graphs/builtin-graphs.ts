import type { DatasetInfo } from '../datasets/types';
import { packGraphs, type GraphSetArrays } from './graph-files';
import { CORA_SIZED_SBM, stochasticBlockModel, type SbmOptions } from './sbm';
import { communitySmall, cycles, grids, ladders, randomTrees } from './small-graphs';
import type { Graph } from './graph';

/**
 * Built-in graph datasets, drawn with fixed seeds so every run on one sees the same graphs: one graph for link
 * prediction (GAE/VGAE) and sets of small graphs for generation (GraphVAE). They take no size: a different graph is a
 * different dataset, and the link-prediction split is made per run from its seed.
 */
interface BuiltinGraphDataset {
  id: string;
  name: string;
  description: string;
  generate(): Graph[];
}

const GRAPH_SEED = 20161121;

/** A small SBM that trains in seconds: 4 communities of 250 nodes, mean degree about 5.5, 200 sparse features. */
export const SMALL_SBM: Readonly<SbmOptions> = Object.freeze({
  nodes: 1000,
  communities: 4,
  pIn: 0.02,
  pOut: 0.0007,
  featureCount: 200,
  featureDensity: 0.05,
  featureSignal: 0.5,
  seed: GRAPH_SEED,
});

const REGISTRY: BuiltinGraphDataset[] = [
  {
    id: 'builtin:sbm',
    name: 'SBM graph, 1,000 nodes',
    description: 'Stochastic block model: 4 communities of 250 nodes, about 2,750 edges, 200 sparse binary features that follow the community (link prediction).',
    generate: () => [stochasticBlockModel(SMALL_SBM)],
  },
  {
    id: 'builtin:sbm-cora',
    name: 'Cora-sized SBM graph',
    description: "Stochastic block model at Cora's size: 2,708 nodes in 7 communities, about 5,300 edges, 1,433 sparse binary features at Cora's density (link prediction).",
    generate: () => [stochasticBlockModel(CORA_SIZED_SBM)],
  },
  {
    id: 'builtin:community-small',
    name: 'Community-small graphs',
    description: "GraphRNN's community-small: 100 graphs of 12–20 nodes, two Erdős–Rényi communities joined by a few edges (generation).",
    generate: () => communitySmall(100, GRAPH_SEED),
  },
  {
    id: 'builtin:grids',
    name: 'Grid graphs',
    description: 'Every r × c grid with 2 ≤ r ≤ 4 and 2 ≤ c ≤ 5, 100 graphs drawn uniformly among them (generation).',
    generate: () => grids({ sample: { count: 100, seed: GRAPH_SEED } }),
  },
  {
    id: 'builtin:cycles',
    name: 'Cycle graphs',
    description: 'Cycles of 3–20 nodes, 100 graphs drawn uniformly (generation).',
    generate: () => cycles({ nodes: [3, 20], sample: { count: 100, seed: GRAPH_SEED } }),
  },
  {
    id: 'builtin:ladders',
    name: 'Ladder graphs',
    description: 'Ladders of 2–10 rungs (4–20 nodes), 100 graphs drawn uniformly (generation).',
    generate: () => ladders({ rungs: [2, 10], sample: { count: 100, seed: GRAPH_SEED } }),
  },
  {
    id: 'builtin:trees',
    name: 'Random trees',
    description: 'Uniformly random labelled trees of 8–20 nodes (Prüfer sequences), 100 graphs (generation).',
    generate: () => randomTrees(100, GRAPH_SEED, { nodes: [8, 20] }),
  },
];

const BY_ID = new Map(REGISTRY.map((d) => [d.id, d]));

export const isBuiltinGraphDataset = (id: string): boolean => BY_ID.has(id);

/** Generated sets, kept: the host's views and the trainer's runs ask for the same few again and again. */
const cache = new Map<string, GraphSetArrays>();

/** The packed graphs of a built-in graph dataset. */
export function builtinGraphSet(id: string): GraphSetArrays {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`unknown built-in graph dataset '${id}' (known: ${[...BY_ID.keys()].join(', ')})`);
  let set = cache.get(id);
  if (!set) {
    set = packGraphs(entry.generate());
    cache.set(id, set);
  }
  return set;
}

/** A graph dataset's info from its packed graphs: one graph counts nodes, a set counts graphs. */
export function graphDatasetInfo(base: Pick<DatasetInfo, 'id' | 'name' | 'description' | 'source' | 'builtin' | 'createdAt'>, set: GraphSetArrays): DatasetInfo {
  const { manifest } = set;
  const single = manifest.graphs === 1;
  const count = single ? manifest.nodes : manifest.graphs;
  const classes = single ? manifest.classes : manifest.graphClasses;
  const labels = single ? set.labels : set.graphLabels;
  const classCounts = classes.map(() => 0);
  if (labels) for (const l of labels) if (l >= 0 && l < classCounts.length) classCounts[l]++;
  return {
    ...base,
    kind: 'graph',
    sampleShape: [manifest.featureCount],
    count,
    trainCount: count,
    validationCount: 0,
    testCount: 0,
    classes: [...classes],
    classCounts,
    factors: [],
    graph: { graphs: manifest.graphs, nodes: manifest.nodes, edges: manifest.edges, featureCount: manifest.featureCount },
  };
}

export function builtinGraphDatasetInfo(id: string): DatasetInfo | undefined {
  const entry = BY_ID.get(id);
  if (!entry) return undefined;
  return graphDatasetInfo({ id, name: entry.name, description: entry.description, source: 'builtin', builtin: true, createdAt: null }, builtinGraphSet(id));
}

export const listBuiltinGraphDatasets = (): DatasetInfo[] => REGISTRY.map((d) => builtinGraphDatasetInfo(d.id) as DatasetInfo);
