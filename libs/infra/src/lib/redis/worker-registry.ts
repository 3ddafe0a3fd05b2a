import { WORKER_LIVENESS_MS, type RedisKeys, type WorkerStatus } from '@app/contracts';
import type { RedisConnection } from './redis.connection';

/** Workers' heartbeats in Redis; a worker not heard from within the liveness window is gone. */
export class WorkerRegistry {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async beat(status: WorkerStatus): Promise<void> {
    await this.redis.client.hset(this.keys.workers, status.id, JSON.stringify(status));
  }

  async remove(workerId: string): Promise<void> {
    await this.redis.client.hdel(this.keys.workers, workerId);
  }

  /** Workers heard from within the liveness window before `nowMs`; older entries (dead workers) are dropped. */
  async live(nowMs: number): Promise<WorkerStatus[]> {
    const entries = Object.values(await this.redis.client.hgetall(this.keys.workers)).map((json) => JSON.parse(json) as WorkerStatus);
    const dead = entries.filter((worker) => nowMs - Date.parse(worker.lastSeenAt) > WORKER_LIVENESS_MS);
    if (dead.length > 0) await this.redis.client.hdel(this.keys.workers, ...dead.map((worker) => worker.id));
    return entries.filter((worker) => !dead.includes(worker)).sort((a, b) => a.id.localeCompare(b.id));
  }
}
