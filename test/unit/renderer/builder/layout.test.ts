import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../../../src-shared/model-spec/layers';
import { mirrorEncoder } from '../../../../src-shared/model-spec/mirror-encoder';
import { draftFromArchitecture } from '../../../../src-renderer/src/builder/draft';
import { buildGraph, LOG_VAR_ID, MU_ID, OUTPUT_ID, Z_ID, type BuilderGraph } from '../../../../src-renderer/src/builder/graph';
import { fitZoom, layoutGraph, layoutToFit, layoutToFitEitherWay, MIN_READABLE_ZOOM, nearestSide, nodeHeight, NODE_WIDTH, reorderIndex, type GraphLayout } from '../../../../src-renderer/src/builder/layout';

const conv = (filters: number, strides: number): LayerSpec => ({ type: 'conv2d', filters, kernelSize: 3, strides, padding: 'same', activation: 'relu' });
/** A 6+7 conv VAE: 13 layers, the size the builder must keep legible at 1360×880. */
const encoder: LayerSpec[] = [conv(16, 2), { type: 'batchNorm' }, conv(32, 2), { type: 'batchNorm' }, { type: 'dropout', rate: 0.2 }, { type: 'flatten' }];
const graph = buildGraph(draftFromArchitecture({ encoder, decoder: mirrorEncoder(encoder, [28, 28, 1]) }, 'vae', 8), [28, 28, 1]);

/** The builder's canvas in a 1360×880 window, as measured in Chromium. */
const CANVAS_1360 = { width: 788, height: 700 };

const box = (layout: GraphLayout, g: BuilderGraph, id: string) => {
  const node = g.nodes.find((n) => n.id === id)!;
  const p = layout.positions.get(id)!;
  return { x: p.x, y: p.y, right: p.x + NODE_WIDTH, bottom: p.y + nodeHeight(node), cx: p.x + NODE_WIDTH / 2, cy: p.y + nodeHeight(node) / 2 };
};
const extent = (layout: GraphLayout, g: BuilderGraph) => {
  const boxes = g.nodes.map((n) => box(layout, g, n.id));
  return { width: Math.max(...boxes.map((b) => b.right)), height: Math.max(...boxes.map((b) => b.bottom)) };
};

describe('layout', () => {
  const layout = layoutGraph(graph, 'TB');

  it('draws a U: the encoder down one column, the heads at its foot, the decoder up the next from z to the output', () => {
    const layers = (part: 'encoder' | 'decoder') => graph.nodes.filter((n) => n.at?.part === part).map((n) => box(layout, graph, n.id));
    const enc = [box(layout, graph, 'input'), ...layers('encoder')];
    const dec = [box(layout, graph, Z_ID), ...layers('decoder'), box(layout, graph, OUTPUT_ID)];
    for (let i = 1; i < enc.length; i++) expect(enc[i].y).toBeGreaterThan(enc[i - 1].bottom);
    for (let i = 1; i < dec.length; i++) expect(dec[i].bottom).toBeLessThan(dec[i - 1].y);
    expect(new Set(enc.map((b) => b.x)).size).toBe(1);
    expect(new Set(dec.map((b) => b.x)).size).toBe(1);
    const mu = box(layout, graph, MU_ID);
    const logVar = box(layout, graph, LOG_VAR_ID);
    expect(mu.x).toBe(logVar.x);
    expect(mu.x).toBeGreaterThan(enc[0].right);
    expect(dec[0].x).toBeGreaterThan(mu.right);
    // The heads sit level with the encoder's last node and z.
    expect(Math.abs((mu.cy + logVar.cy) / 2 - enc.at(-1)!.cy)).toBeLessThan(1);
    expect(Math.abs(dec[0].cy - enc.at(-1)!.cy)).toBeLessThan(1);
  });

  it('overlaps no two nodes', () => {
    const boxes = graph.nodes.map((n) => box(layout, graph, n.id));
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.right <= b.x || b.right <= a.x || a.bottom <= b.y || b.bottom <= a.y).toBe(true);
  });

  it('fits 13 layers in the canvas of a 1360×880 window (about 790×700) with the nodes\' text at 10px or more', () => {
    expect({ width: layout.width, height: layout.height }).toEqual(extent(layout, graph));
    expect(fitZoom(layout, CANVAS_1360, 0.06)).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    // It fits as a plain U: no side wraps.
    expect(layoutToFit(graph, 'TB', CANVAS_1360, 0.06, 1.1).perLine).toBe(Infinity);
  });

  it('wraps the rows of 13 layers onto more lines, keeping the nodes readable where one row shrank them to ~70px', () => {
    const plain = layoutGraph(graph, 'LR');
    expect(fitZoom(plain, CANVAS_1360, 0.06) * NODE_WIDTH).toBeLessThan(120);
    const rows = layoutToFit(graph, 'LR', CANVAS_1360, 0.06, 1.1);
    expect(rows.perLine).toBeLessThan(9);
    expect(fitZoom(rows, CANVAS_1360, 0.06)).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    const boxes = graph.nodes.map((n) => box(rows, graph, n.id));
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.right <= b.x || b.right <= a.x || a.bottom <= b.y || b.bottom <= a.y).toBe(true);
    // The encoder runs as a snake: along a row, then down to the next row, which runs back the other way.
    const enc = ['input', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6'].map((id) => ({ id, line: rows.lineOf.get(id)!, ...box(rows, graph, id) }));
    for (let i = 1; i < enc.length; i++) {
      const [a, b] = [enc[i - 1], enc[i]];
      if (a.line === b.line) expect(Math.abs(b.cx - a.cx)).toBe(NODE_WIDTH + 16);
      else expect([b.line - a.line, b.cx - a.cx, b.y > a.bottom]).toEqual([1, 0, true]);
    }
    expect(new Set(enc.map((b) => b.line)).size).toBeGreaterThan(1);
    expect(rows.lineSigns.slice(0, 2)).toEqual([1, -1]);
    // A layer let go just before the first node of the encoder's second row goes there: after every layer of the first.
    const second = enc.find((b) => b.line === enc[0].line + 1)!;
    const before = enc.filter((b) => b.line < second.line && b.id !== 'input' && b.id !== 'L1').length;
    expect(reorderIndex(graph, rows, 'L1', { x: second.cx - rows.lineSigns[second.line] * 10, y: second.cy })).toBe(before);
  });

  it('joins nodes along a column top to bottom and across bands side to side', () => {
    expect(layout.handles.get('input->L1')).toEqual({ source: 'bottom', target: 'top' });
    expect(layout.handles.get(`${Z_ID}->L7`)).toEqual({ source: 'top', target: 'bottom' });
    expect(layout.handles.get(`L6->${MU_ID}`)).toEqual({ source: 'right', target: 'left' });
    expect(layout.handles.get(`${LOG_VAR_ID}->${Z_ID}`)).toEqual({ source: 'right', target: 'left' });
  });

  it('lays the same U on its side for rows, the encoder left to right', () => {
    const rows = layoutGraph(graph, 'LR');
    const xs = ['input', 'L1', 'L2', 'L3'].map((id) => box(rows, graph, id).x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(['input', 'L1', 'L2'].map((id) => box(rows, graph, id).y)).size).toBe(1);
    expect(box(rows, graph, OUTPUT_ID).y).toBeGreaterThan(box(rows, graph, 'input').bottom);
  });

  it('turns a read-only drawing into rows where a narrow column would cut the U short', () => {
    const narrow = { width: 620, height: 1080 };
    expect(fitZoom(layoutToFit(graph, 'TB', narrow, 0.06, 1), narrow, 0.06)).toBeLessThan(MIN_READABLE_ZOOM);
    const turned = layoutToFitEitherWay(graph, 'TB', narrow, 0.06, 1);
    expect(turned.direction).toBe('LR');
    expect(fitZoom(turned, narrow, 0.06)).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    // Where the columns fit at full size, they stay.
    expect(layoutToFitEitherWay(graph, 'TB', { width: 1400, height: 1000 }, 0.06, 1).direction).toBe('TB');
  });

  it('finds the place a dragged layer was let go of within its side, and the side nearest a drop', () => {
    const at = (id: string) => box(layout, graph, id);
    // The encoder runs down: L3 let go just above L1 goes first; the decoder runs up: L8 let go above L10 goes after it (after L7, L9 and L10).
    expect(reorderIndex(graph, layout, 'L3', { x: at('L1').cx, y: at('L1').cy - 5 })).toBe(0);
    expect(reorderIndex(graph, layout, 'L1', { x: at('L6').cx, y: at('L6').cy + 5 })).toBe(5);
    expect(reorderIndex(graph, layout, 'L8', { x: at('L10').cx, y: at('L10').cy - 5 })).toBe(3);
    expect(nearestSide(graph, layout, { x: at('L2').x - 50, y: at('L2').cy })).toBe('encoder');
    expect(nearestSide(graph, layout, { x: at(OUTPUT_ID).right + 50, y: at(OUTPUT_ID).y })).toBe('decoder');
  });
});
