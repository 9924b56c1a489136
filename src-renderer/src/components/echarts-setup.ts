import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';

// Register only what the app draws, so the bundle stays small.
use([CanvasRenderer, LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, VisualMapComponent]);
