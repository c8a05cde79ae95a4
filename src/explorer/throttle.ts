import { DueTimer } from './dueTimer';

/** How often a tree view fires its change event: just over VS Code's own debounce of them (200 ms in ExtHostTreeView). */
export const treeRefreshIntervalMs = 210;

/**
 * Runs an action at most once per interval: at once when the last run is older than the interval, else once at
 * the end of it (however many requests came in between). A request may ask to be held back a while (`holdMs`);
 * it never delays a run that another request has already due sooner. Pure timing logic, testable with fake timers.
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private readonly timer = new DueTimer(() => this.run());

  constructor(
    private readonly intervalMs: number,
    private readonly action: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  request(holdMs = 0): void {
    const now = this.now();
    const due = Math.max(this.last + this.intervalMs, now + holdMs);
    if (this.timer.pending && due >= this.timer.dueAt) {
      return;
    }
    this.timer.set(due, now);
  }

  private run(): void {
    this.last = this.now();
    this.action();
  }

  dispose(): void {
    this.timer.cancel();
  }
}
