import type { Routes } from '@angular/router';
import { RunsPageComponent } from './runs/runs-page.component';

/**
 * `/` runs, `/runs/:id` one run in detail, `/datasets` (`?dataset=<id>` shows one), `/workers`, `/system`. The detail
 * page (ECharts, the CDK's virtual scroll) and the smaller pages load on first visit, so the runs view starts light.
 */
export const routes: Routes = [
  { path: '', component: RunsPageComponent, title: 'Runs · Rate runner' },
  {
    path: 'runs/:id',
    loadChildren: () => import('./run-detail/run-detail.routes.js').then((m) => m.RUN_DETAIL_ROUTES),
    title: 'Run · Rate runner',
  },
  {
    path: 'datasets',
    loadComponent: () => import('./datasets/datasets-page.component.js').then((m) => m.DatasetsPageComponent),
    title: 'Datasets · Rate runner',
  },
  {
    path: 'workers',
    loadComponent: () => import('./workers/workers-page.component.js').then((m) => m.WorkersPageComponent),
    title: 'Workers · Rate runner',
  },
  {
    path: 'system',
    loadComponent: () => import('./system/system-page.component.js').then((m) => m.SystemPageComponent),
    title: 'System · Rate runner',
  },
  { path: '**', redirectTo: '' },
];
