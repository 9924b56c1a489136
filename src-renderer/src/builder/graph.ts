import { mlpArchitecture, summarizeArchitecture, type Architecture, type LatentKind } from '../../../src-shared/model-spec/architecture';
import { MAX_LAYERS_PER_SIDE, nameIssues } from '../../../src-shared/model-spec/architecture-json';
import { formatShape, inferLayer, layerName, SpecError, type Shape } from '../../../src-shared/model-spec/infer';
import type { LayerSpec } from '../../../src-shared/model-spec/layers';
import { latentHeadMultiplyAdds, layerMultiplyAdds } from '../../../src-shared/model-spec/multiply-adds';
import { architectureOf, hasEditableLayers, PARTS, type BuilderDraft, type BuilderFamily, type Part } from './draft';
import { CATEGORY_OF, layerActivation, layerDetail, type NodeCategory } from './layer-catalog';

export type NodeKind = 'input' | 'layer' | 'latent-head' | 'reparameterize' | 'pca' | 'output';
/** Which band of the canvas a node sits in: the encoder's (with the input), the latent's, or the decoder's (with the output). */
export type Band = 'encoder' | 'latent' | 'decoder';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  band: Band;
  /** The layer's side and position, for layer nodes. */
  at: { part: Part; index: number } | null;
  spec: LayerSpec | null;
  name: string;
  /** What the node is: a layer type, "dense → μ", "z = μ + σ ⊙ ε". */
  type: string;
  /** Its settings in a few characters ("16 × 3×3 · stride 2 · same"). */
  detail: string;
  /** The activation it applies, said beside its type; null for layers without one. */
  activation: string | null;
  category: NodeCategory;
  /** Null when an earlier layer does not fit, so this one's input is unknown. */
  outputShape: Shape | null;
  params: number;
  multiplyAdds: number;
  /** Why this node does not fit, in the words the host would refuse it with. */
  error: string | null;
  /** Whether it is a layer the user may edit, move and delete. */
  editable: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Where a layer dropped on this edge goes; null inside the latent head. */
  insertAt: { part: Part; index: number } | null;
}

export interface BuilderGraph {
  family: BuilderFamily;
  inputShape: Shape;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Every reason the model cannot train, first the one to fix first; empty when it fits. */
  errors: string[];
  totals: { params: number; multiplyAdds: number; complete: boolean };
}

const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);
const latentKindOf = (family: BuilderFamily): LatentKind => (family === 'vae' ? 'gaussian' : 'deterministic');

/** The ids of the nodes that are not layers (layers keep their draft ids, L1, L2, …). */
export const INPUT_ID = 'input';
export const OUTPUT_ID = 'output';
export const MU_ID = 'latent-mu';
export const LOG_VAR_ID = 'latent-log-var';
export const Z_ID = 'latent-z';

function layerNodes(part: Part, layers: { id: string; spec: LayerSpec }[], input: Shape | null, editable: boolean): { nodes: GraphNode[]; output: Shape | null } {
  let shape = input;
  const nodes = layers.map(({ id, spec }, index): GraphNode => {
    const node: GraphNode = {
      id,
      kind: 'layer',
      band: part,
      at: { part, index },
      spec,
      name: layerName(part, spec, index),
      type: spec.type,
      detail: layerDetail(spec),
      activation: layerActivation(spec),
      category: CATEGORY_OF[spec.type],
      outputShape: null,
      params: 0,
      multiplyAdds: 0,
      error: null,
      editable,
    };
    if (shape === null) return node;
    try {
      const inferred = inferLayer(part, spec, index, shape);
      node.outputShape = inferred.outputShape;
      node.params = inferred.params;
      node.multiplyAdds = layerMultiplyAdds(spec, inferred.inputShape, inferred.outputShape);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      node.error = error.message;
    }
    shape = node.outputShape;
    return node;
  });
  return { nodes, output: shape };
}

function specialNode(id: string, kind: NodeKind, band: Band, name: string, type: string, category: NodeCategory, outputShape: Shape | null, fields: Partial<GraphNode> = {}): GraphNode {
  return { id, kind, band, at: null, spec: null, name, type, detail: '', activation: null, category, outputShape, params: 0, multiplyAdds: 0, error: null, editable: false, ...fields };
}

/** The chain's edges, each knowing where a layer dropped on it would go. */
function chainEdges(path: string[][], insertAt: (GraphEdge['insertAt'])[]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (let step = 0; step + 1 < path.length; step++) {
    for (const source of path[step]) {
      for (const target of path[step + 1]) edges.push({ id: `${source}->${target}`, source, target, insertAt: insertAt[step] });
    }
  }
  return edges;
}

/**
 * The canvas's graph of a draft on data of shape `inputShape`: input → encoder layers → latent head → decoder layers
 * → output, each node with its output shape, parameters and multiply-adds from src-shared/model-spec (the code the
 * host validates with). A layer that does not fit carries the host's error and the layers after it have no shape;
 * the decoder's shapes are known whatever the encoder does, since it starts from z.
 */
export function buildGraph(draft: BuilderDraft, inputShape: Shape): BuilderGraph {
  const { family, latentDim } = draft;
  const editable = hasEditableLayers(family);
  const dae = family === 'dae';
  const input = specialNode(INPUT_ID, 'input', 'encoder', 'input', dae ? 'x̃ = corrupted x' : 'x', 'io', inputShape);

  if (family === 'pca') {
    const d = size(inputShape);
    const pca = specialNode('pca', 'pca', 'latent', 'pca', `PCA, top ${latentDim} directions`, 'latent', [latentDim], {
      detail: 'closed form, not trained by gradient',
      params: d * latentDim + d,
      multiplyAdds: 2 * d * latentDim,
    });
    const output = specialNode(OUTPUT_ID, 'output', 'decoder', 'output', 'x̂ = V z + μ', 'io', inputShape);
    return finish(family, inputShape, [input, pca, output], chainEdges([[INPUT_ID], ['pca'], [OUTPUT_ID]], [null, null]), []);
  }

  const arch: Architecture = editable ? architectureOf(draft) : mlpArchitecture([], 'linear', inputShape);
  const ids = (part: Part) => (editable ? draft[part].map((l) => l.id) : arch[part].map((_, i) => `${part}-${i}`));
  const layersOf = (part: Part) => arch[part].map((spec, i) => ({ id: ids(part)[i], spec }));
  const encoder = layerNodes('encoder', layersOf('encoder'), inputShape, editable);
  const decoder = layerNodes('decoder', layersOf('decoder'), [latentDim], editable);

  const kind = latentKindOf(family);
  const encoded = encoder.output;
  const headParams = encoded && encoded.length === 1 ? encoded[0] * latentDim + latentDim : 0;
  const headMultiplyAdds = encoded && encoded.length === 1 ? latentHeadMultiplyAdds(encoded[0], latentDim, 'deterministic') : 0;
  const head = (id: string, name: string, type: string) =>
    specialNode(id, 'latent-head', 'latent', name, type, 'latent', encoded ? [latentDim] : null, { params: headParams, multiplyAdds: headMultiplyAdds, detail: `${latentDim} units`, activation: 'linear' });
  const latent =
    kind === 'gaussian'
      ? [head(MU_ID, 'latent_mu', 'dense → μ'), head(LOG_VAR_ID, 'latent_log_var', 'dense → log σ²'), specialNode(Z_ID, 'reparameterize', 'latent', 'z', 'z = μ + σ ⊙ ε', 'latent', [latentDim], { detail: 'ε ~ N(0, I)' })]
      : [head(Z_ID, 'latent', family === 'linear-ae' ? 'z = V x + b' : 'dense → z')];
  const output = specialNode(OUTPUT_ID, 'output', 'decoder', 'output', 'x̂', 'io', decoder.output);

  const nodes = [input, ...encoder.nodes, ...latent, ...decoder.nodes, output];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const errors: string[] = [];
  const flag = (node: GraphNode | undefined, message: string) => {
    if (node && !node.error) node.error = message;
    errors.push(message);
  };

  // The verdict is summarizeArchitecture's, as on the host; its SpecError is pinned to the node it names.
  try {
    summarizeArchitecture(arch, inputShape, latentDim, kind);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const target =
      error.part === 'latent' ? byId.get(latent[0].id) : error.index === null ? (error.part === 'decoder' ? output : undefined) : (error.part === 'encoder' ? encoder : decoder).nodes[error.index];
    flag(target, error.message);
  }
  // The decoder is checked from z whatever the encoder does: its own misfits show at once.
  for (const node of decoder.nodes) if (node.error && !errors.includes(node.error)) errors.push(node.error);
  for (const issue of nameIssues(arch)) flag(byId.get(ids(issue.part)[issue.index]), `${issue.part} layer '${layerName(issue.part, arch[issue.part][issue.index], issue.index)}': ${issue.message}`);
  for (const part of PARTS) {
    if (arch[part].length === 0) errors.push(`The ${part} has no layers yet: add one from the palette (a side needs at least one to be saved).`);
    if (arch[part].length > MAX_LAYERS_PER_SIDE) errors.push(`The ${part} has ${arch[part].length} layers; a side takes at most ${MAX_LAYERS_PER_SIDE}.`);
  }

  const lastEncoder = encoder.nodes.at(-1)?.id ?? INPUT_ID;
  const heads = kind === 'gaussian' ? [MU_ID, LOG_VAR_ID] : [Z_ID];
  const edges = [
    ...chainEdges([[INPUT_ID], ...encoder.nodes.map((n) => [n.id])], encoder.nodes.map((_, i) => ({ part: 'encoder' as const, index: i }))),
    ...chainEdges([[lastEncoder], heads], [{ part: 'encoder', index: encoder.nodes.length }]),
    ...(kind === 'gaussian' ? chainEdges([heads, [Z_ID]], [null]) : []),
    ...chainEdges([[Z_ID], ...decoder.nodes.map((n) => [n.id]), [OUTPUT_ID]], [...decoder.nodes.map((_, i) => ({ part: 'decoder' as const, index: i })), { part: 'decoder', index: decoder.nodes.length }]),
  ];
  if (!editable) for (const edge of edges) edge.insertAt = null;
  return finish(family, inputShape, nodes, edges, errors);
}

function finish(family: BuilderFamily, inputShape: Shape, nodes: GraphNode[], edges: GraphEdge[], errors: string[]): BuilderGraph {
  const complete = errors.length === 0 && nodes.every((n) => n.outputShape !== null);
  const params = nodes.reduce((sum, n) => sum + n.params, 0);
  const multiplyAdds = nodes.reduce((sum, n) => sum + n.multiplyAdds, 0);
  return { family, inputShape, nodes, edges, errors: [...new Set(errors)], totals: { params, multiplyAdds, complete } };
}

/**
 * The layer spec a graph draws, read by walking its edges from the input to the output: the inverse of
 * buildGraph for the layers (the latent head is the family's, not part of the spec).
 */
export function graphToArchitecture(graph: Pick<BuilderGraph, 'nodes' | 'edges'>): Architecture {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string>();
  for (const edge of graph.edges) if (!next.has(edge.source)) next.set(edge.source, edge.target);
  const arch: Architecture = { encoder: [], decoder: [] };
  const seen = new Set<string>();
  for (let id: string | undefined = INPUT_ID; id !== undefined && !seen.has(id); id = next.get(id)) {
    seen.add(id);
    const node = byId.get(id);
    if (node?.at && node.spec) arch[node.at.part].push(node.spec);
  }
  return arch;
}

/**
 * Where a layer goes when it is added "after" a node (a palette button with that node selected, a drop on it):
 * after a layer, in its side; after the input, first in the encoder; after the latent head, first in the decoder;
 * at the output, last in the decoder. With nothing selected, last in the encoder.
 */
export function insertionAfter(graph: Pick<BuilderGraph, 'nodes'>, id: string | null): { part: Part; index: number } {
  const node = id === null ? undefined : graph.nodes.find((n) => n.id === id);
  const count = (part: Part) => graph.nodes.filter((n) => n.at?.part === part).length;
  if (!node) return { part: 'encoder', index: count('encoder') };
  if (node.at) return { part: node.at.part, index: node.at.index + 1 };
  if (node.kind === 'input') return { part: 'encoder', index: 0 };
  if (node.kind === 'output') return { part: 'decoder', index: count('decoder') };
  return { part: 'decoder', index: 0 };
}

/** The text of a shape on a node: "14×14×16", or "?" when an earlier layer does not fit. */
export const shapeText = (shape: Shape | null): string => (shape ? formatShape(shape) : '?');
