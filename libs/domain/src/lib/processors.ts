import { RECORD_PROCESSORS, type JobInput, type ProcessorName } from '@app/contracts';

/** Attempts a `flaky` job fails before it succeeds. */
export const FLAKY_FAILURES = 3;

/** The processors computed right here, on a generated record's number; `http` and `hash` are the worker's own. */
export type ComputedProcessorName = Exclude<ProcessorName, (typeof RECORD_PROCESSORS)[number]>;

export const isComputedProcessor = (name: ProcessorName): name is ComputedProcessorName =>
  !(RECORD_PROCESSORS as readonly ProcessorName[]).includes(name);

type Processor = (input: number, attempt: number) => number;

const processors: Record<ComputedProcessorName, Processor> = {
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
export function runProcessor(name: ComputedProcessorName, input: JobInput, attempt: number): number {
  if (typeof input !== 'number') throw new Error(`the ${name} processor computes on a number, not on a record`);
  return processors[name](input, attempt);
}
