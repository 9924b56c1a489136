import dagre from '@dagrejs/dagre';
import type { Part } from './draft';
import type { Band, BuilderGraph, GraphEdge, GraphNode } from './graph';

/**
 * 'TB': the encoder runs down a column, the latent head sits at its foot and the decoder climbs the next column, so
 * the canvas reads as a U with input and output side by side and each encoder layer level with its mirror.
 * 'LR': the same U on its side (encoder along the top row, decoder back along the bottom row).
 */
export type LayoutDirection = 'TB' | 'LR';

export const NODE_WIDTH = 206;
const NODE_HEIGHT = 48;
/** Extra room for the error text a node that does not fit shows. */
const ERROR_HEIGHT = 46;
const BAND_GAP = 60;

export const nodeHeight = (node: Pick<GraphNode, 'error'>): number => NODE_HEIGHT + (node.error ? ERROR_HEIGHT : 0);

export type HandleSide = 'top' | 'right' | 'bottom' | 'left';

export interface GraphLayout {
  /** Top-left corners, as Vue Flow places nodes. */
  positions: Map<string, { x: number; y: number }>;
  /** Which sides of its two nodes each edge joins: along a band top to bottom, across bands side to side. */
  handles: Map<string, { source: HandleSide; target: HandleSide }>;
  direction: LayoutDirection;
}

interface Box {
  cx: number;
  cy: number;
  width: number;
  height: number;
}

const RANKDIR: Record<LayoutDirection, Record<Band, string>> = {
  TB: { encoder: 'TB', latent: 'LR', decoder: 'BT' },
  LR: { encoder: 'LR', latent: 'TB', decoder: 'RL' },
};

/** One band laid out by dagre on its own, as centres relative to the band's top-left corner. */
function layoutBand(nodes: GraphNode[], edges: GraphEdge[], rankdir: string): { boxes: Map<string, Box>; width: number; height: number } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir, nodesep: 20, ranksep: 20, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) g.setNode(node.id, { width: NODE_WIDTH, height: nodeHeight(node) });
  for (const edge of edges) if (ids.has(edge.source) && ids.has(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const boxes = new Map<string, Box>();
  for (const node of nodes) {
    const { x, y, width, height } = g.node(node.id);
    boxes.set(node.id, { cx: x, cy: y, width, height });
  }
  const { width = 0, height = 0 } = g.graph();
  return { boxes, width, height };
}

/**
 * The column (TB) or row (LR) a node is placed in. The reparameterization z = μ + σ ⊙ ε starts the decoder's column,
 * so the latent band holds only the heads, side by side across it, and the canvas stays three node widths wide.
 */
const placedIn = (node: GraphNode): Band => (node.kind === 'reparameterize' ? 'decoder' : node.band);

/**
 * Places every node of the graph: each band by dagre, then the bands side by side (TB) or one under the other
 * (LR), lined up on the encoder's last node so that the edges between bands are short and straight.
 */
export function layoutGraph(graph: Pick<BuilderGraph, 'nodes' | 'edges'>, direction: LayoutDirection): GraphLayout {
  const bands = (['encoder', 'latent', 'decoder'] as const).map((band) => {
    const nodes = graph.nodes.filter((n) => placedIn(n) === band);
    return { band, nodes, ...layoutBand(nodes, graph.edges, RANKDIR[direction][band]) };
  });
  const across = direction === 'TB' ? 'cx' : 'cy';
  const along = direction === 'TB' ? 'cy' : 'cx';
  const [encoder, latent, decoder] = bands;
  // The meeting line: the last encoder node's centre (the input's when the encoder is empty).
  const lastEncoder = encoder.nodes[encoder.nodes.length - 1];
  const anchor = encoder.boxes.get(lastEncoder.id)![along];
  const firstDecoder = decoder.nodes[0];
  const latentCentre = (direction === 'TB' ? latent.height : latent.width) / 2;
  const alignment = { encoder: 0, latent: anchor - latentCentre, decoder: anchor - (firstDecoder ? decoder.boxes.get(firstDecoder.id)![along] : 0) };

  const centres = new Map<string, { cx: number; cy: number; height: number }>();
  let offset = 0;
  for (const band of bands) {
    for (const node of band.nodes) {
      const box = band.boxes.get(node.id)!;
      const shifted = { ...box, [across]: box[across] + offset, [along]: box[along] + alignment[band.band] };
      centres.set(node.id, { cx: shifted.cx, cy: shifted.cy, height: box.height });
    }
    offset += (direction === 'TB' ? band.width : band.height) + BAND_GAP;
  }
  const minX = Math.min(...[...centres.values()].map((c) => c.cx - NODE_WIDTH / 2));
  const minY = Math.min(...[...centres.values()].map((c) => c.cy - c.height / 2));
  const positions = new Map([...centres].map(([id, c]) => [id, { x: Math.round(c.cx - NODE_WIDTH / 2 - minX), y: Math.round(c.cy - c.height / 2 - minY) }]));

  const handles = new Map<string, { source: HandleSide; target: HandleSide }>();
  for (const edge of graph.edges) {
    const s = centres.get(edge.source);
    const t = centres.get(edge.target);
    if (!s || !t) continue;
    const dx = t.cx - s.cx;
    const dy = t.cy - s.cy;
    const sideways = Math.abs(dx) > Math.abs(dy) * 1.5;
    handles.set(edge.id, sideways ? (dx > 0 ? { source: 'right', target: 'left' } : { source: 'left', target: 'right' }) : dy > 0 ? { source: 'bottom', target: 'top' } : { source: 'top', target: 'bottom' });
  }
  return { positions, handles, direction };
}

const centreOf = (layout: GraphLayout, node: GraphNode) => {
  const p = layout.positions.get(node.id)!;
  return { x: p.x + NODE_WIDTH / 2, y: p.y + nodeHeight(node) / 2 };
};

/**
 * The position a layer dragged to `point` takes within its own side: the number of its other layers that come
 * before that point in the direction the side runs (down the encoder, up the decoder, in the TB layout).
 */
export function reorderIndex(graph: Pick<BuilderGraph, 'nodes'>, layout: GraphLayout, id: string, point: { x: number; y: number }): number {
  const dragged = graph.nodes.find((n) => n.id === id);
  if (!dragged?.at) return 0;
  const part = dragged.at.part;
  const axis = layout.direction === 'TB' ? 'y' : 'x';
  const forward = part === 'encoder' ? 1 : -1;
  return graph.nodes.filter((n) => n.at?.part === part && n.id !== id).filter((n) => (centreOf(layout, n)[axis] - point[axis]) * forward < 0).length;
}

/** The side whose nodes (input and encoder layers, or decoder layers and output) are nearest a point on the canvas. */
export function nearestSide(graph: Pick<BuilderGraph, 'nodes'>, layout: GraphLayout, point: { x: number; y: number }): Part {
  let best: { part: Part; distance: number } = { part: 'encoder', distance: Infinity };
  for (const node of graph.nodes) {
    if (node.band === 'latent' || !layout.positions.has(node.id)) continue;
    const c = centreOf(layout, node);
    const distance = Math.hypot(c.x - point.x, c.y - point.y);
    if (distance < best.distance) best = { part: node.band, distance };
  }
  return best.part;
}
