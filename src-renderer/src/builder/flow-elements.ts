import { MarkerType, type Edge, type Node } from '@vue-flow/core';
import type { BuilderGraph, GraphNode } from './graph';
import type { GraphLayout } from './layout';

/** The graph as Vue Flow's nodes, placed by the layout; only layer nodes move, and only when the canvas is editable. */
export function flowNodes(graph: BuilderGraph, layout: GraphLayout, editable: boolean): Node<GraphNode>[] {
  return graph.nodes.map((node) => ({
    id: node.id,
    type: 'arch',
    position: layout.positions.get(node.id) ?? { x: 0, y: 0 },
    data: node,
    draggable: editable && node.editable,
    selectable: false,
    connectable: false,
  }));
}

/** The chain's edges between the sides the layout chose; the edge a layer is dragged over is marked as the drop target. */
export function flowEdges(graph: BuilderGraph, layout: GraphLayout, dropTarget: string | null): Edge[] {
  return graph.edges.map((edge) => {
    const handles = layout.handles.get(edge.id) ?? { source: 'bottom', target: 'top' };
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: `s-${handles.source}`,
      targetHandle: `t-${handles.target}`,
      markerEnd: MarkerType.ArrowClosed,
      class: { insertable: edge.insertAt !== null, 'drop-target': edge.id === dropTarget },
      selectable: false,
      focusable: false,
    };
  });
}
