export interface BatcherOptions<T> {
  maxSize: number;
  /** How long the first item of a batch may wait for more before the batch is handled anyway. */
  maxWaitMs: number;
  /** Settles every item of the batch itself; a rejection is dropped so that later batches still go. */
  handle: (batch: T[]) => Promise<void>;
}

/**
 * Groups items into batches of at most `maxSize`, handled one batch at a time: a batch goes when it
 * is full or its first item has waited `maxWaitMs`, whichever comes first. Items arriving while a
 * batch is being handled wait for the next one, so the handler never runs concurrently with itself.
 */
export class Batcher<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: BatcherOptions<T>) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.inFlight) return;
    if (this.pending.length >= this.options.maxSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  /** Resolves once every item added so far has been handled. */
  async drain(): Promise<void> {
    while (this.inFlight || this.pending.length > 0) {
      if (!this.inFlight) this.flush();
      await this.inFlight;
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.options.maxSize);
    this.inFlight = this.options
      .handle(batch)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = null;
        if (this.pending.length >= this.options.maxSize) this.flush();
        else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
      });
  }
}
