/**
 * Collects the keys that changed since the last drain, each once, so that a burst of thousands of
 * change notifications for one run becomes a single update per flush interval.
 */
export class ChangeCoalescer<K> {
  private pending = new Set<K>();

  mark(key: K): void {
    this.pending.add(key);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Returns the changed keys in first-marked order and starts a new interval. */
  drain(): K[] {
    const keys = [...this.pending];
    this.pending = new Set<K>();
    return keys;
  }
}
