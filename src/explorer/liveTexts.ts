import type { ClockText } from './present/time';

interface Entry {
  clock: ClockText;
  text: string;
  /** When `text` is next out of date (epoch ms); undefined when never. */
  dueAt: number | undefined;
}

/**
 * Keeps clock-dependent texts ("Up 5 seconds", "3 minutes ago") true while they are shown: one timer, set for the
 * moment the first tracked text changes, reports the keys whose text changed, then waits for the next. Nothing
 * runs while hidden; on showing again every text is checked at once. No engine I/O: texts are re-rendered, not
 * re-read. Pure timing logic, testable with fake timers.
 */
export class LiveTexts<K> {
  private entries = new Map<K, Entry>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt: number | undefined;
  private visible = false;
  private disposed = false;

  constructor(
    private readonly onChange: (keys: K[]) => void,
    private readonly now: () => number = () => Date.now(),
    /** Longest single wait, so a suspended machine or a clock change is caught up within it. */
    private readonly maxWaitMs = 60 * 60_000,
  ) {}

  /** Tracks `key`'s text (replacing what was tracked under it) and returns the text for now. */
  track(key: K, clock: ClockText): string {
    const now = this.now();
    const text = clock.at(now);
    const dueAt = clock.nextChange(now);
    this.entries.set(key, { clock, text, dueAt });
    if (dueAt !== undefined && (this.timerAt === undefined || dueAt < this.timerAt)) {
      this.schedule(dueAt);
    }
    return text;
  }

  /** Forgets every key (the tree was rebuilt; what is shown is tracked again as it is rendered). */
  clear(): void {
    this.entries.clear();
    this.cancel();
  }

  get size(): number {
    return this.entries.size;
  }

  /** When the next text changes (epoch ms), undefined when no tracked text will. */
  get nextChangeAt(): number | undefined {
    let first: number | undefined;
    for (const entry of this.entries.values()) {
      if (entry.dueAt !== undefined && (first === undefined || entry.dueAt < first)) {
        first = entry.dueAt;
      }
    }
    return first;
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) {
      return;
    }
    this.visible = visible;
    if (visible) {
      this.tick();
    } else {
      this.cancel();
    }
  }

  private tick(): void {
    this.cancel();
    if (!this.visible || this.disposed) {
      return;
    }
    const now = this.now();
    const changed: K[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.dueAt !== undefined && entry.dueAt <= now) {
        const text = entry.clock.at(now);
        entry.dueAt = entry.clock.nextChange(now);
        if (text !== entry.text) {
          entry.text = text;
          changed.push(key);
        }
      }
    }
    if (changed.length > 0) {
      this.onChange(changed);
    }
    this.schedule();
  }

  /** Sets the timer for `next` (by default the first change of all tracked texts). */
  private schedule(next = this.nextChangeAt): void {
    this.cancel();
    if (!this.visible || this.disposed || next === undefined) {
      return;
    }
    const wait = Math.min(Math.max(0, next - this.now()), this.maxWaitMs);
    this.timerAt = next;
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.entries.clear();
  }
}
