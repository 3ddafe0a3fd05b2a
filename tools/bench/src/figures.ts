/**
 * How every bench reports: it prints its figures as a markdown table and keeps them in
 * `tmp/bench/figures/<bench>.md`, from where `npm run bench` writes them, with the date, commit and command, to
 * `docs/benchmarks.md`. A bench run alone (`npm run bench:<name>`) leaves the same file behind.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIGURES_DIR = join(__dirname, '..', '..', '..', 'tmp', 'bench', 'figures');

/** Whether the bench runs in its long form (`-- --full`, or BENCH_FULL=1 as the bench runner sets it). */
export const fullMode = (): boolean => process.argv.includes('--full') || process.env['BENCH_FULL'] === '1';

/** One row of a figures table: what was measured, the value (already formatted) and SPEC.md's target, if any. */
export interface Figure {
  figure: string;
  measured: string;
  target?: string;
}

export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map(({ figure, measured, target }) => `| ${figure} | ${measured} | ${target ?? ''} |`);
  return ['| figure | measured | target |', '|---|---:|---|', ...rows].join('\n');
}

/**
 * Prints the bench's figures and keeps them for the bench runner. `notes` (markdown) follows the table: the
 * conditions of the run (load average, versions, anything that explains a figure).
 */
export function recordFigures(bench: string, figures: readonly Figure[], notes = ''): void {
  const markdown = `${figuresTable(figures)}\n${notes ? `\n${notes.trim()}\n` : ''}`;
  console.log(`\n${markdown}`);
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${bench}.md`), markdown);
}
