/**
 * A notification's progress bar fed with the share of the work done: VS Code takes increments and its bar
 * cannot go back, so a share that shrinks (more work found) holds the bar until the work catches up. Pure.
 */
export class ProgressBar {
  /** Percentage points shown so far. */
  private shown = 0;

  /** The increment (percentage points, 0 or more) that brings the bar to `fraction` of the way (0 to 1). */
  advanceTo(fraction: number): number {
    const target = Math.min(100, Math.max(0, fraction * 100));
    const increment = Math.max(0, target - this.shown);
    this.shown += increment;
    return increment;
  }
}
