/**
 * What the recovery bench stores for its runs before it makes Redis lose its data: per run, the seqs published and,
 * among them, those with no stored outcome yet (in flight at the loss), the dead letters, and the dead letters
 * replayed successfully (a result and a dead letter both stored, the dead letter not deleted yet). From that plan,
 * what the rebuild must count: the same rules as the platform's (a seq stored both ways is processed).
 */
import type { RunStatus } from '@app/contracts';

export interface SeededRun {
  /** Position among the bench's runs, from 0: it makes the run's id. */
  index: number;
  status: Extract<RunStatus, 'completed' | 'paused' | 'running'>;
  total: number;
  /** Seqs 1..published were published. */
  published: number;
  /** Published seqs with neither a result nor a dead letter, ascending. */
  inFlight: readonly number[];
  /** Dead-lettered seqs without a result, ascending. */
  deadLetters: readonly number[];
  /** Seqs stored both as a result and as a dead letter, ascending. */
  replayed: readonly number[];
}

/** The bench's runs: mostly long finished, one with dead letters, one paused with gaps, one running with records left. */
export function seededRuns(runs: number, total: number): SeededRun[] {
  const finished = (index: number): SeededRun => ({
    index,
    status: 'completed',
    total,
    published: total,
    inFlight: [],
    deadLetters: [],
    replayed: [],
  });
  const plan = Array.from({ length: runs - 3 }, (_, index) => finished(index));
  const quarter = Math.floor(total / 4);
  plan.push(
    { ...finished(runs - 3), deadLetters: [1, 2, quarter, quarter + 2, total], replayed: [quarter + 1] },
    {
      ...finished(runs - 2),
      status: 'paused',
      published: 2 * quarter,
      inFlight: [1, quarter, 2 * quarter],
      deadLetters: [3, quarter + 1],
      replayed: [],
    },
  );
  // The running run's last 400 published seqs: every other one still in flight, as when workers store batches out of order.
  const published = 3 * quarter;
  const inFlight = Array.from({ length: 200 }, (_, i) => published - 399 + 2 * i);
  plan.push({ ...finished(runs - 1), status: 'running', published, inFlight, deadLetters: [5], replayed: [] });
  return plan;
}

/** The seqs of a run stored as results, ascending. */
export function* resultSeqs(run: SeededRun): Generator<number> {
  const absent = new Set([...run.inFlight, ...run.deadLetters]);
  for (let seq = 1; seq <= run.published; seq++) if (!absent.has(seq)) yield seq;
}

/** The seqs of a run stored as dead letters, ascending. */
export function deadLetterSeqs(run: SeededRun): number[] {
  return [...run.deadLetters, ...run.replayed].sort((a, b) => a - b);
}

/** The counters the rebuild must restore for a run. */
export function expectedCounters(run: SeededRun): { processed: number; failed: number } {
  return { processed: run.published - run.inFlight.length - run.deadLetters.length, failed: run.deadLetters.length };
}

/** How many documents the plan stores in each index. */
export function storedDocuments(plan: readonly SeededRun[]): { results: number; deadLetters: number } {
  const sum = (of: (run: SeededRun) => number) => plan.reduce((total, run) => total + of(run), 0);
  return { results: sum((run) => expectedCounters(run).processed), deadLetters: sum((run) => deadLetterSeqs(run).length) };
}
