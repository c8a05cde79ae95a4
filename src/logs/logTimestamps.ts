/**
 * Log lines asked of the engine with `timestamps=true` start with an RFC 3339 time with nanoseconds,
 * trailing zeros trimmed (`2024-05-01T10:00:00.12Z`). This module compares them exactly and tracks where a
 * follower stopped so a re-attach after a restart drops what was already shown. Pure.
 */

/** Nanoseconds since the epoch, exact (a bigint, as a double cannot hold them). */
export function timestampNanos(timestamp: string): bigint | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(timestamp);
  if (!match) {
    return undefined;
  }
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) {
    return undefined;
  }
  return BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/** Nanoseconds since the epoch as the engine's `since`/`until` take them: `seconds.nanoseconds`. */
export function unixTimestamp(nanos: bigint): string {
  return `${nanos / 1_000_000_000n}.${String(nanos % 1_000_000_000n).padStart(9, '0')}`;
}

/** The longest first word of a line taken for a timestamp. */
export const maxTimestampLength = 64;

/**
 * The position of the last line shown: its timestamp and how many lines carried exactly that timestamp
 * (several lines can share one). After a re-attach from `since`, lines up to that position are dropped.
 * Timestamps are taken as bytes so following a fast log allocates nothing per line.
 */
export class ResumePoint {
  private readonly lastBytes = Buffer.alloc(maxTimestampLength);
  /** 0: no line shown yet. */
  private lastLength = 0;
  private lastNanos: bigint | undefined;
  private countAtLast = 0;
  /** While replaying after a re-attach: lines at the last timestamp still to skip. */
  private skipAtLast = 0;
  private replaying = false;
  /** Set by `shownUntil` while no line with a timestamp was recorded since. */
  private boundaryNanos: bigint | undefined;

  /** Records a line that is shown; returns false when the line was already shown before a re-attach. */
  accept(timestamp: string): boolean {
    const bytes = Buffer.from(timestamp, 'latin1');
    return this.acceptBytes(bytes, 0, bytes.length);
  }

  /** `accept` for the timestamp in `bytes[start, end)` (at most `maxTimestampLength` bytes). */
  acceptBytes(bytes: Buffer, start: number, end: number): boolean {
    const length = Math.min(end - start, maxTimestampLength);
    if (this.replaying) {
      const nanos = timestampNanos(bytes.toString('latin1', start, start + length));
      if (nanos !== undefined && this.lastNanos !== undefined) {
        if (nanos < this.lastNanos) {
          return false;
        }
        if (nanos === this.lastNanos && this.skipAtLast > 0) {
          this.skipAtLast--;
          return false;
        }
      }
      this.replaying = false;
    }
    if (length > 0 && length === this.lastLength && this.sameAsLast(bytes, start)) {
      this.countAtLast++;
    } else {
      bytes.copy(this.lastBytes, 0, start, start + length);
      this.lastLength = length;
      this.boundaryNanos = undefined;
      this.lastNanos = undefined;
      this.countAtLast = 1;
    }
    return true;
  }

  /**
   * Records that every line up to `nanos` (inclusive) was shown, for a read that carried no timestamps (of a
   * stopped container, up to an `until` of the engine's clock). Lines with timestamps shown later move it on.
   */
  shownUntil(nanos: bigint): void {
    this.lastLength = 0;
    this.boundaryNanos = nanos;
  }

  /**
   * Call before re-attaching; returns the `since` value to ask the engine for (whole seconds, so lines of
   * the same second are replayed and then dropped here), or undefined when nothing was shown yet.
   */
  beginReplay(): number | undefined {
    const last = this.last;
    if (last === undefined) {
      if (this.boundaryNanos === undefined) {
        return undefined;
      }
      // Everything up to the boundary was shown, however many lines share its time.
      this.lastNanos = this.boundaryNanos;
      this.skipAtLast = Number.POSITIVE_INFINITY;
    } else {
      this.lastNanos = timestampNanos(last);
      if (this.lastNanos === undefined) {
        return undefined;
      }
      this.skipAtLast = this.countAtLast;
    }
    this.replaying = true;
    return Number(this.lastNanos / 1_000_000_000n);
  }

  get last(): string | undefined {
    return this.lastLength === 0 ? undefined : this.lastBytes.toString('latin1', 0, this.lastLength);
  }

  private sameAsLast(bytes: Buffer, start: number): boolean {
    // Timestamps of successive lines differ in their last digits: compare from the end.
    const last = this.lastBytes;
    for (let i = this.lastLength - 1; i >= 0; i--) {
      if (bytes[start + i] !== last[i]) {
        return false;
      }
    }
    return true;
  }
}
