import { Registry } from 'prom-client';
import { METRIC_NAMES } from '@app/contracts';
import { timeRoutes, type TimedRequest } from './http-metrics';

const request = (route: string | null, method = 'POST'): TimedRequest => ({
  method,
  baseUrl: '',
  ...(route === null ? {} : { route: { path: route } }),
});

/** The histogram's count per `method route status`. */
async function counts(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric(METRIC_NAMES.apiHttpRequestSeconds)?.get();
  // A histogram's values name their series (`…_bucket`, `…_sum`, `…_count`).
  const values = (metric?.values ?? []) as { metricName?: string; labels: Record<string, string | number>; value: number }[];
  return Object.fromEntries(
    values
      .filter(({ metricName }) => metricName?.endsWith('_count'))
      .map(({ labels, value }) => [`${labels['method']} ${labels['route']} ${labels['status']}`, value]),
  );
}

describe('timeRoutes', () => {
  it('times answers and refusals (401, 403, 429, a bad body) by route pattern and status', async () => {
    const registry = new Registry();
    const observe = timeRoutes(registry);
    for (const status of [201, 401, 403, 429, 400]) observe(request('/api/runs'), status, 3, false);
    observe(request('/api/runs/:id', 'GET'), 401, 1, false);
    expect(await counts(registry)).toEqual({
      'POST /api/runs 201': 1,
      'POST /api/runs 401': 1,
      'POST /api/runs 403': 1,
      'POST /api/runs 429': 1,
      'POST /api/runs 400': 1,
      'GET /api/runs/:id 401': 1,
    });
  });

  it('leaves out a request no route took, and one whose client went away', async () => {
    const registry = new Registry();
    const observe = timeRoutes(registry);
    observe(request(null, 'GET'), 404, 1, false);
    observe(request('/api/runs'), 200, 1, true);
    expect(await counts(registry)).toEqual({});
  });
});
