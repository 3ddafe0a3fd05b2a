/**
 * Processors a run may name; the worker owns their implementations.
 * - `square`: output = input², the default.
 * - `flaky`: fails its first three attempts, then squares: a transient fault that outlasts the default retries,
 *   so its jobs are dead-lettered and then succeed when replayed.
 * - `poison`: always fails: a job that can only end as a dead letter.
 */
export const PROCESSOR_NAMES = ['square', 'flaky', 'poison'] as const;
export type ProcessorName = (typeof PROCESSOR_NAMES)[number];
export const DEFAULT_PROCESSOR: ProcessorName = 'square';
