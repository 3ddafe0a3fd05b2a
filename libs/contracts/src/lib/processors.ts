/** Processors a run may name; the worker owns their implementations. */
export const PROCESSOR_NAMES = ['square'] as const;
export type ProcessorName = (typeof PROCESSOR_NAMES)[number];
export const DEFAULT_PROCESSOR: ProcessorName = 'square';
