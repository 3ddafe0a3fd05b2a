/** How long to wait before connection attempts that follow failed ones. */
export interface ReconnectBackoff {
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ConnectAttempt {
  /** The node of the list to try. */
  index: number;
  delayMs: number;
}

/**
 * Where the next connection attempt goes, and after how long: always the node after the last one tried, so that a
 * node that went away (or refuses) is left for the next one at once; a connection lost is followed by an attempt
 * without delay, and each failed attempt by one after a delay that doubles with each whole round of the list that
 * failed (`initialDelayMs` through the first round, twice that through the second...), up to `maxDelayMs`. With one
 * node, that is plain exponential backoff.
 *
 * `previousIndex` is the node last tried (-1 before the first attempt, which goes to the first node);
 * `failedInRow` the attempts that failed since the last connection (0 after a connection was lost).
 */
export function nextConnectAttempt(
  nodeCount: number,
  previousIndex: number,
  failedInRow: number,
  backoff: ReconnectBackoff,
): ConnectAttempt {
  const index = (previousIndex + 1) % nodeCount;
  if (failedInRow === 0) return { index, delayMs: 0 };
  const round = Math.floor((failedInRow - 1) / nodeCount);
  return { index, delayMs: Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** round) };
}
