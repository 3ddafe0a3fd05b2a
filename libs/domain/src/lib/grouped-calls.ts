/**
 * Serves those who wait for a call in groups, one call a group, at most one call every `minIntervalMs`: the first to
 * ask when no call is in flight is served at once; those who ask while one is, or before `minIntervalMs` has passed
 * since it began, wait for the next, which serves all of them together. So however many ask at once, the calls stay
 * few: a snapshot read for clients connecting by the thousand (each read beginning after every member of its group
 * asked), or one bulk write for runs created together (a group commit, with no wait when nothing is in flight).
 */
export class GroupedCalls<M> {
  private waiting: M[] = [];
  private serving = false;
  private lastStart = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `serve` reads once for the whole group and answers each member; it handles its own errors. */
  constructor(
    private readonly serve: (members: M[]) => Promise<void>,
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(member: M): void {
    this.waiting.push(member);
    this.next();
  }

  /** Stops serving: whoever still waits is not answered. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = [];
  }

  private next(): void {
    if (this.serving || this.timer || this.waiting.length === 0) return;
    const wait = this.lastStart + this.minIntervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.next();
      }, wait);
      return;
    }
    const members = this.waiting;
    this.waiting = [];
    this.serving = true;
    this.lastStart = this.now();
    void this.serve(members).finally(() => {
      this.serving = false;
      this.next();
    });
  }
}
