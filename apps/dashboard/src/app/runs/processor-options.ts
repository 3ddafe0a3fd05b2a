import { PROCESSOR_NAMES, type ProcessorName } from '@app/contracts';

/** What each processor does, as the start form offers it: keyed by the contract's type, so a new one must be described. */
const PROCESSOR_DESCRIPTIONS: Readonly<Record<ProcessorName, string>> = {
  square: 'square: output = input²',
  flaky: 'flaky: fails its first 3 attempts, then squares (dead-lettered, then replayable)',
  poison: 'poison: always fails (every job ends as a dead letter)',
  http: 'http: delivers each record to your endpoint, signed, with an idempotency key',
  hash: 'hash: iterated SHA-256 of each record (CPU-heavy, on worker threads)',
};

/** The processors in the contract's order. */
export const PROCESSOR_OPTIONS = PROCESSOR_NAMES.map((name) => ({ name, description: PROCESSOR_DESCRIPTIONS[name] }));
