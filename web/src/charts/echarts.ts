/**
 * The one place that registers ECharts parts (tree-shaken `echarts/core`).
 * The SVG renderer is used so charts also render in jsdom tests and print cleanly.
 * Add chart types/components here as pages need them.
 */
import { BarChart, HeatmapChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, HeatmapChart, LineChart, PieChart, TreemapChart,
  DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
