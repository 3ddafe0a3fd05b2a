import { NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DeliveryStats } from '@app/contracts';
import { formatRunId, newRun } from '@app/domain';
import { RunLookup } from '../run-lookup/run-lookup';
import { apiFakes } from '../testing/fakes';
import { DeliveriesService } from './deliveries.service';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const TARGET = { url: 'http://127.0.0.1:5640/in', method: 'POST' as const, headers: {}, timeoutMs: 1_000, concurrency: 4 };
const httpRun = newRun({ id: formatRunId(T0, 'http'), total: 10, ratePerMinute: 60, processor: 'http', target: TARGET }, T0);
const squareRun = newRun({ id: formatRunId(T0, 'square'), total: 10, ratePerMinute: 60, processor: 'square' }, T0);
const STATS: DeliveryStats = {
  total: 9,
  byStatusClass: { '2xx': 7, '3xx': 0, '4xx': 1, '5xx': 0 },
  noAnswer: 1,
  latencyMs: { p50: 4, p95: 11.5 },
};

describe('DeliveriesService', () => {
  let fakes: ReturnType<typeof apiFakes>;
  let service: DeliveriesService;

  beforeEach(async () => {
    fakes = apiFakes();
    const module = await Test.createTestingModule({ providers: [DeliveriesService, RunLookup, ...fakes.providers] }).compile();
    service = module.get(DeliveriesService);
  });

  it("answers an http run's delivery stats as the store computed them", async () => {
    fakes.runs.put(httpRun);
    fakes.results.deliveries.set(httpRun.id, STATS);

    expect(await service.stats(httpRun.id)).toEqual(STATS);
  });

  it('answers from the durable record while the state is being rebuilt', async () => {
    await fakes.archive.save(httpRun);
    fakes.hotState.ready = false;

    expect(await service.stats(httpRun.id)).toMatchObject({ total: 0, latencyMs: null });
    expect(fakes.results.reads).toEqual([httpRun.id]);
  });

  it('is a 404 for a run of another processor, which delivers nothing, without asking the store', async () => {
    fakes.runs.put(squareRun);

    await expect(service.stats(squareRun.id)).rejects.toThrow(
      new NotFoundException(`run ${squareRun.id} is a square run: only http runs deliver`),
    );
    expect(fakes.results.reads).toEqual([]);
  });

  it('is a 404 for an unknown run', async () => {
    await expect(service.stats(httpRun.id)).rejects.toBeInstanceOf(NotFoundException);
    expect(fakes.results.reads).toEqual([]);
  });
});
