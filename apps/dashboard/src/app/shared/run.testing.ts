import type { Run } from '@app/contracts';

/** A run with plausible values; tests override what they look at. */
export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    version: 185,
    status: 'running',
    total: 1000,
    ratePerMinute: 600,
    processor: 'square',
    datasetId: null,
    target: null,
    rounds: null,
    notify: null,
    published: 100,
    processed: 80,
    failed: 5,
    queued: 15,
    throttled: false,
    throttleReason: null,
    stalledReason: null,
    achievedRatePerMinute: 598.4,
    etaSeconds: 91,
    createdAt: '2026-11-23T10:00:00.000Z',
    startedAt: '2026-11-23T10:00:00.100Z',
    updatedAt: '2026-11-23T10:00:10.000Z',
    finishedAt: null,
    ...overrides,
  };
}
