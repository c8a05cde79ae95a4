/** How often a tree view fires its change event: just over VS Code's own debounce of them (200 ms in ExtHostTreeView). */
export const treeRefreshIntervalMs = 210;

/**
 * Runs an action at most once per interval: at once when the last run is older than the interval, else once at
 * the end of it (however many requests came in between). Pure timing logic, testable with fake timers.
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly action: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  request(): void {
    if (this.timer) {
      return;
    }
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.run();
    } else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.run();
      }, wait);
    }
  }

  private run(): void {
    this.last = this.now();
    this.action();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
