import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, GraphChart, HeatmapChart, LineChart, LinesChart, ParallelChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, ParallelComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';

// Register only what the app draws, so the bundle stays small.
use([
  CanvasRenderer,
  LineChart,
  BarChart,
  ScatterChart,
  // The sweep page: a metric over two swept fields, and parallel coordinates over every swept field and metric.
  HeatmapChart,
  ParallelChart,
  ParallelComponent,
  // Arrows of a run's vector field (VectorRunPanel).
  LinesChart,
  // Force-directed drawings of graph datasets (GraphDrawingChart).
  GraphChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  VisualMapComponent,
]);
