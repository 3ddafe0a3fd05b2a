import { Injectable, NotFoundException } from '@nestjs/common';
import type { DeliveryStats } from '@app/contracts';
import { ResultStore } from '@app/infra';
import { RunLookup } from '../run-lookup/run-lookup';

/** How an `http` run's endpoint answered its records, from what is stored: results and dead letters. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly results: ResultStore,
    private readonly runs: RunLookup,
  ) {}

  /** A 404 for a run of another processor as for an unknown run: it has no deliveries to count. */
  async stats(runId: string): Promise<DeliveryStats> {
    const run = await this.runs.require(runId);
    if (run.processor !== 'http') throw new NotFoundException(`run ${runId} is a ${run.processor} run: only http runs deliver`);
    return this.results.deliveryStats(runId);
  }
}
