/**
 * One timer set for a moment (epoch ms) rather than after a delay: setting it again replaces it, and a moment
 * already come runs the action at once. Pure timing logic, testable with fake timers.
 */
export class DueTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the action is due; +Infinity when the timer is not set. */
  dueAt = Number.POSITIVE_INFINITY;

  constructor(private readonly action: () => void) {}

  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Runs the action at `due` (at once when `due` is not after `now`), replacing any moment set before. */
  set(due: number, now: number): void {
    this.cancel();
    if (due <= now) {
      this.action();
      return;
    }
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Number.POSITIVE_INFINITY;
      this.action();
    }, due - now);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
  }
}
