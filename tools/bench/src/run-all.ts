/**
 * The bench runner (`npm run bench`, `npm run bench -- --full` for the long forms): runs every bench one after the
 * other, each as it runs alone (`npm run bench:<name>`), passing the mode on (BENCH_FULL=1); goes on when one fails
 * but says so and exits non-zero at the end; then writes the figures each bench recorded (tools/bench/src/figures.ts)
 * into the "Latest figures" section at the top of docs/benchmarks.md, with the date, commit, command and machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { FIGURES_DIR, fullMode } from './figures';
import { renderLatestFigures, summary, withLatestFigures, type BenchOutcome } from './latest-figures';
import { loadAverage } from './machine';

/**
 * Every bench, in the order they run: the nx targets of tools/bench/project.json. The heavy end-to-end ones first,
 * on a machine not yet warmed by the others; the peer last, since it compares with figures taken the same way.
 */
const BENCHES = [
  'throughput',
  'api',
  'live',
  'recovery',
  'upload',
  'http',
  'pace',
  'rate-change',
  'hash',
  'dashboard',
  'queue-types',
  'peer',
];

const ROOT = resolve(__dirname, '../../..');
const DOC = join(ROOT, 'docs', 'benchmarks.md');

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;

const git = (...args: string[]): string => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();

/** Runs a command with the runner's terminal, resolving with its exit code (null if a signal ended it). */
function run(command: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, { cwd: ROOT, env, shell: true, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise(code));
  });
}

function banner(text: string): void {
  const line = '='.repeat(Math.min(120, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}\n`);
}

async function runBench(bench: string, full: boolean, targets: Set<string>, scripts: Set<string>): Promise<BenchOutcome> {
  const script = `bench:${bench}`;
  // The npm script when there is one: it may prepare what the target needs (the dashboard's browser).
  const command = (scripts.has(script) ? `npm run ${script}` : `npx nx run bench:${bench}`) + (full ? ' -- --full' : '');
  if (!targets.has(bench)) {
    banner(`${bench}: SKIPPED, no nx target bench:${bench} on this commit`);
    return { bench, command, result: 'not run', reason: `no nx target \`bench:${bench}\` on this commit` };
  }
  banner(`${bench}: ${command}`);
  const figuresFile = join(FIGURES_DIR, `${bench}.md`);
  // A figures file left by an earlier run must not pass for this one's.
  rmSync(figuresFile, { force: true });
  const started = performance.now();
  // The mode goes both ways: as the command's `--full` (what one types to rerun it) and as BENCH_FULL.
  // Without the runner's own TS_NODE_PROJECT: the apps' webpack builds a bench depends on would resolve it too, and fail.
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_FULL: full ? '1' : '0' };
  delete env['TS_NODE_PROJECT'];
  const exitCode = await run(command, env);
  const seconds = (performance.now() - started) / 1000;
  if (exitCode !== 0) {
    banner(`${bench}: FAILED (${exitCode === null ? 'killed by a signal' : `exit code ${exitCode}`}); going on with the others`);
    return { bench, command, result: 'failed', seconds, exitCode };
  }
  let figures: string | null = null;
  try {
    figures = readFileSync(figuresFile, 'utf8');
  } catch {
    console.log(`${bench} recorded no figures in ${figuresFile}`);
  }
  return { bench, command, result: 'passed', seconds, figures };
}

async function main(): Promise<void> {
  const full = fullMode();
  const startedAt = Date.now();
  const loadBefore = loadAverage();
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain') !== '';
  const targets = new Set(Object.keys(readJson<{ targets: Record<string, unknown> }>('tools/bench/project.json').targets));
  const scripts = new Set(Object.keys(readJson<{ scripts: Record<string, string> }>('package.json').scripts));
  const outcomes: BenchOutcome[] = [];
  for (const bench of BENCHES) outcomes.push(await runBench(bench, full, targets, scripts));
  const section = renderLatestFigures({
    startedAt,
    finishedAt: Date.now(),
    commit,
    dirty,
    command: process.argv.includes('--full') ? 'npm run bench -- --full' : `${full ? 'BENCH_FULL=1 ' : ''}npm run bench`,
    cores: cpus().length,
    loadBefore,
    loadAfter: loadAverage(),
    outcomes,
  });
  // Formatted as `npm run format` would, so that the written document passes `format:check` as it is.
  const doc = await format(withLatestFigures(readFileSync(DOC, 'utf8'), section), { ...(await resolveConfig(DOC)), filepath: DOC });
  writeFileSync(DOC, doc);
  banner(`${summary(outcomes).replace(/\*\*/g, '')}; figures written to docs/benchmarks.md`);
  if (outcomes.some(({ result }) => result === 'failed')) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
