import type { GraphDrawing } from '../../../src-shared/contract/types';

/**
 * What the Datasets screen draws of a graph dataset, as pure functions: the force-directed drawing of a graph (or a
 * sampled neighbourhood of one) coloured by node class and sized by degree, and the degree histogram. No DOM and no
 * Vue, so it is unit-tested in Node.
 */

const TEXT = '#9aa7b4';
const GRID_LINE = '#26313c';

/** One fixed colour per class, readable on the dark panel and distinct from each other (the run colours' order). */
export const CLASS_COLORS = ['#5fb3ff', '#ffa94d', '#6fdc8c', '#ff6b81', '#b49cff', '#4dd4c6', '#f2d45c', '#ff8fd1', '#c9a27e', '#a3b1bf'] as const;
/** Nodes without a class (label −1, or a dataset without labels). */
export const UNLABELLED_COLOR = '#7d8b99';

export const classColor = (k: number): string => (k >= 0 ? CLASS_COLORS[k % CLASS_COLORS.length] : UNLABELLED_COLOR);

/** The legend's name for nodes without a class: "no class" beside named classes, plain "node" when none has one. */
export const unlabelledName = (classes: readonly string[]): string => (classes.length > 0 ? 'no class' : 'node');

/**
 * A node's symbol size from its degree: the area grows with the degree (radius ∝ √degree), between the smallest
 * and largest size, so hubs stand out without hiding their neighbours.
 */
export function nodeSize(degree: number, maxDegree: number, compact = false): number {
  const [lo, hi] = compact ? [4, 10] : [5, 16];
  if (maxDegree <= 0) return lo;
  return lo + (hi - lo) * Math.sqrt(Math.max(0, degree) / maxDegree);
}

export interface GraphDrawingOptions {
  /** A gallery tile (a set's small graphs, the train form's preview): smaller nodes, no legend. */
  compact?: boolean;
  /**
   * A compact tile about 100 px across (the run view's generated-graph gallery): shorter edges and a stronger pull to
   * the centre, so a generated graph's isolated nodes stay inside their tile.
   */
  small?: boolean;
}

/**
 * The ECharts option of one drawing: a `graph` series with a force layout computed to rest before the first frame
 * (layoutAnimation off: a settled picture, not one that drifts while it is looked at), a category per class (the
 * legend toggles them) plus one for nodes without a class, symbol size by degree, a tooltip per node.
 */
export function graphDrawingOption(drawing: GraphDrawing, classes: readonly string[], options: GraphDrawingOptions = {}): Record<string, unknown> {
  const compact = options.compact ?? false;
  const classed = (label: number) => label >= 0 && label < classes.length;
  const anyUnlabelled = drawing.nodes.some((n) => !classed(n.label));
  const categories = [
    ...classes.map((name, k) => ({ name, itemStyle: { color: classColor(k) } })),
    ...(anyUnlabelled ? [{ name: unlabelledName(classes), itemStyle: { color: UNLABELLED_COLOR } }] : []),
  ];
  const maxDegree = drawing.nodes.reduce((m, n) => Math.max(m, n.degree), 0);
  const n = drawing.nodes.length;
  // Spacing that fits the node count: a 12-node tile needs long edges, a 400-node sample short ones. ECharts does
  // not fit a force layout to its box, so gravity holds isolated nodes and small components in view.
  const small = compact && (options.small ?? false);
  const edgeLength = small ? (n > 30 ? 10 : 16) : compact ? (n > 200 ? 4 : n > 60 ? 8 : n <= 12 ? 24 : 18) : n > 200 ? 10 : n > 60 ? 20 : 36;
  const repulsion = small ? 22 : compact ? (n > 200 ? 4 : n > 60 ? 10 : 30) : n > 200 ? 16 : n > 60 ? 40 : 90;
  const gravity = small ? 0.32 : compact ? (n > 60 ? 0.4 : 0.2) : n > 200 ? 0.3 : 0.2;
  const showLegend = !compact && classes.length > 0;
  return {
    animation: false,
    tooltip: {
      confine: true,
      backgroundColor: '#1d2630',
      borderColor: '#2a3642',
      textStyle: { color: '#e6edf3', fontSize: 12 },
      formatter: (p: { dataType?: string; data?: { name?: string; value?: number; category?: number } }) => {
        if (p.dataType !== 'node' || !p.data) return '';
        const category = categories[p.data.category ?? -1]?.name ?? '';
        return `node ${p.data.name}: degree ${p.data.value}${classes.length > 0 ? `, ${category}` : ''}`;
      },
    },
    legend: showLegend
      ? { type: 'scroll', top: 2, left: 8, right: 8, icon: 'circle', itemWidth: 10, itemHeight: 10, textStyle: { color: TEXT }, pageTextStyle: { color: TEXT }, pageIconColor: TEXT, data: categories.map((c) => c.name) }
      : { show: false },
    series: [
      {
        type: 'graph',
        layout: 'force',
        force: { repulsion, edgeLength, gravity, layoutAnimation: false },
        roam: !compact,
        draggable: false,
        top: showLegend ? 34 : compact ? 6 : 12,
        bottom: compact ? 6 : 12,
        left: compact ? 6 : 12,
        right: compact ? 6 : 12,
        categories,
        data: drawing.nodes.map((node, i) => ({
          id: String(i),
          name: node.id,
          value: node.degree,
          category: classed(node.label) ? node.label : classes.length,
          // A small tile's nodes shrink with it, so its edges stay visible between them.
          symbolSize: nodeSize(node.degree, maxDegree, compact) * (small ? 0.7 : 1),
        })),
        links: drawing.edges.map(([a, b]) => ({ source: String(a), target: String(b) })),
        lineStyle: { color: '#6f7e8c', opacity: compact ? 0.8 : 0.45, width: 1, curveness: 0 },
        itemStyle: { borderColor: '#0f1419', borderWidth: compact ? 0.5 : 1 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 1 } },
        label: { show: false },
      },
    ],
  };
}

/** The degree histogram as a bar chart: nodes per degree, every degree from 0 to the largest on the axis. */
export function degreeHistogramOption(histogram: readonly number[]): Record<string, unknown> {
  const degrees = histogram.map((_, d) => String(d));
  return {
    animation: false,
    grid: { left: 56, right: 12, top: 12, bottom: 44 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      backgroundColor: '#1d2630',
      borderColor: '#2a3642',
      textStyle: { color: '#e6edf3', fontSize: 12 },
      formatter: (params: { dataIndex: number }[]) => {
        const d = params[0]?.dataIndex ?? 0;
        const count = histogram[d] ?? 0;
        return `degree ${d}: ${count.toLocaleString('en-US')} node${count === 1 ? '' : 's'}`;
      },
    },
    xAxis: {
      type: 'category',
      data: degrees,
      name: 'degree',
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: TEXT },
      axisLabel: { color: TEXT, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      name: 'nodes',
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: { color: TEXT },
      minInterval: 1,
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [{ type: 'bar', data: [...histogram], itemStyle: { color: '#5fb3ff' }, barMaxWidth: 28, barCategoryGap: '15%' }],
  };
}

/** Mean degree 2E/N of a graph dataset's nodes (0 without nodes). */
export const meanDegree = (nodes: number, edges: number): number => (nodes > 0 ? (2 * edges) / nodes : 0);
