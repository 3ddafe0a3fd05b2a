import { chromium } from 'playwright-core';
import { PROCESSOR_NAMES } from '@app/contracts';
import { chromiumLaunchOptions, TestSystem, UNKNOWN_RUN_ID } from '@app/testing';

// Ports: api 5200, scheduler 5201. At debug level the api logs each route Nest's router maps.
const system = new TestSystem({ workers: 0, basePort: 5200, env: { LOG_LEVEL: 'debug' } });

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }> };
}

let document: OpenApiDocument;

beforeAll(async () => {
  await system.start();
  const response = await fetch(`${system.apiUrl}/api/docs-json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
}, 120_000);
afterAll(() => system.stop(), 60_000);

/** `METHOD /path/{param}` of every operation the document lists. */
const documented = (): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

/** `METHOD /path/{param}` of every route Nest's router mapped. */
const mapped = async (): Promise<string[]> => (await system.mappedRoutes()).map((route) => route.replace(/:(\w+)/g, '{$1}'));

describe('OpenAPI', () => {
  it('is served without a token and lists every route the api serves, each with its methods', async () => {
    const routes = await mapped();
    expect(routes.length).toBeGreaterThan(20);
    expect(documented().sort()).toEqual(routes.sort());
  });

  it('asks for the bearer token on exactly the operations that refuse a request without one', async () => {
    const publicOperations: string[] = [];
    for (const operation of documented()) {
      const [method, path] = operation.split(' ');
      const url = `${system.apiUrl}${path.replace('{id}', UNKNOWN_RUN_ID)}`;
      const status = (await fetch(url, { method })).status;
      const { security, responses } = document.paths[path][method.toLowerCase()];
      const guarded = status === 401;
      expect([operation, security ?? []]).toEqual([operation, guarded ? [{ bearer: [] }] : []]);
      if (guarded) {
        expect([operation, '401' in responses]).toEqual([operation, true]);
        // Every change is refused to the viewer's token.
        if (method !== 'GET') expect([operation, '403' in responses]).toEqual([operation, true]);
      } else {
        publicOperations.push(operation);
      }
    }
    expect(publicOperations.sort()).toEqual(['GET /api/health', 'GET /api/health/ready', 'GET /metrics']);
  });

  it('gives POST /api/runs the CreateRunDto body, in its limits, and its answers', () => {
    const create = document.paths['/api/runs']['post'];
    expect(create.requestBody?.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateRunDto');
    const schema = document.components.schemas['CreateRunDto'];
    expect(schema.properties['total']).toMatchObject({ type: 'integer', minimum: 1, maximum: 100_000_000 });
    expect(schema.properties['ratePerMinute']).toMatchObject({ minimum: 1, maximum: 600_000 });
    expect(schema.properties['processor']).toMatchObject({ enum: [...PROCESSOR_NAMES] });
    // Nothing is required on its own: total may come from a dataset, Y from a rate or a duration.
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties['target']).toMatchObject({ allOf: [{ $ref: '#/components/schemas/HttpTargetRequestDto' }] });
    expect(document.components.schemas['HttpTargetRequestDto'].required).toEqual(['url']);
    expect(schema.properties['rounds']).toMatchObject({ type: 'integer', minimum: 1, maximum: 1_000_000 });
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403', '413', '415', '429']);
  });

  it('answers GET /api/docs with Swagger UI, which loads in Chromium under the security headers', async () => {
    const response = await fetch(`${system.apiUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await response.text()).toContain('swagger-ui-bundle.js');

    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${system.apiUrl}/api/docs`);
      // One block per operation once the UI has fetched and rendered the document.
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.opblock').count()).toBe(documented().length);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
