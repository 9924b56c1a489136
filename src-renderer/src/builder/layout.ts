import dagre from '@dagrejs/dagre';
import type { Part } from './draft';
import type { Band, BuilderGraph, GraphEdge, GraphNode } from './graph';

/**
 * The least zoom a fitted view goes to: the nodes' smallest text (11px) stays at 10px or more. A model too big for
 * its canvas at that size is shown from its input, to be panned, rather than shrunk past reading.
 */
export const MIN_READABLE_ZOOM = 10 / 11;

/**
 * 'TB': the encoder runs down a column, the latent head sits at its foot and the decoder climbs the next column, so
 * the canvas reads as a U with input and output side by side and each encoder layer level with its mirror.
 * 'LR': the same U on its side (encoder along the top row, decoder back along the bottom row).
 */
export type LayoutDirection = 'TB' | 'LR';

/** Wide enough for a conv node's lines in DejaVu Sans ("dec_conv2dTranspose4", "conv2dTranspose · relu  14×14×16"). */
export const NODE_WIDTH = 240;
/** Three lines: name and parameters; type, activation and output shape; settings. */
const NODE_HEIGHT = 58;
/** Extra room for the error text a node that does not fit shows. */
const ERROR_HEIGHT = 48;
/** Between nodes along a line, and side by side in one rank. */
const NODE_GAP = 16;
/** Between the encoder's, the latent head's and the decoder's lines. */
const BAND_GAP = 40;
/** Between two lines of one band, when a long side wraps. */
const LINE_GAP = 28;

export const nodeHeight = (node: Pick<GraphNode, 'error'>): number => NODE_HEIGHT + (node.error ? ERROR_HEIGHT : 0);

export type HandleSide = 'top' | 'right' | 'bottom' | 'left';

export interface GraphLayout {
  /** Top-left corners, as Vue Flow places nodes. */
  positions: Map<string, { x: number; y: number }>;
  /** Which sides of its two nodes each edge joins: along a band top to bottom, across bands side to side. */
  handles: Map<string, { source: HandleSide; target: HandleSide }>;
  direction: LayoutDirection;
  /** The most nodes a line (a column in TB, a row in LR) of the encoder's or the decoder's band holds. */
  perLine: number;
  /** Which line each node is in, counted across the canvas (the encoder's first, …, the decoder's last). */
  lineOf: Map<string, number>;
  /** Where each line's centre is, across the canvas (x in TB, y in LR). */
  lineCentres: number[];
  /** Which way the chain runs along each line: +1 down (TB) or right (LR), −1 up or left. */
  lineSigns: (1 | -1)[];
  /** The drawing's size. */
  width: number;
  height: number;
}

interface Box {
  cx: number;
  cy: number;
  width: number;
  height: number;
}

/** The latent band's heads sit side by side across the chain: dagre lays them as one rank. */
const RANKDIR: Record<LayoutDirection, { latent: string }> = {
  TB: { latent: 'LR' },
  LR: { latent: 'TB' },
};

/** One line of a band laid out by dagre on its own, as centres relative to the line's top-left corner. */
function layoutLine(nodes: GraphNode[], edges: GraphEdge[], rankdir: string): { nodes: GraphNode[]; boxes: Map<string, Box>; width: number; height: number } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir, nodesep: NODE_GAP, ranksep: NODE_GAP, marginx: 0, marginy: 0 });
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
  return { nodes, boxes, width, height };
}

/**
 * The column (TB) or row (LR) a node is placed in. The reparameterization z = μ + σ ⊙ ε starts the decoder's column,
 * so the latent band holds only the heads, side by side across it, and the canvas stays three node widths wide.
 */
const placedIn = (node: GraphNode): Band => (node.kind === 'reparameterize' ? 'decoder' : node.band);

const chunk = <T>(items: T[], size: number): T[][] => {
  const lines: T[][] = [];
  for (let i = 0; i < items.length; i += size) lines.push(items.slice(i, i + size));
  return lines.length ? lines : [[]];
};

/**
 * Places every node of the graph: each band by dagre, then the bands side by side (TB) or one under the other (LR),
 * lined up on the encoder's last node so that the edges between bands are short and straight. A side longer than
 * `perLine` nodes wraps onto further lines as a snake: each line starts level with where the one before it ended and
 * runs back the other way, so every step of the chain joins neighbours.
 */
export function layoutGraph(graph: Pick<BuilderGraph, 'nodes' | 'edges'>, direction: LayoutDirection, perLine = Infinity): GraphLayout {
  const per = Math.max(2, perLine);
  const across = direction === 'TB' ? 'cx' : 'cy';
  const along = direction === 'TB' ? 'cy' : 'cx';
  const rankdir = (sign: 1 | -1) => (sign > 0 ? direction : direction === 'TB' ? 'BT' : 'RL');
  const nodesOf = (band: Band) => graph.nodes.filter((n) => placedIn(n) === band);
  const encoderLines = chunk(nodesOf('encoder'), per);
  const decoderLines = chunk(nodesOf('decoder'), per);
  const wrapped = encoderLines.length > 1 || decoderLines.length > 1;

  type Placed = ReturnType<typeof layoutLine> & { band: Band; sign: 1 | -1; shift: number };
  /** Lays out a band's lines, the first one's first node at `start` (along), each next one from where the last ended. */
  const snake = (band: Band, lines: GraphNode[][], firstSign: 1 | -1, start: number): Placed[] => {
    let from = start;
    return lines.map((nodes, l) => {
      const sign = (l % 2 === 0 ? firstSign : -firstSign) as 1 | -1;
      const line = layoutLine(nodes, graph.edges, rankdir(sign));
      const shift = from - line.boxes.get(nodes[0].id)![along];
      from = line.boxes.get(nodes[nodes.length - 1].id)![along] + shift;
      return { ...line, band, sign, shift };
    });
  };
  const encoder = snake('encoder', encoderLines, 1, 0);
  // The meeting line: the centre of the encoder's last node (the input's when the encoder is empty).
  const lastEncoderLine = encoder[encoder.length - 1];
  const lastEncoder = lastEncoderLine.nodes[lastEncoderLine.nodes.length - 1];
  const anchor = lastEncoderLine.boxes.get(lastEncoder.id)![along] + lastEncoderLine.shift;
  const spanOf = (line: Placed) => line.nodes.map((n) => line.boxes.get(n.id)![along] + line.shift);
  const span = encoder.flatMap(spanOf);
  // The decoder runs back towards the input (a U), or, once the encoder wraps, into whichever side has the more room.
  const decoderSign: 1 | -1 = Math.max(...span) - anchor > anchor - Math.min(...span) ? 1 : -1;
  const latentNodes = nodesOf('latent');
  const latentLine = layoutLine(latentNodes, graph.edges, RANKDIR[direction].latent);
  const latentLength = direction === 'TB' ? latentLine.height : latentLine.width;
  // The heads are centred on the meeting line; once a side wraps they start there and go the decoder's way, so
  // they stay within the lines' span.
  const anchorHalf = (direction === 'TB' ? nodeHeight(lastEncoder) : NODE_WIDTH) / 2;
  const latentStart = !wrapped ? anchor - latentLength / 2 : decoderSign > 0 ? anchor - anchorHalf : anchor + anchorHalf - latentLength;
  const latent: Placed = { ...latentLine, band: 'latent', sign: 1, shift: latentStart };
  const decoder = snake('decoder', decoderLines, decoderSign, anchor);
  const lines = [...encoder, latent, ...decoder];

  const centres = new Map<string, { cx: number; cy: number; height: number }>();
  const lineOf = new Map<string, number>();
  const lineCentres: number[] = [];
  let offset = 0;
  lines.forEach((line, l) => {
    const thickness = direction === 'TB' ? line.width : line.height;
    for (const node of line.nodes) {
      const box = line.boxes.get(node.id)!;
      const shifted = { ...box, [across]: box[across] + offset, [along]: box[along] + line.shift };
      centres.set(node.id, { cx: shifted.cx, cy: shifted.cy, height: box.height });
      lineOf.set(node.id, l);
    }
    lineCentres.push(offset + thickness / 2);
    const next = lines[l + 1];
    if (next) offset += thickness + (next.band === line.band ? LINE_GAP : BAND_GAP);
  });
  const minX = Math.min(...[...centres.values()].map((c) => c.cx - NODE_WIDTH / 2));
  const minY = Math.min(...[...centres.values()].map((c) => c.cy - c.height / 2));
  const positions = new Map([...centres].map(([id, c]) => [id, { x: Math.round(c.cx - NODE_WIDTH / 2 - minX), y: Math.round(c.cy - c.height / 2 - minY) }]));
  const shift = direction === 'TB' ? minX : minY;

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
  const heights = new Map(graph.nodes.map((n) => [n.id, nodeHeight(n)]));
  const width = Math.max(0, ...[...positions.values()].map((p) => p.x + NODE_WIDTH));
  const height = Math.max(0, ...[...positions].map(([id, p]) => p.y + (heights.get(id) ?? NODE_HEIGHT)));
  return { positions, handles, direction, perLine: per, lineOf, lineCentres: lineCentres.map((c) => c - shift), lineSigns: lines.map((line) => line.sign), width, height };
}

/** The largest zoom at which a drawing of `width`×`height` fits a viewport, with Vue Flow's fitView padding. */
export const fitZoom = (size: { width: number; height: number }, viewport: { width: number; height: number }, padding: number): number =>
  Math.min(viewport.width / (size.width * (1 + padding)), viewport.height / (size.height * (1 + padding)));

/**
 * The layout that shows the graph largest in a viewport: the U as it is, or with its long sides wrapped onto more
 * lines (a 13-layer model laid in rows is otherwise ~70px a node at 1360×880). Zooms past `maxZoom` count as equal,
 * and on a tie the fewer lines win, so a model that fits keeps its plain U.
 */
export function layoutToFit(graph: Pick<BuilderGraph, 'nodes' | 'edges'>, direction: LayoutDirection, viewport: { width: number; height: number } | null, padding: number, maxZoom: number): GraphLayout {
  const plain = layoutGraph(graph, direction);
  if (!viewport || viewport.width <= 0 || viewport.height <= 0) return plain;
  const longest = Math.max(...(['encoder', 'decoder'] as const).map((band) => graph.nodes.filter((n) => placedIn(n) === band).length));
  let best = { layout: plain, zoom: Math.min(maxZoom, fitZoom(plain, viewport, padding)) };
  for (let per = longest - 1; per >= 2; per--) {
    const wrapped = layoutGraph(graph, direction, per);
    const zoom = Math.min(maxZoom, fitZoom(wrapped, viewport, padding));
    if (zoom > best.zoom + 1e-6) best = { layout: wrapped, zoom };
  }
  return best.layout;
}

/**
 * `layoutToFit` in whichever direction shows the graph larger, the preferred one on a tie: for read-only drawings
 * in a narrow column, where the U laid on its side and wrapped fits where the columns would not.
 */
export function layoutToFitEitherWay(graph: Pick<BuilderGraph, 'nodes' | 'edges'>, preferred: LayoutDirection, viewport: { width: number; height: number } | null, padding: number, maxZoom: number): GraphLayout {
  const first = layoutToFit(graph, preferred, viewport, padding, maxZoom);
  if (!viewport) return first;
  const other = layoutToFit(graph, preferred === 'TB' ? 'LR' : 'TB', viewport, padding, maxZoom);
  const zoom = (layout: GraphLayout) => Math.min(maxZoom, fitZoom(layout, viewport, padding));
  return zoom(other) > zoom(first) + 1e-6 ? other : first;
}

const centreOf = (layout: GraphLayout, node: GraphNode) => {
  const p = layout.positions.get(node.id)!;
  return { x: p.x + NODE_WIDTH / 2, y: p.y + nodeHeight(node) / 2 };
};

/**
 * The position a layer dragged to `point` takes within its own side: the number of its other layers that come
 * before that point along the chain, line by line and along each line the way the chain runs there.
 */
export function reorderIndex(graph: Pick<BuilderGraph, 'nodes'>, layout: GraphLayout, id: string, point: { x: number; y: number }): number {
  const dragged = graph.nodes.find((n) => n.id === id);
  if (!dragged?.at) return 0;
  const part = dragged.at.part;
  const axis = layout.direction === 'TB' ? 'y' : 'x';
  const acrossAxis = layout.direction === 'TB' ? 'x' : 'y';
  const others = graph.nodes.filter((n) => n.at?.part === part && n.id !== id);
  // The line let go on: of the side's own lines, the one whose centre is nearest the point.
  const lines = [...new Set([dragged, ...others].map((n) => layout.lineOf.get(n.id)!))];
  const line = lines.reduce((a, b) => (Math.abs(layout.lineCentres[b] - point[acrossAxis]) < Math.abs(layout.lineCentres[a] - point[acrossAxis]) ? b : a));
  return others.filter((n) => {
    const own = layout.lineOf.get(n.id)!;
    return own < line || (own === line && (centreOf(layout, n)[axis] - point[axis]) * layout.lineSigns[line] < 0);
  }).length;
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
