import type { StatsPoint } from './protocol';

/**
 * The points of the last `windowSeconds`: older points are dropped as new ones arrive, so the history never
 * holds more than the window (at one point a second, `windowSeconds` points). Pure.
 */
export class StatsHistory {
  private points: StatsPoint[] = [];

  constructor(private windowSeconds: number) {}

  push(point: StatsPoint): void {
    this.points.push(point);
    const oldest = point.t - this.windowSeconds;
    let drop = 0;
    while (drop < this.points.length && this.points[drop].t < oldest) {
      drop++;
    }
    if (drop > 0) {
      this.points.splice(0, drop);
    }
  }

  setWindow(windowSeconds: number): void {
    this.windowSeconds = windowSeconds;
  }

  get window(): number {
    return this.windowSeconds;
  }

  get length(): number {
    return this.points.length;
  }

  all(): StatsPoint[] {
    return [...this.points];
  }
}
