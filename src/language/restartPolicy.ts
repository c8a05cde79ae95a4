/**
 * How many times a crashed language server is restarted: at most `maxRestarts` within `windowMs`; after that
 * it stays down until the user restarts it. Pure, so it is testable without VS Code.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server should be restarted. */
  shouldRestart(): boolean {
    const time = this.now();
    this.crashes = this.crashes.filter((crash) => time - crash < this.windowMs);
    this.crashes.push(time);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted in the current window. */
  get recentCrashes(): number {
    const time = this.now();
    return this.crashes.filter((crash) => time - crash < this.windowMs).length;
  }

  /** A restart asked by the user starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
