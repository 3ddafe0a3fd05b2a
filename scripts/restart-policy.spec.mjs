// node --test (`npx nx test scripts`, part of npm test's unit tier): Jest would load this ESM module only behind
// Node's --experimental-vm-modules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterExit, describeExit, everyAppGivenUp, exitLine, initialRestartState } from './restart-policy.mjs';

/** The defaults of scripts/start.sh: 30 s at most, reset after 30 s up, given up after 5 exits within 60 s. */
const POLICY = { maxDelayS: 30, resetAfterS: 30, limit: 5, windowS: 60 };

/**
 * An app that exits `upS[i]` seconds after each start and is started again as each decision says; returns each
 * decision with its log line (status 1).
 */
function crash(upS, policy = POLICY) {
  let state = initialRestartState();
  let now = 0;
  return upS.map((up) => {
    const startedAt = now;
    now += up * 1000;
    const outcome = afterExit(state, { startedAt, now }, policy);
    state = outcome.state;
    if ('restartInS' in outcome.decision) now += outcome.decision.restartInS * 1000;
    return { ...outcome, line: exitLine('worker-1', 'status 1', outcome, policy) };
  });
}

describe('the restart policy', () => {
  it('restarts after 1 s, then 2, 4 and 8, numbering each restart', () => {
    const lines = crash([20, 20, 20, 20]).map((outcome) => outcome.line);
    assert.deepEqual(lines, [
      'worker-1 exited with status 1; restarting in 1 s (restart 1)',
      'worker-1 exited with status 1; restarting in 2 s (restart 2)',
      'worker-1 exited with status 1; restarting in 4 s (restart 3)',
      'worker-1 exited with status 1; restarting in 8 s (restart 4)',
    ]);
  });

  it('waits at most RESTART_MAX_DELAY', () => {
    const policy = { ...POLICY, maxDelayS: 5, limit: 100 };
    const delays = crash([1, 1, 1, 1, 1, 1], policy).map((outcome) => outcome.decision.restartInS);
    assert.deepEqual(delays, [1, 2, 4, 5, 5, 5]);
  });

  it('waits 1 s again once the app stayed up RESTART_RESET_AFTER, still counting its restarts', () => {
    const outcomes = crash([1, 1, 1, 30, 1], { ...POLICY, limit: 100 });
    assert.deepEqual(
      outcomes.map((outcome) => outcome.decision.restartInS),
      [1, 2, 4, 1, 2],
    );
    assert.equal(outcomes[4].state.restarts, 5);
  });

  it('still gives up on an app whose 5 exits within 60 s include one after a long uptime', () => {
    assert.equal('giveUp' in crash([1, 1, 1, 30, 1])[4].decision, true);
  });

  it('does not reset the delay for an app up just under RESTART_RESET_AFTER', () => {
    assert.deepEqual(
      crash([1, 1, 29.999], { ...POLICY, limit: 100 }).map((outcome) => outcome.decision.restartInS),
      [1, 2, 4],
    );
  });

  it('gives up on the 5th exit within 60 s, saying which app, its last status and how often', () => {
    const outcomes = crash([0, 0, 0, 0, 0]);
    assert.deepEqual(
      outcomes.map((outcome) => 'giveUp' in outcome.decision),
      [false, false, false, false, true],
    );
    assert.equal(
      outcomes[4].line,
      'worker-1 exited with status 1; giving up on it: it exited 5 times within 60 s; the other apps keep running',
    );
    assert.equal(outcomes[4].state.gaveUp, true);
  });

  it('forgets exits older than RESTART_WINDOW: a crash every 20 s goes on being restarted', () => {
    const policy = { ...POLICY, resetAfterS: 15 };
    const outcomes = crash(Array(10).fill(19), policy);
    assert.ok(outcomes.every((outcome) => outcome.decision.restartInS === 1));
    assert.ok(outcomes.every((outcome) => outcome.state.exits.length <= 3));
  });

  it('gives up after RESTART_LIMIT exits within RESTART_WINDOW', () => {
    const outcomes = crash([0, 0], { ...POLICY, limit: 2, windowS: 10 });
    assert.equal(
      outcomes[1].line,
      'worker-1 exited with status 1; giving up on it: it exited 2 times within 10 s; the other apps keep running',
    );
  });
});

describe('every app given up on', () => {
  it('is true only when no app is left running or to restart', () => {
    const gaveUp = { ...initialRestartState(), gaveUp: true };
    assert.equal(everyAppGivenUp([gaveUp, initialRestartState()]), false);
    assert.equal(everyAppGivenUp([gaveUp, gaveUp]), true);
  });
});

describe('describeExit', () => {
  it('gives a status, or a signal as a shell would', () => {
    assert.equal(describeExit(3, null), 'status 3');
    assert.equal(describeExit(null, 'SIGKILL'), 'status 137 (killed by SIGKILL)');
    assert.equal(describeExit(null, 'SIGTERM'), 'status 143 (killed by SIGTERM)');
  });
});
