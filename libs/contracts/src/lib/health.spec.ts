import { isReadinessReport } from './health';

describe('isReadinessReport', () => {
  it('recognises the report, healthy or not', () => {
    expect(isReadinessReport({ status: 'ok', dependencies: {} })).toBe(true);
    expect(isReadinessReport({ status: 'unavailable', dependencies: { redis: { status: 'down', error: 'x' } } })).toBe(true);
  });

  it.each([null, undefined, 'Service Unavailable', { statusCode: 503, message: 'Service Unavailable' }, { status: 'ok' }])(
    'rejects %p',
    (body) => {
      expect(isReadinessReport(body)).toBe(false);
    },
  );
});
