import { bytesSize } from './cliFormat';
import type { ContainerReading } from './aggregate';
import type { StatsReadings, WatchedContainer } from './statsReadings';

/** "CPU 0.15% · 1.2MiB": what a container's row shows. */
export function rowStatsText(reading: ContainerReading): string {
  return `CPU ${reading.figures.cpuPercent.toFixed(1)}% · ${bytesSize(reading.figures.memoryUsed)}`;
}

/**
 * CPU and memory for the rows of running containers: streams are open only while enabled and the view is
 * visible; every `intervalMs` (2 s) the texts are recomputed and the ids whose text changed are reported in one
 * call, so the tree re-renders those rows at most that often. Pure timing and bookkeeping (no VS Code).
 */
export class RowStats {
  private readings: StatsReadings | undefined;
  private shown = new Map<string, string>();
  private containers: readonly WatchedContainer[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private enabled = false;
  private visible = false;

  constructor(
    private readonly createReadings: () => StatsReadings | undefined,
    private readonly onChange: (ids: string[]) => void,
    private readonly intervalMs = 2000,
  ) {}

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.follow();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.follow();
  }

  setContainers(containers: readonly WatchedContainer[]): void {
    this.containers = containers;
    this.readings?.watch(containers);
  }

  /** The text of a row, undefined when off or not measured yet. */
  text(id: string): string | undefined {
    return this.shown.get(id);
  }

  /** The engine connection changed: streams reopen on the new one. */
  restart(): void {
    this.stop(false);
    this.follow();
  }

  private follow(): void {
    const on = this.enabled && this.visible;
    if (on && !this.timer) {
      this.readings = this.createReadings();
      this.readings?.watch(this.containers);
      this.timer = setInterval(() => this.tick(), this.intervalMs);
    } else if (!on && this.timer) {
      this.stop(!this.enabled);
    }
  }

  private stop(forget: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.readings?.dispose();
    this.readings = undefined;
    if (forget && this.shown.size > 0) {
      const ids = [...this.shown.keys()];
      this.shown.clear();
      this.onChange(ids);
    }
  }

  private tick(): void {
    const next = new Map<string, string>();
    for (const reading of this.readings?.readings() ?? []) {
      next.set(reading.id, rowStatsText(reading));
    }
    const changed = [...new Set([...next.keys(), ...this.shown.keys()])].filter((id) => next.get(id) !== this.shown.get(id));
    this.shown = next;
    if (changed.length > 0) this.onChange(changed);
  }

  dispose(): void {
    this.stop(false);
  }
}
