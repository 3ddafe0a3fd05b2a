import type { StatusProbe } from '@app/contracts';

/**
 * Runs `task` and answers by `deadlineMs` at the latest: with its value or error if it settles in time, else
 * `timeout` (and the task's signal is aborted, so a client that honours it stops waiting too). Never rejects,
 * so several probes can be awaited together and a slow one never holds up the rest.
 */
export async function probeWithin<T>(
  deadlineMs: number,
  task: (signal: AbortSignal) => Promise<T>,
  now = Date.now,
): Promise<StatusProbe<T>> {
  const started = now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  try {
    const outcome = await Promise.race([task(controller.signal).then((value) => ({ value })), timedOut]);
    if (outcome === 'timeout') {
      controller.abort();
      return { state: 'timeout', latencyMs: now() - started };
    }
    return { state: 'ok', latencyMs: now() - started, value: outcome.value };
  } catch (error) {
    return { state: 'error', latencyMs: now() - started, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
