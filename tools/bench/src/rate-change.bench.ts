/**
 * Rate-change benchmark (`npm run bench:rate-change`, `-- --full` for 100 changes): how long a rate change takes to
 * apply, SPEC.md's "from the PATCH answer to the first record on the new schedule" (< 100 ms), with 2 workers. How
 * it is measured: rate-change-run.ts.
 */
import { TestSystem } from '@app/testing';
import { fullMode, recordFigures } from './figures';
import { loadAverage, machineNote } from './machine';
import { BURST_MS } from './rate-change';
import { FAST, LOOK_MS, measureRateChanges, SLOW } from './rate-change-run';

const CHANGES = fullMode() ? 100 : 20;

const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const system = new TestSystem({ workers: 2, basePort: 5800, label: 'bench' });
  console.log(`rate-change benchmark: ${CHANGES} raises ${SLOW} -> ${FAST.toLocaleString('en-US')}/min, each lowered again`);
  const loadBefore = loadAverage();
  await system.start();
  try {
    const delays = await measureRateChanges(system, CHANGES);
    recordFigures(
      'rate-change',
      [
        {
          figure: `a rate change applied (${SLOW} -> ${FAST.toLocaleString('en-US')}/min): from the PATCH answer to the first record on the new schedule, max of ${delays.changes}`,
          measured: ms(delays.fromAnswer.max),
          target: '< 100 ms',
        },
        {
          figure: 'the same: min (negative: published before the answer came back) / p50 / p95',
          measured: `${ms(delays.fromAnswer.min)} / ${ms(delays.fromAnswer.p50)} / ${ms(delays.fromAnswer.p95)}`,
        },
        {
          figure: 'from the PATCH sent to the first record on the new schedule: p50 / p95 / max',
          measured: `${ms(delays.fromSent.p50)} / ${ms(delays.fromSent.p95)} / ${ms(delays.fromSent.max)}`,
        },
        {
          figure: 'the PATCH answered in: min / median / max',
          measured: `${ms(delays.answerMs.min)} / ${ms(delays.answerMs.median)} / ${ms(delays.answerMs.max)}`,
        },
        { figure: `raises with no record on the new schedule within ${LOOK_MS} ms`, measured: String(delays.missing), target: '0' },
      ],
      `One run of generated \`square\` records, 2 workers, the scheduler's tick at its default (20 ms). Each raise was sent ` +
        `just after a record went out at ${SLOW}/min. A record's time is its \`publishedAt\`: the \`now\` the scheduler read at ` +
        `the start of the tick that published it (confirmed by RabbitMQ before recorded), on the bench's clock. The first ` +
        `record on the new schedule is the first, in the ${LOOK_MS} ms after the PATCH was sent, that another follows within ` +
        `${BURST_MS} ms (the slow schedule has one a second); its delay is its stamp minus the moment the answer was read, ` +
        `negative when the scheduler published before the answer came back. ${machineNote(loadBefore)}`,
    );
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
