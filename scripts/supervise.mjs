// The process manager of `npm start` (scripts/start.sh runs it once the apps are built): starts the
// api, the scheduler and $WORKERS workers from dist/, prefixes each line of their output with the
// process's name, and restarts one that exits on its own, with a backoff, until it crashes too often.
// It is Node rather than bash because it waits on several children with timers for their restarts:
// bash has no wait with a timeout, and reports every child killed by a signal on its own stderr.
//
// Environment (documented with the rest in scripts/start.sh): PORT, SCHEDULER_PORT, WORKER_BASE_PORT,
// WORKERS, HEALTH_TIMEOUT, STOP_TIMEOUT, RESTART_MAX_DELAY, RESTART_RESET_AFTER, RESTART_LIMIT,
// RESTART_WINDOW. Exits 0 after SIGINT/SIGTERM (every app stopped), 1 when the api never became
// healthy or every app was given up on, 2 on a bad variable.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterExit, describeExit, everyAppGivenUp, exitLine, initialRestartState } from './restart-policy.mjs';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));

const log = (message) => process.stdout.write(`[start] ${message}\n`);

/** A whole number from the environment, within bounds, or the fallback; exits naming the variable. */
function envInt(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    log(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
    process.exit(2);
  }
  return value;
}

const API_PORT = envInt('PORT', 3000, 1, 65535);
const SCHEDULER_PORT = envInt('SCHEDULER_PORT', 3010, 1, 65535);
const WORKER_BASE_PORT = envInt('WORKER_BASE_PORT', 3020, 1, 65535);
const WORKERS = envInt('WORKERS', 2, 1, 64);
const HEALTH_TIMEOUT_S = envInt('HEALTH_TIMEOUT', 60, 1, 3600);
const STOP_TIMEOUT_S = envInt('STOP_TIMEOUT', 15, 1, 3600);
// When an app that exited is started again, and when it is given up on (scripts/restart-policy.mjs).
const RESTART_POLICY = {
  maxDelayS: envInt('RESTART_MAX_DELAY', 30, 1, 3600),
  resetAfterS: envInt('RESTART_RESET_AFTER', 30, 1, 86400),
  limit: envInt('RESTART_LIMIT', 5, 1, 1000),
  windowS: envInt('RESTART_WINDOW', 60, 1, 86400),
};

/** The apps, with the environment this script sets for each (the caller's reaches them all). */
const apps = [
  { name: 'api', script: 'api', port: API_PORT, env: { DASHBOARD_DIR: join(REPO, 'dist/apps/dashboard/browser') } },
  { name: 'scheduler', script: 'scheduler', port: SCHEDULER_PORT, env: {} },
  ...Array.from({ length: WORKERS }, (_, i) => ({
    name: `worker-${i + 1}`,
    script: 'worker',
    port: WORKER_BASE_PORT + i,
    env: { WORKER_ID: `worker-${i + 1}` },
  })),
].map((app) => ({ ...app, child: undefined, startedAt: 0, timer: undefined, restart: initialRestartState() }));

for (const app of apps) {
  const main = join(REPO, 'dist/apps', app.script, 'main.js');
  if (!existsSync(main)) {
    log(`${main} is missing: build the apps first (npm run build)`);
    process.exit(2);
  }
}

let stopping = false;

function launch(app) {
  // detached: each app leads its own process group, so the terminal's Ctrl-C reaches only this
  // supervisor, which then stops the apps in order, and one signal reaches all of an app's processes.
  const child = spawn(process.execPath, [join(REPO, 'dist/apps', app.script, 'main.js')], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The apps' logger leaves out its own name: the prefix below names the process (worker-2, not worker).
    env: { ...process.env, ...app.env, PORT: String(app.port), LOG_PREFIX: 'none' },
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => process.stdout.write(`[${app.name}] ${line}\n`));
  }
  app.child = child;
  app.startedAt = Date.now();
  const { restarts } = app.restart;
  const restart = restarts > 0 ? `; restart ${restarts}` : '';
  log(`${app.name} ${restarts > 0 ? 'restarted' : 'started'} (pid ${child.pid}, port ${app.port}${restart})`);
  child.on('error', (error) => log(`${app.name} could not be started: ${error.message}`));
  child.on('exit', (code, signal) => onExit(app, code, signal));
}

function onExit(app, code, signal) {
  app.child = undefined;
  if (stopping) return;
  const outcome = afterExit(app.restart, { startedAt: app.startedAt, now: Date.now() }, RESTART_POLICY);
  app.restart = outcome.state;
  log(exitLine(app.name, describeExit(code, signal), outcome, RESTART_POLICY));
  if ('giveUp' in outcome.decision) {
    if (everyAppGivenUp(apps.map((other) => other.restart))) {
      log('every app has been given up on: stopping');
      process.exit(1);
    }
    return;
  }
  app.timer = setTimeout(() => {
    app.timer = undefined;
    launch(app);
  }, outcome.decision.restartInS * 1000);
}

/** Sends a signal to an app's process group; false when no process of it is left. */
function signalGroup(app, signal) {
  if (!app.child) return false;
  try {
    process.kill(-app.child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to every app, SIGKILL to those still running after STOP_TIMEOUT, then exit with `status`. */
function stop(reason, status) {
  if (stopping) return; // npm forwards the terminal's Ctrl-C as a second signal
  stopping = true;
  log(`${reason}: stopping the apps`);
  for (const app of apps) {
    clearTimeout(app.timer);
    signalGroup(app, 'SIGTERM');
  }
  const deadline = Date.now() + STOP_TIMEOUT_S * 1000;
  const poll = setInterval(() => {
    const running = apps.filter((app) => app.child);
    if (running.length > 0 && Date.now() < deadline) return;
    for (const app of running) {
      log(`${app.name} still running after ${STOP_TIMEOUT_S} s: SIGKILL`);
      signalGroup(app, 'SIGKILL');
    }
    clearInterval(poll);
    log('apps stopped');
    process.exitCode = status;
  }, 200);
}

// Stopping by signal is the normal way out, hence status 0.
process.on('SIGINT', () => stop('SIGINT', 0));
process.on('SIGTERM', () => stop('SIGTERM', 0));

async function waitUntilApiHealthy() {
  const url = `http://127.0.0.1:${API_PORT}/api/health`;
  const deadline = Date.now() + HEALTH_TIMEOUT_S * 1000;
  while (!stopping) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return true;
    } catch {
      // not listening yet
    }
    if (apps[0].restart.gaveUp) return false;
    if (Date.now() >= deadline) {
      log(`no healthy answer from ${url} after ${HEALTH_TIMEOUT_S} s`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

for (const app of apps) launch(app);
if (await waitUntilApiHealthy()) {
  // The link signs the browser in: the token is in the fragment, which the browser never sends to a server.
  process.stdout.write(`
Dashboard (this link signs you in): http://127.0.0.1:${API_PORT}/#token=${process.env.API_TOKEN ?? ''}
Start a run:
  export API_TOKEN=$(sed -n 's/^API_TOKEN=//p' .env)
  curl -X POST http://127.0.0.1:${API_PORT}/api/runs -H "authorization: Bearer $API_TOKEN" -H 'content-type: application/json' -d '{"total":1000,"ratePerMinute":600}'
Stop: Ctrl-C

`);
} else if (!stopping) {
  stop('the api did not start', 1);
}
