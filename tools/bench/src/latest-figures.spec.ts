import { LATEST_FIGURES_END, LATEST_FIGURES_START, renderLatestFigures, summary, withLatestFigures, type BenchRun } from './latest-figures';

const run: BenchRun = {
  startedAt: Date.UTC(2026, 11, 2, 5, 30),
  finishedAt: Date.UTC(2026, 11, 2, 5, 52),
  commit: 'abc1234',
  dirty: false,
  command: 'npm run bench -- --full',
  cores: 2,
  loadBefore: '0.50 / 0.40 / 0.30',
  loadAfter: '2.10 / 1.90 / 1.20',
  outcomes: [
    {
      bench: 'pace',
      command: 'npm run bench:pace -- --full',
      result: 'passed',
      seconds: 1_230,
      figures: '| figure | measured | target |\n',
    },
    { bench: 'hash', command: 'npm run bench:hash -- --full', result: 'failed', seconds: 12, exitCode: 1 },
    { bench: 'throughput', command: 'npm run bench:throughput -- --full', result: 'not run', reason: 'no nx target `bench:throughput`' },
    { bench: 'dashboard', command: 'npm run bench:dashboard -- --full', result: 'passed', seconds: 75, figures: null },
  ],
};

describe('the latest figures section', () => {
  const section = renderLatestFigures(run);

  it('is enclosed in its markers', () => {
    expect(section.startsWith(LATEST_FIGURES_START)).toBe(true);
    expect(section.endsWith(LATEST_FIGURES_END)).toBe(true);
  });

  it('says when, on which commit, with which command and on what machine the figures were taken', () => {
    expect(section).toContain('2026-12-02 05:30 UTC to 2026-12-02 05:52 UTC');
    expect(section).toContain('`abc1234`');
    expect(section).not.toContain('dirty');
    expect(renderLatestFigures({ ...run, dirty: true })).toContain('`abc1234` (dirty');
    expect(section).toContain('`npm run bench -- --full`');
    expect(section).toContain('2 cores; load average (1 / 5 / 15 min) 0.50 / 0.40 / 0.30 before, 2.10 / 1.90 / 1.20 after');
  });

  it('gives each bench its command and its table, or says that it failed or was not run and why', () => {
    expect(section).toContain('### pace (`npm run bench:pace -- --full`)\n\nRan in 20.5 min.\n\n| figure | measured | target |');
    expect(section).toContain('### hash (`npm run bench:hash -- --full`)\n\n**Failed** after 12 s (exit code 1)');
    expect(section).toContain('### throughput (`npm run bench:throughput -- --full`)\n\nNot run: no nx target `bench:throughput`.');
    expect(section).toContain('Ran in 75 s.\n\nIt recorded no figures');
  });

  it('sums the outcomes up, naming the failed benches loudly', () => {
    expect(summary(run.outcomes)).toBe('2 of 4 benches passed; **failed: hash**; not run: throughput');
    expect(summary([run.outcomes[0]])).toBe('1 of 1 benches passed');
  });
});

describe('putting the section into docs/benchmarks.md', () => {
  const doc = '# Benchmarks\n\nHow they are measured.\n\n## Pace\n\nHand-written history.\n';

  it('goes before the first section the first time, after the title and the introduction', () => {
    expect(withLatestFigures(doc, 'NEW')).toBe('# Benchmarks\n\nHow they are measured.\n\nNEW\n\n## Pace\n\nHand-written history.\n');
  });

  it('replaces the previous section and nothing else on a rerun', () => {
    const once = withLatestFigures(doc, `${LATEST_FIGURES_START}\nold\n${LATEST_FIGURES_END}`);
    const twice = withLatestFigures(once, `${LATEST_FIGURES_START}\nnew\n${LATEST_FIGURES_END}`);
    expect(twice).toBe(withLatestFigures(doc, `${LATEST_FIGURES_START}\nnew\n${LATEST_FIGURES_END}`));
    expect(twice).not.toContain('old');
    expect(twice.endsWith('## Pace\n\nHand-written history.\n')).toBe(true);
  });

  it('goes at the end of a document without sections', () => {
    expect(withLatestFigures('# Benchmarks\n', 'NEW')).toBe('# Benchmarks\n\nNEW\n');
  });

  it('refuses a document with one marker only rather than guess what to replace', () => {
    expect(() => withLatestFigures(`${doc}${LATEST_FIGURES_START}\n`, 'NEW')).toThrow(/one latest-figures marker/);
  });
});
