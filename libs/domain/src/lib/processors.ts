import type { ProcessorName } from '@app/contracts';

type Processor = (input: number) => number;

const processors: Record<ProcessorName, Processor> = {
  square: (input) => input * input,
};

export function runProcessor(name: ProcessorName, input: number): number {
  return processors[name](input);
}
