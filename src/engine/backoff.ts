/** Exponential backoff with a cap: 1×, 2×, 4×… the initial delay, never more than the maximum. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    if (delay < this.maxMs) {
      this.attempt++;
    }
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
