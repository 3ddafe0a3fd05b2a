import { BadRequestException, ConflictException, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { formatRunId, newRun, type RunState } from '@app/domain';
import { newSigningSecret } from '@app/infra';
import { RunLookup } from '../run-lookup/run-lookup';
import { apiFakes } from '../testing/fakes';
import { RunsService } from './runs.service';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const runAt = (i: number, changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id: formatRunId(T0 + i, 'abc'), total: 100, ratePerMinute: 60, processor: 'square' }, T0 + i),
  ...changes,
});

describe('RunsService', () => {
  let fakes: ReturnType<typeof apiFakes>;
  let service: RunsService;

  beforeEach(async () => {
    fakes = apiFakes();
    const module = await Test.createTestingModule({ providers: [RunsService, RunLookup, ...fakes.providers] }).compile();
    service = module.get(RunsService);
  });

  const messageOf = (error: unknown) => (error as BadRequestException | ConflictException).getResponse();

  describe('create', () => {
    it('writes the durable record before the run goes into Redis', async () => {
      const run = await service.create({ total: 10, ratePerMinute: 120 });

      expect(fakes.log).toEqual([`archive.save ${run.id}`, `runs.create ${run.id}`]);
      expect(run).toMatchObject({ status: 'running', total: 10, ratePerMinute: 120, processor: 'square', published: 0 });
      expect(await fakes.runs.get(run.id)).toMatchObject({ id: run.id, total: 10 });
    });

    it('shows a generated signing secret this once for a run with a completion callback, and none for a run without', async () => {
      const notified = await service.create({ total: 10, ratePerMinute: 120, notify: { url: 'http://127.0.0.1:9/done' } });

      expect(notified.notify).toEqual({
        url: 'http://127.0.0.1:9/done',
        status: 'pending',
        attempts: 0,
        lastError: null,
        deliveredAt: null,
      });
      expect(notified.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect((await fakes.runs.get(notified.id))?.secret).toBe(notified.secret);
      expect(await service.get(notified.id)).not.toHaveProperty('secret');
      const plain = await service.create({ total: 10, ratePerMinute: 120 });
      expect(plain).not.toHaveProperty('secret');
      expect((await fakes.runs.get(plain.id))?.secret).toBeNull();
    });

    it('spreads the records over durationMinutes', async () => {
      expect(await service.create({ total: 600, durationMinutes: 10 })).toMatchObject({ ratePerMinute: 60 });
    });

    it.each([
      ['neither rate nor duration', { total: 10 }, 'ratePerMinute must be a number from 1 to 600,000 (or give durationMinutes)'],
      [
        'both rate and duration',
        { total: 10, ratePerMinute: 5, durationMinutes: 2 },
        'ratePerMinute and durationMinutes cannot both be given',
      ],
    ])('is a 400 naming the field for %s, and writes nothing', async (_, request, message) => {
      const error = await service.create(request).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(BadRequestException);
      expect(messageOf(error)).toEqual({ statusCode: 400, error: 'Bad Request', message: [message] });
      expect(fakes.log).toEqual([]);
    });
  });

  describe('create over a dataset, delivering', () => {
    const DATASET = { id: 'ds0000001abc', name: 'rows', format: 'csv' as const, records: 500, bytes: 9_000, fields: ['id'], createdAt: T0 };
    const http = { processor: 'http' as const, datasetId: DATASET.id, target: { url: 'http://127.0.0.1:8080/in' }, ratePerMinute: 600 };
    beforeEach(() => fakes.datasets.datasets.set(DATASET.id, DATASET));
    const badRequest = async (request: Parameters<RunsService['create']>[0]) => {
      const error = await service.create(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect(fakes.log).toEqual([]);
      return (messageOf(error) as { message: string[] }).message[0];
    };

    it("takes the dataset's record count as the total, and shows a generated signing secret this once", async () => {
      const run = await service.create(http);

      expect(run).toMatchObject({ total: 500, datasetId: DATASET.id, processor: 'http', target: { url: http.target.url, method: 'POST' } });
      expect(run.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect(run.target).not.toHaveProperty('secret');
      expect((await fakes.runs.get(run.id))?.secret).toBe(run.secret);
      expect(await service.get(run.id)).not.toHaveProperty('secret');
    });

    it('keeps the secret it is given, for its callback too, and a lower total', async () => {
      const secret = newSigningSecret();
      const run = await service.create({
        ...http,
        total: 20,
        target: { ...http.target, secret },
        notify: { url: 'http://127.0.0.1:9/done' },
      });

      expect(run).toMatchObject({ total: 20, secret });
    });

    it('is a 400 naming the field for a total above the dataset, an unknown dataset, a target not allowed or a missing one', async () => {
      expect(await badRequest({ ...http, total: 501 })).toBe(`total must be at most the 500 records of dataset ${DATASET.id}`);
      expect(await badRequest({ ...http, datasetId: 'ds0000002abc' })).toBe('datasetId: there is no dataset ds0000002abc');
      expect(await badRequest({ ...http, target: { url: 'http://192.168.1.9/in' } })).toMatch(/^target\.url host 192\.168\.1\.9 is not in/);
      expect(await badRequest({ processor: 'http', total: 5, ratePerMinute: 60 })).toBe('target is required for the http processor');
      expect(await badRequest({ ratePerMinute: 60 })).toBe('total must be an integer from 1 to 100,000,000 (or give a datasetId)');
    });
  });

  describe('list by status', () => {
    // 450 runs, newest first: indexes 449..0. Paused: one on each of the three scan pages.
    const pausedAt = [440, 230, 20];
    beforeEach(() => {
      for (let i = 0; i < 450; i++) fakes.runs.put(runAt(i, pausedAt.includes(i) ? { status: 'paused' } : {}));
    });

    it('scans page after page until the page is full, and the cursor is the last run returned', async () => {
      const page = await service.list(2, undefined, 'paused');

      expect(page.items.map((run) => run.id)).toEqual([runAt(440).id, runAt(230).id]);
      expect(page.nextCursor).toBe(runAt(230).id);
      expect(fakes.runs.listCalls).toEqual([
        { limit: 200, cursor: undefined },
        { limit: 200, cursor: runAt(250).id },
      ]);
    });

    it('goes on from the cursor, and ends with no cursor when the runs are exhausted', async () => {
      const page = await service.list(2, runAt(230).id, 'paused');

      expect(page.items.map((run) => run.id)).toEqual([runAt(20).id]);
      expect(page.nextCursor).toBeNull();
    });

    it('finds nothing for a status no run has', async () => {
      expect(await service.list(5, undefined, 'completed')).toEqual({ items: [], nextCursor: null });
      expect(fakes.runs.listCalls).toHaveLength(3);
    });
  });

  describe('changes with compare-and-set', () => {
    const run = runAt(0, { revision: 4 });
    beforeEach(() => fakes.runs.put(run));

    it('re-reads and tries again while the run moves under it, then answers the state saved', async () => {
      fakes.runs.changeBeforeNextSaves(3);

      const paused = await service.pause(run.id);

      expect(fakes.runs.saves).toBe(4);
      expect(paused.status).toBe('paused');
      // 4 + 3 concurrent changes + this one.
      expect(await fakes.runs.get(run.id)).toMatchObject({ status: 'paused', revision: 8 });
      expect(fakes.archive.saved.at(-1)).toMatchObject({ status: 'paused', revision: 8 });
    });

    it('gives up with a 409 when the run keeps changing', async () => {
      fakes.runs.changeBeforeNextSaves(Infinity);

      const error = await service.pause(run.id).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConflictException);
      expect((error as Error).message).toBe(`run ${run.id} kept changing; try again`);
      expect(fakes.runs.saves).toBe(10);
      expect(fakes.archive.saved).toEqual([]);
    });

    it('is a 409 with the reason when the transition is not allowed, saving nothing', async () => {
      await service.pause(run.id);

      const error = await service.pause(run.id).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConflictException);
      expect((error as Error).message).toBe(`run ${run.id} is paused, only a running run can be paused`);
      expect(fakes.runs.saves).toBe(1);
    });

    it('is a 503 while the state is rebuilt (a failover left the run in Redis, maybe stale), archiving nothing', async () => {
      fakes.hotState.ready = false;

      const error = await service.pause(run.id).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ServiceUnavailableException);
      expect((error as Error).message).toMatch(/being rebuilt after Redis lost its data or failed over/);
      expect(fakes.runs.saves).toBe(1);
      expect(fakes.archive.saved).toEqual([]);
    });

    it('resumes and stops', async () => {
      await service.pause(run.id);
      expect(await service.resume(run.id)).toMatchObject({ status: 'running' });
      expect(await service.stop(run.id)).toMatchObject({ status: 'stopped' });
    });
  });

  describe('update', () => {
    const run = runAt(0, { reserved: 50, published: 40 });
    beforeEach(() => fakes.runs.put(run));

    it('is a 400 when no field is given', async () => {
      const error = await service.update(run.id, {}).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(BadRequestException);
      expect(messageOf(error)).toMatchObject({ message: ['give at least one of total, ratePerMinute or durationMinutes'] });
    });

    it('changes total and rate', async () => {
      expect(await service.update(run.id, { total: 80, ratePerMinute: 30 })).toMatchObject({ total: 80, ratePerMinute: 30 });
    });

    it('is a 409 naming the count when the total falls below the claimed seqs', async () => {
      const error = await service.update(run.id, { total: 45 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConflictException);
      expect((error as Error).message).toBe('total cannot be lower than the 50 records already published');
      expect(fakes.runs.saves).toBe(0);
    });

    it('re-reads when the scheduler claimed more seqs between read and save, and then refuses', async () => {
      fakes.runs.changeBeforeNextSaves(1, (stored) => ({ ...stored, reserved: 70 }));

      const error = await service.update(run.id, { total: 60 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConflictException);
      expect((error as Error).message).toBe('total cannot be lower than the 70 records already published');
      expect(fakes.runs.saves).toBe(1);
    });
  });
});
