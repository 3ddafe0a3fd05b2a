import { checkRunDefinition, resolveHttpTarget, targetHeadersError } from './run-definition';

const ALLOW = ['127.0.0.1', 'localhost'];
const error = (check: ReturnType<typeof checkRunDefinition>) => (check.ok ? null : check.error);

describe('checkRunDefinition', () => {
  it('squares generated records by default and takes the defaults of an http target', () => {
    expect(checkRunDefinition({ total: 5 }, ALLOW)).toEqual({
      ok: true,
      definition: { processor: 'square', datasetId: null, target: null, rounds: null, notify: null },
    });
    const http = checkRunDefinition({ datasetId: 'ds1', processor: 'http', target: { url: 'http://127.0.0.1:8080/in' } }, ALLOW);
    expect(http).toMatchObject({
      ok: true,
      definition: {
        datasetId: 'ds1',
        target: { url: 'http://127.0.0.1:8080/in', method: 'POST', headers: {}, timeoutMs: 10_000, concurrency: 16 },
      },
    });
    expect(checkRunDefinition({ total: 5, processor: 'hash' }, ALLOW)).toMatchObject({ ok: true, definition: { rounds: 1_000 } });
  });

  it('names the field whose rule between fields is broken', () => {
    expect(error(checkRunDefinition({ datasetId: 'ds1' }, ALLOW))).toBe(
      'processor must be one of http, hash for a run over a dataset (square computes on generated numbers)',
    );
    expect(error(checkRunDefinition({ total: 5, processor: 'http' }, ALLOW))).toBe('target is required for the http processor');
    expect(error(checkRunDefinition({ total: 5, target: { url: 'http://localhost/' } }, ALLOW))).toBe(
      'target is only for the http processor',
    );
    expect(error(checkRunDefinition({ total: 5, rounds: 3 }, ALLOW))).toBe('rounds is only for the hash processor');
  });

  it('keeps every destination within the allowlist, the completion callback too', () => {
    expect(error(checkRunDefinition({ total: 5, processor: 'http', target: { url: 'http://10.0.0.1/in' } }, ALLOW))).toMatch(
      /^target\.url host 10\.0\.0\.1 is not in HTTP_TARGET_ALLOWLIST/,
    );
    expect(error(checkRunDefinition({ total: 5, notify: { url: 'https://example.com/done' } }, ALLOW))).toMatch(
      /^notify\.url host example\.com is not in HTTP_TARGET_ALLOWLIST/,
    );
    expect(checkRunDefinition({ total: 5, notify: { url: 'http://localhost:9/done' } }, ALLOW)).toMatchObject({
      ok: true,
      definition: { notify: { url: 'http://localhost:9/done', status: 'pending', attempts: 0, lastError: null, deliveredAt: null } },
    });
  });
});

describe('resolveHttpTarget', () => {
  const headersError = (headers: Record<string, string>) => {
    const check = resolveHttpTarget({ url: 'http://localhost/', headers }, ALLOW);
    return check.ok ? null : check.error;
  };

  it('takes headers a request can carry and refuses the platform’s own, connection headers and injections', () => {
    expect(headersError({ authorization: 'Bearer abc', 'X-Tenant': 'a b' })).toBeNull();
    expect(headersError({ 'Webhook-Signature': 'v1,forged' })).toBe(
      'target.headers: Webhook-Signature is set by the platform and cannot be replaced',
    );
    expect(headersError({ 'Idempotency-Key': 'mine' })).toBe(
      'target.headers: Idempotency-Key is set by the platform and cannot be replaced',
    );
    expect(headersError({ 'transfer-encoding': 'chunked' })).toBe(
      'target.headers: transfer-encoding is a connection header a request cannot set',
    );
    expect(headersError({ 'bad name': 'x' })).toBe('target.headers: "bad name" is not a valid header name');
    expect(headersError({ 'x-a': 'one\r\nx-b: two' })).toBe('target.headers: x-a must be a string without control characters');
    expect(headersError({ 'x-a': 5 as unknown as string })).toBe('target.headers: x-a must be a string without control characters');
    expect(headersError(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`x-${i}`, 'v'])))).toBe(
      'target.headers may hold at most 32 headers',
    );
  });
});

describe('targetHeadersError', () => {
  it('checks headers alone, as the dashboard does before sending, with the messages the api answers', () => {
    expect(targetHeadersError({})).toBeNull();
    expect(targetHeadersError({ 'x-tenant': 't1' })).toBeNull();
    expect(targetHeadersError({ 'x-long': 'v'.repeat(4_096) })).toBe('target.headers: x-long is longer than 4096 bytes');
    expect(targetHeadersError({ Host: 'elsewhere' })).toBe('target.headers: Host is set by the platform and cannot be replaced');
  });
});
