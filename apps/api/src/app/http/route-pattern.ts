/** What a route pattern is read from: Express sets `route` on a request once one of its routes matched it. */
export interface RoutedRequest {
  route?: { path?: string };
  baseUrl?: string;
}

/**
 * The pattern of the route that took a request (`/api/runs/:id`, never the id itself, so metric series stay few and
 * log lines group), or null when none did (a 404, the dashboard's files).
 */
export const routePattern = (request: RoutedRequest): string | null =>
  request.route === undefined ? null : `${request.baseUrl ?? ''}${request.route.path ?? ''}`;
