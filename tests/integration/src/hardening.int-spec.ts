import { METRIC_NAMES } from '@app/contracts';
import { TestSystem } from '@app/testing';

// Ports: api 4040, scheduler 4041, worker 4042. A low limit, so that a burst from one client crosses it.
const system = new TestSystem({ workers: 1, basePort: 4040, env: { THROTTLE_PER_SECOND: '20' } });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

describe('hardening', () => {
  it('sends security headers and no X-Powered-By, on guarded and open routes alike', async () => {
    for (const path of ['/api/runs', '/api/health']) {
      const response = await fetch(`${system.apiUrl}${path}`, { headers: system.authorization() });
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    }
  });

  it('throttles a client that sends more than its limit a second with a 429, and lets it go on after', async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${system.apiUrl}/api/runs`, { headers: system.authorization() }).then((r) => r.status)),
    );
    expect(burst.filter((status) => status === 200).length).toBeLessThanOrEqual(20);
    expect(burst.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    expect(burst.every((status) => status === 200 || status === 429)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await system.api('GET', '/runs')).status).toBe(200);
    // The throttled requests are timed too, under their route.
    const metrics = await (await fetch(`${system.apiUrl}/metrics`)).text();
    expect(metrics).toContain(`${METRIC_NAMES.apiHttpRequestSeconds}_count{method="GET",route="/api/runs",status="429"}`);
  });

  it('throttles guessed tokens and bad bodies without a token before anything else: only 401s, then 429s', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${system.apiUrl}/api/runs`, {
          method: 'POST',
          headers: { authorization: `Bearer guess-${i}`, 'content-type': 'application/json' },
          body: '{',
        }).then((r) => r.status),
      ),
    );
    expect(burst.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
    expect(burst.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    expect(burst.every((status) => status === 401 || status === 429)).toBe(true);
  });
});
