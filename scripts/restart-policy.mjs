// The restart policy of `npm start`'s supervisor (scripts/supervise.mjs), without its processes and timers, so that
// scripts/restart-policy.spec.mjs can walk it through minutes of crashes in no time: when an app that exited on its
// own is started again, when it is given up on, and the log line that says which.
import { constants } from 'node:os';

/**
 * @typedef {object} RestartPolicy
 * @property {number} maxDelayS    longest wait before a restart (RESTART_MAX_DELAY)
 * @property {number} resetAfterS  an app up this long waits 1 s again: its crash was not part of a loop (RESTART_RESET_AFTER)
 * @property {number} limit        exits within the window after which an app is given up on (RESTART_LIMIT)
 * @property {number} windowS      (RESTART_WINDOW)
 *
 * @typedef {object} RestartState  one app's, from initialRestartState()
 * @property {number} restarts     how many times it was started again
 * @property {number} delayS       the wait before its next restart
 * @property {number[]} exits      when it exited within the window (ms)
 * @property {boolean} gaveUp
 *
 * @typedef {{ restartInS: number } | { giveUp: true }} ExitDecision
 */

/** @returns {RestartState} */
export const initialRestartState = () => ({ restarts: 0, delayS: 1, exits: [], gaveUp: false });

/**
 * What to do about an app that exited at `now` after starting at `startedAt` (both ms): restart it after 1 s, then 2,
 * 4... up to maxDelayS, or give up on it once it has exited `limit` times within the window.
 * @param {RestartState} state
 * @param {{ startedAt: number, now: number }} exit
 * @param {RestartPolicy} policy
 * @returns {{ state: RestartState, decision: ExitDecision }}
 */
export function afterExit(state, { startedAt, now }, policy) {
  const delayS = now - startedAt >= policy.resetAfterS * 1000 ? 1 : state.delayS;
  const exits = [...state.exits.filter((at) => now - at < policy.windowS * 1000), now];
  if (exits.length >= policy.limit) return { state: { ...state, delayS, exits, gaveUp: true }, decision: { giveUp: true } };
  const restarts = state.restarts + 1;
  return {
    state: { restarts, delayS: Math.min(delayS * 2, policy.maxDelayS), exits, gaveUp: false },
    decision: { restartInS: delayS },
  };
}

/** True once every app has been given up on: nothing is left to supervise, and `npm start` exits 1. */
export const everyAppGivenUp = (states) => states.every((state) => state.gaveUp);

/** "status 137 (killed by SIGKILL)", as a shell would put it. */
export function describeExit(code, signal) {
  return signal ? `status ${128 + constants.signals[signal]} (killed by ${signal})` : `status ${code}`;
}

/**
 * The log line for an exit and its decision (the README quotes the restart one).
 * @param {string} name
 * @param {string} status from describeExit
 * @param {{ state: RestartState, decision: ExitDecision }} outcome from afterExit
 * @param {RestartPolicy} policy
 */
export function exitLine(name, status, { state, decision }, policy) {
  return 'giveUp' in decision
    ? `${name} exited with ${status}; giving up on it: it exited ${state.exits.length} times within ${policy.windowS} s; ` +
        'the other apps keep running'
    : `${name} exited with ${status}; restarting in ${decision.restartInS} s (restart ${state.restarts})`;
}
