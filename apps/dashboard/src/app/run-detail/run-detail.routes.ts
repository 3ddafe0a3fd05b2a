import type { Routes } from '@angular/router';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { provideEchartsCore } from 'ngx-echarts';
import { RunDetailPageComponent } from './run-detail-page.component';

// Only what the rate-history chart draws with: a line chart on a grid, its legend, tooltip and marks, on a canvas.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, CanvasRenderer]);

/** `/runs/:id`, loaded on first visit with ECharts (the `:id` is the page's `id` input). */
export const RUN_DETAIL_ROUTES: Routes = [{ path: '', component: RunDetailPageComponent, providers: [provideEchartsCore({ echarts })] }];
