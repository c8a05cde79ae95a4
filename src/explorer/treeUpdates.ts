import { DueTimer } from './dueTimer';
import { treeRefreshIntervalMs } from './throttle';

/**
 * When a tree view tells VS Code of its changes. VS Code debounces a tree's change events (200 ms, leading edge,
 * the wait restarting at every event), so any event fired within 200 ms before another delays that other one by up
 * to 200 ms. Two kinds of change go through here so that neither delays the other:
 * - the tree changed (`refresh`): fired at most once per interval, at once when the last fire is older; a change
 *   that only shows containers as stopped or being removed may ask to be held a while, waiting for their destroy;
 * - rows re-rendered with the same data (`rows`: "Up 5 seconds" becoming "Up 6 seconds", a stats figure): these
 *   never go out on their own while a tree change is due (its refresh re-renders them), nor while a change is
 *   expected (`expectChange`, e.g. after a container's `kill`, before its `die` and `destroy`), nor within the
 *   interval after the last fire.
 * Pure timing logic, testable with fake timers.
 */
export class TreeUpdates<N> {
  private last = Number.NEGATIVE_INFINITY;
  private readonly timer = new DueTimer(() => this.run());
  /** A tree change is waiting for the timer. */
  private refreshDue = false;
  /** When the pending hold began; undefined when the timer is not a hold. */
  private heldSince: number | undefined;
  private readonly rowsDue = new Set<N>();
  private quietUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly fireTree: () => void,
    private readonly fireRows: (rows: N[]) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly intervalMs = treeRefreshIntervalMs,
  ) {}

  /**
   * The tree changed; shown after `holdMs` if asked. A hold never delays a change already due sooner; a longer
   * hold asked while one is pending (a stopped container read again, now being removed) extends it, up to its own
   * length after the pending one began.
   */
  refresh(holdMs = 0): void {
    const now = this.now();
    const pending = this.timer.pending && this.refreshDue;
    this.refreshDue = true;
    if (pending && holdMs > 0 && this.heldSince !== undefined) {
      const extended = Math.min(now + holdMs, this.heldSince + holdMs);
      if (extended > this.timer.dueAt) {
        this.timer.set(extended, now);
      }
      return;
    }
    const due = Math.max(this.last + this.intervalMs, now + holdMs);
    if (pending && due >= this.timer.dueAt) {
      return;
    }
    this.heldSince = holdMs > 0 ? now : undefined;
    this.timer.set(due, now);
  }

  /** These rows show clock- or figure-dependent text that changed: re-rendered when no tree change is near. */
  rows(rows: readonly N[]): void {
    if (rows.length === 0) {
      return;
    }
    for (const row of rows) {
      this.rowsDue.add(row);
    }
    if (this.refreshDue) {
      return;
    }
    const now = this.now();
    const due = Math.max(this.last + this.intervalMs, this.quietUntil, now);
    if (this.timer.pending && this.timer.dueAt <= due) {
      return;
    }
    this.timer.set(due, now);
  }

  /** A tree change is likely within `withinMs`: rows wait for it (or for the end of that time) instead of going alone. */
  expectChange(withinMs: number): void {
    const now = this.now();
    this.quietUntil = Math.max(this.quietUntil, now + withinMs);
    if (!this.refreshDue && this.timer.pending && this.timer.dueAt < this.quietUntil) {
      this.timer.set(this.quietUntil, now);
    }
  }

  private run(): void {
    const tree = this.refreshDue;
    const rows = [...this.rowsDue];
    this.refreshDue = false;
    this.heldSince = undefined;
    this.rowsDue.clear();
    this.last = this.now();
    if (tree) {
      this.fireTree();
    } else if (rows.length > 0) {
      this.fireRows(rows);
    }
  }

  dispose(): void {
    this.timer.cancel();
    this.rowsDue.clear();
  }
}
