/**
 * Preloaded into an app (`NODE_OPTIONS=--require .../cpu-profiler.cjs`) by the throughput bench's `--profile`: node
 * refuses `--cpu-prof` in NODE_OPTIONS, and a profile written at exit would never be, since the apps' shutdown hooks
 * end them by re-raising SIGTERM. Instead (SIGWINCH: ignored by default and not among the signals Nest's shutdown hooks
 * take) the first SIGWINCH starts sampling and the next writes
 * `CPU.<pid>.cpuprofile` into `BENCH_PROFILE_DIR`, so the profile covers exactly the bench's steady window.
 */
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
let sampling = false;
process.on('SIGWINCH', () => {
  if (!sampling) {
    // Without it the time spent waiting in the event loop is charged to whatever native frame was last on top.
    process._startProfilerIdleNotifier();
    session.post('Profiler.start');
    sampling = true;
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(process.env.BENCH_PROFILE_DIR, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
  sampling = false;
});
