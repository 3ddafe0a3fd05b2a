import type { OpenAPIObject } from '@nestjs/swagger';
import { withThrottling } from './with-throttling';

const document: OpenAPIObject = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/runs/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true }],
      get: { responses: { 200: { description: 'ok' } } },
      patch: { responses: { 200: { description: 'ok' }, 409: { description: 'conflict' } } },
    },
    '/api/health': { get: { responses: { 200: { description: 'ok' } } } },
  },
};

describe('withThrottling', () => {
  const throttled = withThrottling(document, '#/components/schemas/ErrorDto');

  it('adds a 429 with the error body to every operation and keeps the others', () => {
    expect(Object.keys(throttled.paths['/api/runs/{id}'].patch?.responses ?? {})).toEqual(['200', '409', '429']);
    for (const operation of [throttled.paths['/api/runs/{id}'].get, throttled.paths['/api/health'].get]) {
      expect(operation?.responses[429]).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } },
      });
    }
  });

  it('leaves what is not an operation, and the document it was given, as they were', () => {
    expect(throttled.paths['/api/runs/{id}'].parameters).toEqual(document.paths['/api/runs/{id}'].parameters);
    expect(document.paths['/api/health'].get?.responses[429]).toBeUndefined();
  });
});
