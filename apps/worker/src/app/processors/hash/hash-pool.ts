import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Piscina } from 'piscina';
import { WORKER_CONFIG, type WorkerConfig } from '../../worker.config';
import type { HashTask } from './hash.task';

/** The path of the compiled task file the pool's threads load (plain JavaScript: a thread has no TypeScript loader). */
export const HASH_TASK_FILE = Symbol('HASH_TASK_FILE');

/**
 * The `hash` processor's worker threads, a fixed number of them, so that iterated SHA-256 never runs on the event
 * loop, which must keep acking, heartbeating and answering health checks on time. Off the event loop is not enough
 * when the threads fill every core: the event loop's thread then waits its turn behind them. So they run at a lower
 * priority (`HASH_POOL_NICE`, nice(2) through piscina's `niceIncrement`), and the event loop's thread goes first.
 */
@Injectable()
export class HashPool implements OnApplicationShutdown {
  private readonly threads: number;
  private readonly piscina: Piscina<HashTask, string[]>;

  constructor(
    @Inject(WORKER_CONFIG) config: Pick<WorkerConfig, 'hashPoolThreads' | 'hashPoolNice'>,
    @Inject(HASH_TASK_FILE) taskFile: string,
  ) {
    this.threads = config.hashPoolThreads;
    this.piscina = new Piscina({
      filename: taskFile,
      minThreads: this.threads,
      maxThreads: this.threads,
      niceIncrement: config.hashPoolNice,
    });
  }

  /**
   * The digests of `inputs`, in their order. The worker handles one batch at a time, so the batch is split into one
   * contiguous slice per thread: every core works on it, at the cost of one message per thread, not one per record.
   * Rejects if `rounds` is not a positive integer.
   */
  async digest(inputs: string[], rounds: number): Promise<string[]> {
    const sliceSize = Math.ceil(inputs.length / this.threads);
    const slices: string[][] = [];
    for (let start = 0; start < inputs.length; start += sliceSize) slices.push(inputs.slice(start, start + sliceSize));
    const digests = await Promise.all(slices.map((slice) => this.piscina.run({ inputs: slice, rounds })));
    return digests.flat();
  }

  /** After `beforeApplicationShutdown`, where the consumer finishes its in-flight batch, which may still be hashing. */
  async onApplicationShutdown(): Promise<void> {
    await this.piscina.destroy();
  }
}
