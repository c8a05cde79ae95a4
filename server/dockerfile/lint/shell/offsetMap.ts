import { lastIndexAtMost } from '../sorted';

/**
 * Where each character of a script is in the Dockerfile. A RUN's script is the Dockerfile text with its line
 * continuations (and the comment lines inside them) taken out, so its characters come in a few runs of
 * consecutive offsets: the map keeps one entry per run, not one per character. Index `length`, the script's end,
 * has an offset of its own.
 */
export class OffsetMap {
  private constructor(
    /** The script index where each run starts, ascending from 0. */
    private readonly runStarts: readonly number[],
    /** The Dockerfile offset of each run's first character. */
    private readonly runOffsets: readonly number[],
    /** 1 where a run's characters follow each other in the Dockerfile, 0 where they share one offset (inserted text). */
    private readonly runSteps: readonly number[],
    /** The length of the script mapped. */
    readonly length: number,
    /** The offset of the script's end. */
    private readonly end: number,
  ) {}

  /** Script index `index` is Dockerfile offset `start + index`. */
  static shifted(length: number, start: number): OffsetMap {
    return new OffsetMap([0], [start], [1], length, start + length);
  }

  static build(fill: (builder: OffsetMapBuilder) => void, end: number): OffsetMap {
    const builder = new OffsetMapBuilder();
    fill(builder);
    return builder.build(end);
  }

  /** The Dockerfile offset of script index `index` (clamped to the script, its end included). */
  at(index: number): number {
    if (index >= this.length) {
      return this.end;
    }
    const run = this.runAt(Math.max(0, index));
    return this.runOffsets[run] + (index - this.runStarts[run]) * this.runSteps[run];
  }

  /** The map of `script.slice(from, to)`: its end is this map's offset at `to`. */
  slice(from: number, to = this.length): OffsetMap {
    const end = Math.min(to, this.length);
    return OffsetMap.build((builder) => builder.copy(this, from, end), this.at(end));
  }

  /** This map read through `outer`: for a script whose indexes are themselves indexes into `outer`'s script. */
  through(outer: OffsetMap): OffsetMap {
    return OffsetMap.build((builder) => {
      this.forEachRun(0, this.length, (offset, count, step) => {
        if (step === 1) {
          builder.copy(outer, offset, offset + count);
        } else {
          builder.repeated(outer.at(offset), count);
        }
      });
    }, outer.at(this.end));
  }

  /** Calls `visit` for the parts of runs that cover script indexes [from, to). */
  forEachRun(from: number, to: number, visit: (offset: number, count: number, step: number) => void): void {
    for (let run = from < this.length ? this.runAt(Math.max(0, from)) : this.runStarts.length; run < this.runStarts.length; run++) {
      const runStart = this.runStarts[run];
      if (runStart >= to) {
        return;
      }
      const runEnd = run + 1 < this.runStarts.length ? this.runStarts[run + 1] : this.length;
      const start = Math.max(runStart, from);
      const count = Math.min(runEnd, to) - start;
      if (count > 0) {
        visit(this.runOffsets[run] + (start - runStart) * this.runSteps[run], count, this.runSteps[run]);
      }
    }
  }

  /** The last run starting at or before `index`. */
  private runAt(index: number): number {
    return lastIndexAtMost(this.runStarts, index);
  }

  /** @internal For the builder. */
  static fromRuns(starts: number[], offsets: number[], steps: number[], length: number, end: number): OffsetMap {
    return starts.length === 0 ? new OffsetMap([0], [end], [0], 0, end) : new OffsetMap(starts, offsets, steps, length, end);
  }
}

/** Appends script characters with their Dockerfile offsets, in script order. */
export class OffsetMapBuilder {
  private readonly starts: number[] = [];
  private readonly offsets: number[] = [];
  private readonly steps: number[] = [];
  private length = 0;

  /** `count` characters at consecutive offsets from `offset`. */
  consecutive(offset: number, count: number): void {
    this.append(offset, count, 1);
  }

  /** `count` characters that all stand at `offset` (text the linter inserted there). */
  repeated(offset: number, count: number): void {
    this.append(offset, count, 0);
  }

  /** The characters [from, to) of another map's script. */
  copy(map: OffsetMap, from: number, to: number): void {
    map.forEachRun(from, to, (offset, count, step) => this.append(offset, count, step));
  }

  build(end: number): OffsetMap {
    return OffsetMap.fromRuns(this.starts, this.offsets, this.steps, this.length, end);
  }

  private append(offset: number, count: number, step: number): void {
    if (count <= 0) {
      return;
    }
    const last = this.starts.length - 1;
    const continues =
      last >= 0 &&
      this.steps[last] === step &&
      this.offsets[last] + (this.length - this.starts[last]) * step === offset;
    if (!continues) {
      this.starts.push(this.length);
      this.offsets.push(offset);
      this.steps.push(step);
    }
    this.length += count;
  }
}
