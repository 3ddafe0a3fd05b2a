import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { METRIC_NAMES, type JobMessage, type ProcessorName } from '@app/contracts';
import { newSigningSecret, StateNotReadyError } from '@app/infra';
import { workerFakes } from '../testing/fakes';
import { HttpProcessor } from '../processors/http/http-processor';
import { JobProcessors } from '../processors/job-processors';
import { iteratedSha256 } from '../processors/hash/iterated-sha256';
import { JobBatchProcessor } from './job-batch-processor';
import { StorageCircuit } from './storage-circuit';
import { WorkerMetrics } from './worker-metrics';

const RUN = 'run0000001abc';
const job = (seq: number, processor: ProcessorName = 'square', attempt = 1, runId = RUN): JobMessage => ({
  runId,
  seq,
  input: seq * 10,
  processor,
  publishedAt: Date.parse('2025-01-01T00:00:00Z'),
  attempt,
});

describe('JobBatchProcessor', () => {
  let fakes: ReturnType<typeof workerFakes>;
  let processor: JobBatchProcessor;

  async function start(env: Record<string, string> = {}): Promise<void> {
    fakes = workerFakes({ JOB_MAX_ATTEMPTS: '3', JOB_RETRY_BASE_DELAY_MS: '1000', ...env });
    fakes.counters.addRun(RUN);
    const module = await Test.createTestingModule({
      providers: [JobBatchProcessor, JobProcessors, HttpProcessor, StorageCircuit, WorkerMetrics, ...fakes.providers],
    }).compile();
    processor = module.get(JobBatchProcessor);
  }

  beforeEach(() => start());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const metric = async (name: string): Promise<number> => {
    const values = (await fakes.registry.getSingleMetric(name)?.get())?.values ?? [];
    return values.reduce((sum, { value }) => sum + value, 0);
  };

  it('stores, then counts, then acks', async () => {
    const batch = [fakes.delivery(job(1)), fakes.delivery(job(2))];

    await processor.process(batch);

    expect(fakes.log).toEqual(['results.storeMany', `counters.countProcessed ${RUN}`, `ack ${RUN}:1`, `ack ${RUN}:2`]);
    expect(fakes.results.results.get(`${RUN}:2`)?.document).toMatchObject({ output: 400, workerId: 'worker-1', attempt: 1 });
    expect(fakes.counters.counted(RUN).processed).toEqual([1, 2]);
    expect(await metric(METRIC_NAMES.workerJobsProcessed)).toBe(2);
  });

  it('dead-letters a malformed job with the reason, then acks it, and processes the rest', async () => {
    const garbage = fakes.delivery('not json');
    const good = fakes.delivery(job(1));

    await processor.process([garbage, good]);

    expect(fakes.jobs.deadLettered).toEqual([{ messageId: 'garbage', reason: 'invalid job: body is not valid JSON' }]);
    expect(fakes.log.slice(0, 2)).toEqual(['jobs.deadLetter garbage', 'ack garbage']);
    expect(garbage.settled).toBe('acked');
    expect(good.settled).toBe('acked');
    expect(await metric(METRIC_NAMES.workerJobsDeadLettered)).toBe(1);
  });

  it('sends a failed attempt to the retry queue for its delay and acks it, storing nothing', async () => {
    const flaky = fakes.delivery(job(1, 'flaky', 2));

    await processor.process([flaky]);

    expect(fakes.jobs.retried).toEqual([{ delayMs: 2000, jobs: [job(1, 'flaky', 3)] }]);
    expect(fakes.log).toEqual(['jobs.publishForRetry 2000', `ack ${RUN}:1`]);
    expect(fakes.results.results.size + fakes.results.failures.size).toBe(0);
    expect(await metric(METRIC_NAMES.workerJobsRetried)).toBe(1);
  });

  it('waits the base delay after the first attempt', async () => {
    await processor.process([fakes.delivery(job(1, 'flaky', 1))]);

    expect(fakes.jobs.retried.map(({ delayMs, jobs }) => [delayMs, jobs[0].attempt])).toEqual([[1000, 2]]);
  });

  it('stores a job failing its last attempt as a dead letter and counts it failed', async () => {
    const flaky = fakes.delivery(job(1, 'flaky', 3));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    await processor.process([flaky]);
    const error = 'flaky processor fails attempt 3 of the first 3';

    expect(fakes.jobs.retried).toEqual([]);
    expect(fakes.results.failures.get(`${RUN}:1`)?.document).toMatchObject({
      error: 'flaky processor fails attempt 3 of the first 3',
      attempts: 3,
    });
    expect(fakes.counters.counted(RUN).failed).toEqual([1]);
    expect(fakes.log).toEqual(['results.storeMany', `counters.countFailed ${RUN}`, `ack ${RUN}:1`]);
    expect(await metric(METRIC_NAMES.workerJobsFailed)).toBe(1);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ fields: { runId: RUN, seq: 1 }, text: `run ${RUN} seq 1 failed 3 attempts: ${error}` }),
    );
    warn.mockRestore();
  });

  it('requeues the jobs Elasticsearch refused and counts and acks the rest', async () => {
    fakes.results.refused.add(2);
    const batch = [1, 2, 3].map((seq) => fakes.delivery(job(seq)));

    await processor.process(batch);

    expect(batch.map((delivery) => delivery.settled)).toEqual(['acked', 'requeued', 'acked']);
    expect(fakes.counters.counted(RUN).processed).toEqual([1, 3]);
    expect(await metric(METRIC_NAMES.workerJobsProcessed)).toBe(2);
  });

  it('acks nothing when counting fails, and requeues the whole batch after the pause', async () => {
    await start({ WORKER_RETRY_DELAY_MS: '1000' });
    jest.useFakeTimers();
    fakes.counters.failWith = new StateNotReadyError();
    const batch = [1, 2].map((seq) => fakes.delivery(job(seq)));

    const done = processor.process(batch);
    await jest.advanceTimersByTimeAsync(999);
    expect(batch.map((delivery) => delivery.settled)).toEqual([null, null]);
    await jest.advanceTimersByTimeAsync(1);
    await done;

    expect(batch.map((delivery) => delivery.settled)).toEqual(['requeued', 'requeued']);
    expect(fakes.log.filter((call) => call.startsWith('ack'))).toEqual([]);
  });

  it('dead-letters the jobs of an unknown run', async () => {
    const orphan = fakes.delivery(job(1, 'square', 1, 'gone0000001abc'));

    await processor.process([orphan, fakes.delivery(job(2))]);

    expect(fakes.jobs.deadLettered).toEqual([{ messageId: 'gone0000001abc:1', reason: 'unknown run gone0000001abc' }]);
    expect(orphan.settled).toBe('acked');
    expect(fakes.counters.counted(RUN).processed).toEqual([2]);
  });

  it('counts a redelivered job once and the metrics call it a duplicate', async () => {
    await processor.process([fakes.delivery(job(1))]);
    const again = fakes.delivery(job(1));

    await processor.process([again, fakes.delivery(job(2))]);

    expect(again.settled).toBe('acked');
    expect(await metric(METRIC_NAMES.workerJobsProcessed)).toBe(2);
    expect(await metric(METRIC_NAMES.workerJobsDuplicate)).toBe(1);
  });

  it('deletes the dead letter of a replayed job that now succeeds', async () => {
    await processor.process([fakes.delivery(job(1, 'flaky', 3))]);

    await processor.process([fakes.delivery(job(1, 'flaky', 4))]);

    expect(fakes.results.failures.size).toBe(0);
    expect(fakes.counters.counted(RUN)).toEqual({ processed: [1], failed: [] });
  });

  describe('over an endpoint (http) and on the thread pool (hash)', () => {
    const TARGET = { url: 'http://127.0.0.1:9/in', method: 'POST' as const, headers: { 'x-tenant': 't1' }, timeoutMs: 500, concurrency: 4 };
    const SECRET = newSigningSecret();
    const record = (seq: number): JobMessage => ({ ...job(seq, 'http'), input: { id: `row-${seq}`, amount: seq } });
    const answer = (status: number, body = '', retryAfterMs: number | null = null) =>
      ({ kind: 'response', status, latencyMs: 12, body, retryAfterMs }) as const;

    beforeEach(() => fakes.settings.runs.set(RUN, { target: TARGET, secret: SECRET, rounds: null }));

    it("delivers each record as the body, keyed and signed by its job's id, and stores how the endpoint answered", async () => {
      await processor.process([fakes.delivery(record(1)), fakes.delivery(record(2))]);

      expect(fakes.http.sent[0]).toMatchObject({
        url: TARGET.url,
        method: 'POST',
        headers: TARGET.headers,
        body: '{"id":"row-1","amount":1}',
        timeoutMs: 500,
        idempotencyKey: `${RUN}:1`,
        webhookId: `${RUN}:1`,
        secret: SECRET,
      });
      expect(fakes.results.results.get(`${RUN}:2`)?.document).toMatchObject({
        input: { id: 'row-2', amount: 2 },
        output: null,
        delivery: { status: 200, latencyMs: 3, response: 'ok' },
      });
      expect(fakes.counters.counted(RUN).processed).toEqual([1, 2]);
    });

    it('dead-letters at once a record the endpoint refused with a 4xx, which will not get better', async () => {
      fakes.http.answers.set(`${RUN}:1`, answer(400, 'amount must be positive'));
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      await processor.process([fakes.delivery(record(1))]);

      expect(fakes.jobs.retried).toEqual([]);
      expect(fakes.results.failures.get(`${RUN}:1`)?.document).toMatchObject({
        error: 'the endpoint answered 400: amount must be positive',
        delivery: { status: 400, latencyMs: 12 },
        attempts: 1,
      });
      expect(fakes.counters.counted(RUN).failed).toEqual([1]);
    });

    it('retries a 429 after its Retry-After, rounded up to a shared retry queue, and holds the run back as long', async () => {
      fakes.http.answers.set(`${RUN}:1`, answer(429, '', 5_000));
      fakes.http.answers.set(`${RUN}:2`, answer(503));
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      await processor.process([fakes.delivery(record(1)), fakes.delivery(record(2))]);

      expect(fakes.jobs.retried).toEqual([
        { delayMs: 8_000, jobs: [{ ...record(1), attempt: 2 }] },
        { delayMs: 1_000, jobs: [{ ...record(2), attempt: 2 }] },
      ]);
      expect(fakes.pushback.holds).toEqual([{ runId: RUN, reason: 'the endpoint answered 429 (Retry-After 5 s)', ms: 5_000 }]);
      expect(fakes.results.results.size + fakes.results.failures.size).toBe(0);
    });

    it('retries a timeout and a refused connection, and takes a timeout as the endpoint asking for less', async () => {
      fakes.http.answers.set(`${RUN}:1`, { kind: 'error', error: 'timed out after 500 ms', latencyMs: 500, timedOut: true });
      fakes.http.answers.set(`${RUN}:2`, { kind: 'error', error: 'connect ECONNREFUSED', latencyMs: 1, timedOut: false });
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      await processor.process([fakes.delivery(record(1)), fakes.delivery(record(2))]);

      expect(fakes.jobs.retried.flatMap(({ jobs }) => jobs.map(({ seq, attempt }) => [seq, attempt]))).toEqual([
        [1, 2],
        [2, 2],
      ]);
      expect(fakes.pushback.holds).toEqual([{ runId: RUN, reason: 'the endpoint did not answer within 500 ms', ms: 1_000 }]);
    });

    it("keeps the endpoint's last answer with a dead letter, and none when there was no answer", async () => {
      fakes.http.answers.set(`${RUN}:1`, answer(503, 'busy'));
      fakes.http.answers.set(`${RUN}:2`, { kind: 'error', error: 'timed out after 500 ms', latencyMs: 500, timedOut: true });
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      await processor.process([fakes.delivery({ ...record(1), attempt: 3 }), fakes.delivery({ ...record(2), attempt: 3 })]);

      expect(fakes.results.failures.get(`${RUN}:1`)?.document).toMatchObject({
        error: 'the endpoint answered 503: busy',
        delivery: { status: 503, latencyMs: 12 },
        attempts: 3,
      });
      expect(fakes.results.failures.get(`${RUN}:2`)?.document).toMatchObject({ error: 'no answer within 500 ms', attempts: 3 });
      expect(fakes.results.failures.get(`${RUN}:2`)?.document).not.toHaveProperty('delivery');
    });

    it('refuses to deliver where the allowlist no longer allows', async () => {
      fakes.settings.runs.set(RUN, { target: { ...TARGET, url: 'http://10.1.2.3/in' }, secret: SECRET, rounds: null });
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      await processor.process([fakes.delivery(record(1))]);

      expect(fakes.http.sent).toEqual([]);
      expect(fakes.results.failures.get(`${RUN}:1`)?.document).toMatchObject({
        error: expect.stringMatching(/^target\.url host 10\.1\.2\.3 is not in HTTP_TARGET_ALLOWLIST/),
      });
    });

    it("hashes a generated record's number and a dataset's record with the run's rounds", async () => {
      fakes.settings.runs.set(RUN, { target: null, secret: null, rounds: 3 });
      const hashed = (input: JobMessage['input'], seq: number): JobMessage => ({ ...job(seq, 'hash'), input });

      await processor.process([fakes.delivery(hashed(7, 1)), fakes.delivery(hashed({ a: 1 }, 2))]);

      expect(fakes.results.results.get(`${RUN}:1`)?.document).toMatchObject({ output: iteratedSha256('7', 3) });
      expect(fakes.results.results.get(`${RUN}:2`)?.document).toMatchObject({ output: iteratedSha256('{"a":1}', 3) });
    });

    it('retries the jobs of a run whose settings are not in Redis (yet)', async () => {
      fakes.settings.runs.clear();

      await processor.process([fakes.delivery(record(1))]);

      expect(fakes.jobs.retried).toEqual([{ delayMs: 1000, jobs: [{ ...record(1), attempt: 2 }] }]);
    });
  });
});
