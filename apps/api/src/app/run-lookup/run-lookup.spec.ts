import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { formatRunId, newRun } from '@app/domain';
import { apiFakes } from '../testing/fakes';
import { RunLookup } from './run-lookup';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const run = newRun({ id: formatRunId(T0, 'abc'), total: 100, ratePerMinute: 60, processor: 'square' }, T0);

describe('RunLookup', () => {
  let fakes: ReturnType<typeof apiFakes>;
  let lookup: RunLookup;

  beforeEach(async () => {
    fakes = apiFakes();
    const module = await Test.createTestingModule({ providers: [RunLookup, ...fakes.providers] }).compile();
    lookup = module.get(RunLookup);
  });

  describe('require (reads)', () => {
    it('answers the hot run without asking the archive', async () => {
      fakes.runs.put({ ...run, processed: 7 });
      fakes.hotState.ready = false;

      expect(await lookup.require(run.id)).toMatchObject({ id: run.id, processed: 7 });
      expect(fakes.archive.reads).toBe(0);
    });

    it('falls back to the durable record while the state is being rebuilt', async () => {
      await fakes.archive.save({ ...run, processed: 3 });
      fakes.hotState.ready = false;

      expect(await lookup.require(run.id)).toMatchObject({ id: run.id, processed: 3 });
    });

    it('is a 404 once the state is ready, even if the archive still has the run', async () => {
      await fakes.archive.save(run);

      await expect(lookup.require(run.id)).rejects.toThrow(new NotFoundException(`run ${run.id} does not exist`));
      expect(fakes.archive.reads).toBe(0);
    });

    it('is a 404 while rebuilding when the archive has no such run either', async () => {
      fakes.hotState.ready = false;

      await expect(lookup.require(run.id)).rejects.toBeInstanceOf(NotFoundException);
    });
  });

  describe('requireHot (changes)', () => {
    it('answers the hot run', async () => {
      fakes.runs.put(run);

      expect(await lookup.requireHot(run.id)).toMatchObject({ id: run.id });
    });

    it('is a 503 while the state is being rebuilt, never the archived copy', async () => {
      await fakes.archive.save(run);
      fakes.hotState.ready = false;

      await expect(lookup.requireHot(run.id)).rejects.toBeInstanceOf(ServiceUnavailableException);
      expect(fakes.archive.reads).toBe(0);
    });

    it('is a 404 when the state is ready', async () => {
      await expect(lookup.requireHot(run.id)).rejects.toThrow(new NotFoundException(`run ${run.id} does not exist`));
    });
  });
});
