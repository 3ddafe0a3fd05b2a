import type { ProcessorName } from '@app/contracts';

/** Attempts a `flaky` job fails before it succeeds. */
export const FLAKY_FAILURES = 3;

type Processor = (input: number, attempt: number) => number;

const processors: Record<ProcessorName, Processor> = {
  square: (input) => input * input,
  flaky: (input, attempt) => {
    if (attempt <= FLAKY_FAILURES) throw new Error(`flaky processor fails attempt ${attempt} of the first ${FLAKY_FAILURES}`);
    return input * input;
  },
  poison: () => {
    throw new Error('poison processor always fails');
  },
};

/** Computes a job's output; throws when the processor fails (the worker then retries or dead-letters the job). */
export function runProcessor(name: ProcessorName, input: number, attempt: number): number {
  return processors[name](input, attempt);
}
