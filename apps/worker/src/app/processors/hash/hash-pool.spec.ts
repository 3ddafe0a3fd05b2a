import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { WORKER_CONFIG } from '../../worker.config';
import { HASH_TASK_FILE, HashPool } from './hash-pool';
import { iteratedSha256 } from './iterated-sha256';

/** The real task, loaded through a shim that compiles TypeScript in the pool's threads (see the shim). */
const TASK_FILE = join(__dirname, '../../testing/hash-task.js');
/** The most a run may ask for: a record takes the main thread well over `MAX_LAG_MS` to compute. */
const HEAVY_ROUNDS = 1_000_000;
const TICK_MS = 10;
/** Loose, for a loaded 2-core machine: a pool's thread never holds the event loop, a record computed on it would. */
const MAX_LAG_MS = 200;
/**
 * The first task starts the threads, and each compiles the task through the shim: seconds when the machine is busy
 * (seen over 5 s at a load average of 20), never a sign of a fault.
 */
const FIRST_TASK_TIMEOUT_MS = 60_000;

describe('HashPool', () => {
  let pool: HashPool;

  beforeAll(() => {
    pool = new HashPool({ hashPoolThreads: 2, hashPoolNice: 10 }, TASK_FILE);
  });
  afterAll(() => pool.onApplicationShutdown());

  it(
    'gives each input its digest, in order, however the batch is split across the threads',
    async () => {
      const inputs = ['1', '2', '3', '4', '5'];

      expect(await pool.digest(inputs, 3)).toEqual(inputs.map((input) => iteratedSha256(input, 3)));
      expect(await pool.digest(['only'], 1)).toEqual([iteratedSha256('only', 1)]);
      expect(await pool.digest([], 5)).toEqual([]);
    },
    FIRST_TASK_TIMEOUT_MS,
  );

  it("rejects with the task's error when the rounds are not a positive integer", async () => {
    await expect(pool.digest(['1', '2'], 0)).rejects.toThrow('rounds must be a positive integer, got 0');
  });

  it('keeps the event loop responsive while both threads compute a heavy batch', async () => {
    const inputs = ['record 1', 'record 2'];
    const lagsMs: number[] = [];
    let lastTick = performance.now();
    const sampler = setInterval(() => {
      const now = performance.now();
      lagsMs.push(now - lastTick - TICK_MS);
      lastTick = now;
    }, TICK_MS);
    const digests = await pool.digest(inputs, HEAVY_ROUNDS);
    await delay(2 * TICK_MS); // one more tick, measuring a stall that lasted until the digest's end
    clearInterval(sampler);

    const started = performance.now();
    const expected = [iteratedSha256(inputs[0], HEAVY_ROUNDS)];
    const oneRecordOnMainThreadMs = performance.now() - started;
    expected.push(iteratedSha256(inputs[1], HEAVY_ROUNDS));

    expect(digests).toEqual(expected);
    // The check below could fail: on the main thread, a single record would have held the loop this long.
    expect(oneRecordOnMainThreadMs).toBeGreaterThan(2 * MAX_LAG_MS);
    expect(Math.max(...lagsMs)).toBeLessThan(MAX_LAG_MS);
    expect(lagsMs.length).toBeGreaterThan(10); // the loop was watched while the threads worked
  }, 60_000);

  it('terminates its threads when the application shuts down, even one still hashing', async () => {
    const module = await Test.createTestingModule({
      providers: [
        HashPool,
        { provide: WORKER_CONFIG, useValue: { hashPoolThreads: 1, hashPoolNice: 10 } },
        { provide: HASH_TASK_FILE, useValue: TASK_FILE },
      ],
    }).compile();
    const inFlight = expect(module.get(HashPool).digest(['record'], HEAVY_ROUNDS)).rejects.toThrow('Terminating worker thread');

    await module.close();

    await inFlight;
  });
});
