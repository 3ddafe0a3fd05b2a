export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before a probe is allowed; doubles after each failed probe... */
  openMs: number;
  /** ...up to this. */
  maxOpenMs: number;
}

/**
 * Closed: calls go through and failures are counted. Open: calls are refused until `openMs` has passed.
 * Half-open: one probe may go; its success closes the circuit, its failure opens it again for twice as long.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedFor = 0;
  private openUntil = 0;

  constructor(private readonly options: CircuitBreakerOptions) {}

  state(now: number): BreakerState {
    if (this.openedFor === 0) return 'closed';
    return now < this.openUntil ? 'open' : 'half-open';
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedFor = 0;
    this.openUntil = 0;
  }

  /** Returns the state the failure leaves the circuit in. */
  recordFailure(now: number): BreakerState {
    this.failures++;
    if (this.openedFor > 0) {
      this.openedFor = Math.min(this.openedFor * 2, this.options.maxOpenMs);
    } else if (this.failures >= this.options.failureThreshold) {
      this.openedFor = this.options.openMs;
    } else {
      return 'closed';
    }
    this.openUntil = now + this.openedFor;
    return 'open';
  }
}
