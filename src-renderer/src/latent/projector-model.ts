import type { PointColouring } from '../../../src-shared/contract/types';

/** Ten colours that stay apart on the dark background (Tableau 10, lightened); categories beyond ten repeat them. */
export const CATEGORY_COLOURS = ['#5fb3ff', '#f5b85c', '#ff6b6b', '#6fd3b8', '#c39bff', '#ffd866', '#ff9bd2', '#a3be8c', '#9aa7b4', '#e08a5a'];

/** One point of the scatter: its 2-D position, the value it is coloured by, and its validation index. */
export type ScatterDatum = [x: number, y: number, colour: number, index: number];

export interface ProjectorChartInput {
  points: Float32Array;
  count: number;
  axes: [string, string];
  /** null: every point in one colour. */
  colouring: PointColouring | null;
  /** Validation indices of anchors A and B, marked on the chart. */
  anchors: { a: number; b: number };
}

const axisStyle = { axisLabel: { color: '#9aa7b4' }, nameTextStyle: { color: '#9aa7b4' }, splitLine: { lineStyle: { color: '#26313c' } } };

/**
 * The projector's ECharts option: a categorical colouring gives one series per category (so the legend toggles
 * them); a continuous one a single series under a visual map; the anchors a series of their own, on top.
 */
export function projectorOption(input: ProjectorChartInput): Record<string, unknown> {
  const { points, count, axes, colouring, anchors } = input;
  const datum = (i: number, colour: number): ScatterDatum => [points[2 * i], points[2 * i + 1], colour, i];
  // Points shrink as they grow many, so that 10,000 stay apart and 32 stay visible.
  const base = { type: 'scatter', symbolSize: count <= 500 ? 8 : count <= 2000 ? 6 : 4, emphasis: { scale: 1.8 } };
  const series: Record<string, unknown>[] = [];
  let visualMap: Record<string, unknown> | undefined;
  if (colouring?.kind === 'categorical') {
    const groups: ScatterDatum[][] = colouring.categories.map(() => []);
    const unlabelled: ScatterDatum[] = [];
    for (let i = 0; i < count; i++) {
      const c = colouring.values[i];
      (c >= 0 && c < groups.length ? groups[c] : unlabelled).push(datum(i, c));
    }
    colouring.categories.forEach((name, c) => series.push({ ...base, name, data: groups[c], itemStyle: { color: CATEGORY_COLOURS[c % CATEGORY_COLOURS.length], opacity: 0.75 } }));
    if (unlabelled.length > 0) series.push({ ...base, name: 'no label', data: unlabelled, itemStyle: { color: '#56606b', opacity: 0.6 } });
  } else {
    const data = Array.from({ length: count }, (_, i) => datum(i, colouring ? colouring.values[i] : 0));
    series.push({ ...base, name: colouring?.name ?? 'codes', data, itemStyle: { color: CATEGORY_COLOURS[0], opacity: 0.75 } });
    if (colouring) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        min = Math.min(min, colouring.values[i]);
        max = Math.max(max, colouring.values[i]);
      }
      visualMap = {
        type: 'continuous',
        seriesIndex: 0,
        dimension: 2,
        min,
        max,
        precision: 2,
        text: [`${colouring.name} ${formatEnd(max)}`, formatEnd(min)],
        textStyle: { color: '#9aa7b4' },
        right: 0,
        top: 'middle',
        itemHeight: 140,
        inRange: { color: ['#5fb3ff', '#f5b85c', '#ff6b6b'] },
      };
    }
  }
  const anchorData = (['a', 'b'] as const)
    .filter((k) => anchors[k] < count)
    .map((k) => ({ value: datum(anchors[k], 0), label: { show: true, formatter: k.toUpperCase(), color: '#0f151b', fontWeight: 'bold', fontSize: 11 } }));
  series.push({ type: 'scatter', name: 'anchors', data: anchorData, symbolSize: 18, z: 10, itemStyle: { color: '#ffffff', borderColor: '#0f151b', borderWidth: 2 }, tooltip: { show: false } });
  return {
    animation: false,
    grid: { left: 52, right: visualMap ? 80 : 16, top: colouring?.kind === 'categorical' ? 40 : 16, bottom: 40 },
    legend: colouring?.kind === 'categorical' ? { top: 0, type: 'scroll', textStyle: { color: '#c9d3dc' }, data: series.slice(0, -1).map((s) => s.name) } : undefined,
    xAxis: { type: 'value', scale: true, name: axes[0], nameLocation: 'middle', nameGap: 26, ...axisStyle },
    yAxis: { type: 'value', scale: true, name: axes[1], nameLocation: 'middle', nameGap: 36, ...axisStyle },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    visualMap,
    series,
  };
}

const formatEnd = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 10 ? 1 : 2));

/** The validation index an ECharts event's datum stands for, or null (the anchors' series, or no datum). */
export function indexOfDatum(data: unknown): number | null {
  const value = Array.isArray(data) ? data : (data as { value?: unknown } | null)?.value;
  if (!Array.isArray(value) || value.length < 4) return null;
  const index = value[3];
  return typeof index === 'number' && Number.isInteger(index) ? index : null;
}
