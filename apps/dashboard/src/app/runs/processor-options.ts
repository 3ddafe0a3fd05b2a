import type { ProcessorName } from '@app/contracts';

/**
 * What each processor does, as the start form offers it. Keyed by the contract's type, so a processor added
 * there fails to compile here until it is described (the names are not imported as values: see the form).
 */
export const PROCESSOR_DESCRIPTIONS: Record<ProcessorName, string> = {
  square: 'square: output = input²',
  flaky: 'flaky: fails its first 3 attempts, then squares (dead-lettered, then replayable)',
  poison: 'poison: always fails (every job ends as a dead letter)',
};

export const PROCESSOR_OPTIONS = (Object.keys(PROCESSOR_DESCRIPTIONS) as ProcessorName[]).map((name) => ({
  name,
  description: PROCESSOR_DESCRIPTIONS[name],
}));
