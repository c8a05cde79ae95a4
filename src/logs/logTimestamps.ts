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

/** After a re-attach, replayed lines are looked for this long past the resume point (stdout and stderr lines can reach the log a little out of time order). */
const replayWindowNanos = 1_000_000_000n;

/**
 * Compares two UTC timestamps (`…T10:00:00.12Z`, the fraction's trailing zeros trimmed or not) held as bytes,
 * without allocating; undefined when either is in another form.
 */
function compareUtcTimestamps(a: Buffer, aStart: number, aLength: number, b: Buffer, bStart: number, bLength: number): number | undefined {
  const secondsLength = 19; // 2024-05-01T10:00:00
  if (aLength <= secondsLength || bLength <= secondsLength || a[aStart + aLength - 1] !== 0x5a || b[bStart + bLength - 1] !== 0x5a) {
    return undefined;
  }
  for (let i = 0; i < secondsLength; i++) {
    const difference = a[aStart + i] - b[bStart + i];
    if (difference !== 0) {
      return difference;
    }
  }
  // The fraction: digits after the '.', missing ones counting as zeros.
  const aDigits = aLength - secondsLength - 2;
  const bDigits = bLength - secondsLength - 2;
  if ((aDigits > 0 && a[aStart + secondsLength] !== 0x2e) || (bDigits > 0 && b[bStart + secondsLength] !== 0x2e)) {
    return undefined;
  }
  for (let i = 0; i < 9; i++) {
    const aDigit = i < aDigits ? a[aStart + secondsLength + 1 + i] : 0x30;
    const bDigit = i < bDigits ? b[bStart + secondsLength + 1 + i] : 0x30;
    if (aDigit !== bDigit) {
      return aDigit - bDigit;
    }
  }
  return 0;
}

/**
 * The position of the latest line shown: the greatest timestamp shown and how many lines carried exactly that
 * timestamp (several lines can share one). The engine can write a stderr line after a stdout line stamped later,
 * so the latest is not always the last. After a re-attach from `since`, lines up to that position are dropped.
 * Timestamps are compared as bytes so following a fast log allocates nothing per line.
 */
export class ResumePoint {
  private readonly lastBytes = Buffer.alloc(maxTimestampLength);
  /** 0: no line shown yet. */
  private lastLength = 0;
  private countAtLast = 0;
  /** While replaying after a re-attach: the resume point, and how many lines at its exact time are still to skip. */
  private replayNanos: bigint | undefined;
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
      if (nanos === undefined || this.replayNanos === undefined) {
        this.replaying = false;
      } else {
        if (nanos < this.replayNanos) {
          return false;
        }
        if (nanos === this.replayNanos && this.skipAtLast > 0) {
          this.skipAtLast--;
          return false;
        }
        if (nanos > this.replayNanos + replayWindowNanos) {
          this.replaying = false;
        }
      }
    }
    if (this.lastLength === 0) {
      this.record(bytes, start, length);
      return true;
    }
    const order = compareUtcTimestamps(bytes, start, length, this.lastBytes, 0, this.lastLength) ?? this.compareParsed(bytes, start, length);
    if (order === 0) {
      this.countAtLast++;
    } else if (order > 0) {
      this.record(bytes, start, length);
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

  private record(bytes: Buffer, start: number, length: number): void {
    bytes.copy(this.lastBytes, 0, start, start + length);
    this.lastLength = length;
    this.boundaryNanos = undefined;
    this.countAtLast = 1;
  }

  /** The order of a timestamp not in the plain UTC form against the latest one (a new latest when either does not parse). */
  private compareParsed(bytes: Buffer, start: number, length: number): number {
    const nanos = timestampNanos(bytes.toString('latin1', start, start + length));
    const latest = timestampNanos(this.lastBytes.toString('latin1', 0, this.lastLength));
    if (nanos === undefined || latest === undefined) {
      return 1;
    }
    return nanos === latest ? 0 : nanos > latest ? 1 : -1;
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
      this.replayNanos = this.boundaryNanos;
      this.skipAtLast = Number.POSITIVE_INFINITY;
    } else {
      this.replayNanos = timestampNanos(last);
      if (this.replayNanos === undefined) {
        return undefined;
      }
      this.skipAtLast = this.countAtLast;
    }
    this.replaying = true;
    return Number(this.replayNanos / 1_000_000_000n);
  }

  get last(): string | undefined {
    return this.lastLength === 0 ? undefined : this.lastBytes.toString('latin1', 0, this.lastLength);
  }
}
