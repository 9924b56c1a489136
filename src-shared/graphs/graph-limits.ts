/**
 * The largest graph an importer accepts. A graph VAE trains full-batch, so the whole graph, its features and the
 * decoder's edge scores sit in memory at once; past these sizes an import would stall or crash the app rather than
 * give something trainable. For a set of graphs (TU Dortmund) the limits apply to the whole set.
 */
export const MAX_GRAPH_NODES = 1_000_000;
export const MAX_GRAPH_EDGES = 10_000_000;
/** Node feature values (nodes × features) held densely as float32: 200 M values are 800 MB. */
export const MAX_GRAPH_FEATURE_VALUES = 200_000_000;

const format = (n: number): string => n.toLocaleString('en-US');

/** Throws when a graph of `nodes` nodes and `edges` undirected edges is over the limits; `source` names the file. */
export function checkGraphSize(source: string, nodes: number, edges: number): void {
  if (nodes > MAX_GRAPH_NODES) {
    throw new Error(`${source}: ${format(nodes)} nodes, over the limit of ${format(MAX_GRAPH_NODES)}: import a subgraph`);
  }
  if (edges > MAX_GRAPH_EDGES) {
    throw new Error(`${source}: ${format(edges)} edges, over the limit of ${format(MAX_GRAPH_EDGES)}: import a subgraph`);
  }
}

/** Throws when `nodes` × `features` dense feature values are over MAX_GRAPH_FEATURE_VALUES. */
export function checkFeatureSize(source: string, nodes: number, features: number): void {
  if (nodes * features > MAX_GRAPH_FEATURE_VALUES) {
    throw new Error(
      `${source}: ${format(nodes)} nodes × ${format(features)} features is ${format(nodes * features)} values, ` +
        `over the limit of ${format(MAX_GRAPH_FEATURE_VALUES)}: reduce the features (e.g. keep the most frequent)`,
    );
  }
}
