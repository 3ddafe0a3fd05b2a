/**
 * The "Latest figures" section `npm run bench` writes at the top of `docs/benchmarks.md`: rendered from what each
 * bench left, and put between two markers so that a rerun replaces it and leaves the hand-written rest untouched.
 */

export const LATEST_FIGURES_START = '<!-- latest-figures:start (written by npm run bench; a rerun replaces it) -->';
export const LATEST_FIGURES_END = '<!-- latest-figures:end -->';

/** How one bench of the run went. */
export type BenchOutcome =
  /** It exited 0; `figures` is the markdown it recorded (figures.ts), or null if it recorded none. */
  | { bench: string; command: string; result: 'passed'; seconds: number; figures: string | null }
  /** It exited non-zero (or was killed: `exitCode` null). */
  | { bench: string; command: string; result: 'failed'; seconds: number; exitCode: number | null }
  /** It was not started: `reason` says why (no nx target yet, on this commit). */
  | { bench: string; command: string; result: 'not run'; reason: string };

export interface BenchRun {
  /** When the run started and ended, epoch milliseconds. */
  startedAt: number;
  finishedAt: number;
  /** `git rev-parse --short HEAD`, and whether the tree had changes when the run started. */
  commit: string;
  dirty: boolean;
  /** The command that ran the whole set, as typed. */
  command: string;
  cores: number;
  loadBefore: string;
  loadAfter: string;
  outcomes: readonly BenchOutcome[];
}

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const minutes = (seconds: number): string => (seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`);

function renderOutcome(outcome: BenchOutcome): string {
  const heading = `### ${outcome.bench} (\`${outcome.command}\`)`;
  switch (outcome.result) {
    case 'passed':
      return [
        heading,
        `Ran in ${minutes(outcome.seconds)}.`,
        outcome.figures?.trim() || 'It recorded no figures (it does not report through `tools/bench/src/figures.ts`).',
      ].join('\n\n');
    case 'failed':
      return [
        heading,
        `**Failed** after ${minutes(outcome.seconds)} (${outcome.exitCode === null ? 'killed by a signal' : `exit code ${outcome.exitCode}`}): ` +
          'no figures from this run; its output is in the log of the run.',
      ].join('\n\n');
    case 'not run':
      return [heading, `Not run: ${outcome.reason}.`].join('\n\n');
  }
}

/** How many benches passed, failed and were not run, in words: the section's summary line. */
export function summary(outcomes: readonly BenchOutcome[]): string {
  const count = (result: BenchOutcome['result']) => outcomes.filter((outcome) => outcome.result === result);
  const failed = count('failed');
  const notRun = count('not run');
  return (
    `${count('passed').length} of ${outcomes.length} benches passed` +
    (failed.length ? `; **failed: ${failed.map(({ bench }) => bench).join(', ')}**` : '') +
    (notRun.length ? `; not run: ${notRun.map(({ bench }) => bench).join(', ')}` : '')
  );
}

/** The whole generated section, markers included. */
export function renderLatestFigures(run: BenchRun): string {
  const header = [
    '## Latest figures',
    'Written by `npm run bench` from the figures each bench recorded; the sections below it are the hand-written ' +
      'history and analysis. Figures taken on a shared machine vary with its load: compare them with the load average.',
    [
      `- **date**: ${utc(run.startedAt)} to ${utc(run.finishedAt)}`,
      `- **commit**: \`${run.commit}\`${run.dirty ? ' (dirty: the tree had uncommitted changes)' : ''}`,
      `- **command**: \`${run.command}\``,
      `- **machine**: ${run.cores} cores; load average (1 / 5 / 15 min) ${run.loadBefore} before, ${run.loadAfter} after`,
      `- **result**: ${summary(run.outcomes)}`,
    ].join('\n'),
  ];
  return [LATEST_FIGURES_START, ...header, ...run.outcomes.map(renderOutcome), LATEST_FIGURES_END].join('\n\n');
}

/**
 * The document with its generated section replaced by `section`; a document without one gets it before its first
 * `## ` heading (after the title and the introduction), or at its end if it has none.
 */
export function withLatestFigures(doc: string, section: string): string {
  const start = doc.indexOf(LATEST_FIGURES_START);
  const end = doc.indexOf(LATEST_FIGURES_END);
  if (start !== -1 && end > start) return doc.slice(0, start) + section + doc.slice(end + LATEST_FIGURES_END.length);
  if (start !== -1 || end !== -1) throw new Error('docs/benchmarks.md has one latest-figures marker without the other: fix it by hand');
  const firstSection = doc.search(/^## /m);
  if (firstSection === -1) return `${doc.trimEnd()}\n\n${section}\n`;
  return `${doc.slice(0, firstSection)}${section}\n\n${doc.slice(firstSection)}`;
}
