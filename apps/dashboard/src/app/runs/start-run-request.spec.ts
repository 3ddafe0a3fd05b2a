import type { Dataset } from '@app/contracts';
import { buildStartRunRequest, processorsFor, shownFields, type StartRunValues } from './start-run-request';

const DATASET: Dataset = {
  id: 'ds0000001abc',
  name: 'orders',
  format: 'csv',
  records: 120,
  bytes: 4_096,
  fields: ['id', 'amount'],
  createdAt: '2026-11-23T10:00:00.000Z',
};

const NO_TARGET: StartRunValues['target'] = { url: '', method: 'POST', headers: [], timeoutMs: null, concurrency: null };

function values(overrides: Partial<StartRunValues> = {}): StartRunValues {
  return {
    total: 1000,
    pace: 'rate',
    ratePerMinute: 600,
    durationMinutes: 10,
    source: 'generated',
    datasetId: '',
    processor: 'square',
    target: NO_TARGET,
    rounds: null,
    notifyUrl: '',
    ...overrides,
  };
}

const target = (overrides: Partial<StartRunValues['target']>): StartRunValues['target'] => ({
  ...NO_TARGET,
  url: 'http://127.0.0.1:5640/in',
  ...overrides,
});

/** The messages of a refused check, by field and on the general line. */
function refusal(check: ReturnType<typeof buildStartRunRequest>) {
  if (check.ok) throw new Error(`expected a refusal, got ${JSON.stringify(check.request)}`);
  return check.errors;
}

describe('buildStartRunRequest', () => {
  it('asks for generated records with the total and the pace mode given', () => {
    expect(buildStartRunRequest(values(), null)).toEqual({ ok: true, request: { total: 1000, ratePerMinute: 600, processor: 'square' } });
    expect(buildStartRunRequest(values({ pace: 'duration', total: 60, durationMinutes: 2.5 }), null)).toEqual({
      ok: true,
      request: { total: 60, durationMinutes: 2.5, processor: 'square' },
    });
  });

  it("checks each number by the api's rule and says it as the api would, in the form's words", () => {
    expect(refusal(buildStartRunRequest(values({ total: 0, ratePerMinute: 700_000 }), null))).toEqual({
      fields: {
        total: ['Total jobs must be an integer from 1 to 100,000,000'],
        ratePerMinute: ['Rate (jobs per minute) must be a number from 1 to 600,000'],
      },
      general: [],
    });
    expect(refusal(buildStartRunRequest(values({ pace: 'duration', durationMinutes: 0 }), null)).fields).toEqual({
      durationMinutes: ['Duration (minutes) must be a positive number'],
    });
    expect(refusal(buildStartRunRequest(values({ total: 2.5 }), null)).fields.total).toEqual([
      'Total jobs must be an integer from 1 to 100,000,000',
    ]);
  });

  it('asks for what is missing', () => {
    expect(refusal(buildStartRunRequest(values({ total: null, ratePerMinute: null }), null)).fields).toEqual({
      total: ['Enter the total number of jobs.'],
      ratePerMinute: ['Enter the rate in jobs per minute.'],
    });
  });

  describe('over a dataset', () => {
    const overDataset = (overrides: Partial<StartRunValues> = {}) =>
      values({ source: 'dataset', datasetId: DATASET.id, total: null, processor: 'hash', ...overrides });

    it("leaves the total to the dataset's record count when empty, and sends it when given", () => {
      expect(buildStartRunRequest(overDataset(), DATASET)).toEqual({
        ok: true,
        request: { datasetId: DATASET.id, ratePerMinute: 600, processor: 'hash' },
      });
      expect(buildStartRunRequest(overDataset({ total: 50 }), DATASET)).toMatchObject({ ok: true, request: { total: 50 } });
    });

    it('asks for a dataset when none is chosen', () => {
      expect(refusal(buildStartRunRequest(overDataset({ datasetId: '' }), null)).fields).toEqual({ datasetId: ['Choose a dataset.'] });
    });
  });

  describe('an http run', () => {
    const http = (overrides: Partial<StartRunValues['target']>, rest: Partial<StartRunValues> = {}) =>
      buildStartRunRequest(values({ processor: 'http', target: target(overrides), ...rest }), null);

    it('sends the target with what was given, leaving the defaults to the api', () => {
      expect(http({})).toEqual({
        ok: true,
        request: { total: 1000, ratePerMinute: 600, processor: 'http', target: { url: 'http://127.0.0.1:5640/in', method: 'POST' } },
      });
      expect(
        http({
          url: '  https://example.com/in ',
          method: 'PUT',
          headers: [
            { name: ' Authorization ', value: 'Bearer abc' },
            { name: '', value: '' },
            { name: 'x-tenant', value: 't1' },
          ],
          timeoutMs: 2_500,
          concurrency: 8,
        }),
      ).toMatchObject({
        ok: true,
        request: {
          target: {
            url: 'https://example.com/in',
            method: 'PUT',
            headers: { Authorization: 'Bearer abc', 'x-tenant': 't1' },
            timeoutMs: 2_500,
            concurrency: 8,
          },
        },
      });
    });

    it('asks for the URL, and refuses one the api would', () => {
      expect(refusal(http({ url: ' ' })).fields).toEqual({ 'target.url': ['Enter the URL to deliver each record to.'] });
      expect(refusal(http({ url: 'ftp://example.com/in' })).fields).toEqual({
        'target.url': ['Target URL must be an absolute http or https URL of at most 2,048 characters'],
      });
    });

    it('refuses headers the api would, and a name given twice, under the headers', () => {
      expect(refusal(http({ headers: [{ name: 'Webhook-Signature', value: 'v1,forged' }] })).fields).toEqual({
        'target.headers': ['Headers: Webhook-Signature is set by the platform and cannot be replaced'],
      });
      expect(refusal(http({ headers: [{ name: '', value: 'orphan' }] })).fields).toEqual({
        'target.headers': ['Headers: "" is not a valid header name'],
      });
      expect(
        refusal(
          http({
            headers: [
              { name: 'X-Tenant', value: 'a' },
              { name: 'x-tenant', value: 'b' },
            ],
          }),
        ).fields,
      ).toEqual({ 'target.headers': ['Headers: x-tenant is given twice'] });
    });

    it('checks the timeout and the concurrency by their limits', () => {
      expect(refusal(http({ timeoutMs: 99, concurrency: 257 })).fields).toEqual({
        'target.timeoutMs': ['Timeout (ms) must be an integer from 100 to 120,000'],
        'target.concurrency': ['Concurrency must be an integer from 1 to 256'],
      });
    });

    it('sends the completion callback of any run, checked as a destination', () => {
      expect(http({}, { notifyUrl: ' http://127.0.0.1:5641/done ' })).toMatchObject({
        ok: true,
        request: { notify: { url: 'http://127.0.0.1:5641/done' } },
      });
      expect(refusal(buildStartRunRequest(values({ notifyUrl: 'not a url' }), null)).fields).toEqual({
        'notify.url': ['Notify URL must be an absolute http or https URL of at most 2,048 characters'],
      });
    });
  });

  it("sends a hash run's rounds when given, checked by their limits, and no one else's", () => {
    expect(buildStartRunRequest(values({ processor: 'hash', rounds: 50 }), null)).toMatchObject({ ok: true, request: { rounds: 50 } });
    expect(refusal(buildStartRunRequest(values({ processor: 'hash', rounds: 0 }), null)).fields).toEqual({
      rounds: ['Rounds must be an integer from 1 to 1,000,000'],
    });
    const square = buildStartRunRequest(values({ rounds: 0, target: target({ timeoutMs: 1 }) }), null);
    expect(square).toEqual({ ok: true, request: { total: 1000, ratePerMinute: 600, processor: 'square' } });
  });
});

describe('processorsFor', () => {
  it('offers every processor for generated numbers and those that take a record over a dataset', () => {
    expect(processorsFor('generated')).toEqual(['square', 'flaky', 'poison', 'http', 'hash']);
    expect(processorsFor('dataset')).toEqual(['http', 'hash']);
  });
});

describe('shownFields', () => {
  it('lists the fields of the source, the pace mode and the processor chosen', () => {
    expect(shownFields({ source: 'generated', pace: 'rate', processor: 'square' })).toEqual([
      'total',
      'ratePerMinute',
      'processor',
      'notify.url',
    ]);
    expect(shownFields({ source: 'dataset', pace: 'duration', processor: 'http' })).toEqual([
      'datasetId',
      'total',
      'durationMinutes',
      'processor',
      'target.url',
      'target.headers',
      'target.timeoutMs',
      'target.concurrency',
      'notify.url',
    ]);
  });
});
