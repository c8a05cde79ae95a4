/**
 * The log pipeline between the engine's byte stream and the terminal: demultiplexes stdout/stderr (non-TTY),
 * splits lines (a partial line waits for its end, up to a bound), drops what a re-attach replays, and removes
 * or keeps the timestamps. ANSI sequences pass through untouched. Pure; memory is bounded by `maxLineLength`
 * per stream, however long it runs.
 *
 * It works on bytes: each line is copied once into a per-stream buffer (without its timestamp unless shown),
 * and a batch of complete lines becomes one string on `flush`, so a fast log costs no string per line.
 */
import { FrameDemuxer, StreamKind } from './frameDemuxer';
import { maxTimestampLength, ResumePoint } from './logTimestamps';

/** Complete lines of one stream, in order. */
export interface LogBatch {
  stream: StreamKind;
  /** The lines, each ending in "\n" (a carriage return before it removed). */
  text: string;
  count: number;
}

/** The lines of a batch as strings. */
export function batchLines(batch: LogBatch): string[] {
  return batch.text.slice(0, -1).split('\n');
}

export interface LogDecoderOptions {
  tty: boolean;
  /** Whether the engine was asked for timestamps (default true): each line then starts with one. */
  timestamps?: boolean;
  /** Read for every line: a change applies from the next line on. */
  readonly showTimestamps: boolean;
  /** Shared across re-attaches of one follower. */
  resume: ResumePoint;
  /** A line longer than this (in bytes) is cut (and shown) in pieces rather than held in memory. */
  maxLineLength?: number;
  /** Receives complete lines in order, a batch per `flush` and stream. */
  onLines(batch: LogBatch): void;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const initialCapacity = 16 * 1024;

const enum Phase {
  /** At the start of a line: reading its timestamp. */
  Timestamp,
  /** At the start of the next piece of a line the engine split: its timestamp is dropped. */
  PieceTimestamp,
  Content,
  /** A line already shown before a re-attach: dropped up to its end. */
  Skip,
}

class LineAssembler {
  private out = Buffer.allocUnsafe(initialCapacity);
  private length = 0;
  /** `out[0, completeEnd)` holds complete lines, the rest a line still in progress. */
  private completeEnd = 0;
  private count = 0;
  /** Where a line starts: at its timestamp, or at its content when the stream carries none. */
  private readonly lineStart: Phase;
  private phase: Phase;
  private readonly timestamp = Buffer.allocUnsafe(maxTimestampLength);
  private timestampLength = 0;

  constructor(
    private readonly stream: StreamKind,
    private readonly options: LogDecoderOptions,
    private readonly maxLineLength: number,
    /** Called before a line is completed, so batches of the two streams keep their order. */
    private readonly beforeLine: (assembler: LineAssembler) => void,
  ) {
    this.lineStart = options.timestamps === false ? Phase.Content : Phase.Timestamp;
    this.phase = this.lineStart;
  }


  /** `pieceStart`: the bytes begin a new message of the engine (a frame), which starts with its timestamp. */
  push(bytes: Buffer, start: number, end: number, pieceStart: boolean): void {
    if (pieceStart && this.phase === Phase.Content && this.lineStart === Phase.Timestamp) {
      // The previous message ended without a newline: this one continues the line.
      this.phase = Phase.PieceTimestamp;
    }
    let i = start;
    while (i < end) {
      switch (this.phase) {
        case Phase.Timestamp:
        case Phase.PieceTimestamp:
          i = this.readTimestamp(bytes, i, end);
          break;
        case Phase.Content: {
          const newline = bytes.indexOf(LF, i);
          if (newline < 0 || newline >= end) {
            this.append(bytes, i, end);
            this.bound();
            return;
          }
          this.append(bytes, i, newline);
          this.endLine();
          i = newline + 1;
          break;
        }
        case Phase.Skip: {
          const newline = bytes.indexOf(LF, i);
          if (newline < 0 || newline >= end) {
            return;
          }
          this.phase = this.lineStart;
          i = newline + 1;
          break;
        }
      }
    }
  }

  /** Emits the complete lines gathered so far as one batch. */
  flush(): void {
    if (this.count === 0) {
      return;
    }
    const text = this.out.toString('utf8', 0, this.completeEnd);
    const count = this.count;
    const rest = this.length - this.completeEnd;
    if (this.out.length > 4 * initialCapacity && rest <= initialCapacity) {
      // A burst grew the buffer: give the memory back.
      const smaller = Buffer.allocUnsafe(initialCapacity * 2);
      this.out.copy(smaller, 0, this.completeEnd, this.length);
      this.out = smaller;
    } else {
      this.out.copyWithin(0, this.completeEnd, this.length);
    }
    this.length = rest;
    this.completeEnd = 0;
    this.count = 0;
    this.options.onLines({ stream: this.stream, text, count });
  }

  /** The stream ended: a line without newline is complete. */
  end(): void {
    if (this.timestampLength > 0) {
      this.notATimestamp();
    }
    if (this.length > this.completeEnd) {
      this.endLine();
    }
    this.phase = this.lineStart;
  }

  private readTimestamp(bytes: Buffer, start: number, end: number): number {
    const timestamp = this.timestamp;
    let length = this.timestampLength;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      if (byte === SPACE && length > 0) {
        this.timestampLength = length;
        this.endTimestamp();
        return i + 1;
      }
      if (byte === LF || byte === SPACE || length === maxTimestampLength) {
        // The line does not start with a timestamp: what was read is content.
        this.timestampLength = length;
        this.notATimestamp();
        return i;
      }
      timestamp[length++] = byte;
    }
    this.timestampLength = length;
    return end;
  }

  private endTimestamp(): void {
    const length = this.timestampLength;
    this.timestampLength = 0;
    if (this.phase === Phase.PieceTimestamp) {
      this.phase = Phase.Content;
      return;
    }
    if (!this.options.resume.acceptBytes(this.timestamp, 0, length)) {
      this.phase = Phase.Skip;
      return;
    }
    this.phase = Phase.Content;
    if (this.options.showTimestamps) {
      this.append(this.timestamp, 0, length);
      this.ensure(1);
      this.out[this.length++] = SPACE;
    }
  }

  private notATimestamp(): void {
    const length = this.timestampLength;
    this.timestampLength = 0;
    this.phase = Phase.Content;
    this.append(this.timestamp, 0, length);
    this.bound();
  }

  private append(bytes: Buffer, start: number, end: number): void {
    const size = end - start;
    if (size <= 0) {
      return;
    }
    this.ensure(size);
    const out = this.out;
    let at = this.length;
    if (size < 64) {
      for (let i = start; i < end; i++) out[at++] = bytes[i];
    } else {
      bytes.copy(out, at, start, end);
      at += size;
    }
    this.length = at;
  }

  private ensure(size: number): void {
    if (this.length + size > this.out.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + size + 1));
      this.out.copy(grown, 0, 0, this.length);
      this.out = grown;
    }
  }

  private endLine(): void {
    this.beforeLine(this);
    if (this.length > this.completeEnd && this.out[this.length - 1] === CR) {
      this.length--;
    }
    this.ensure(1);
    this.out[this.length++] = LF;
    this.completeEnd = this.length;
    this.count++;
    this.phase = this.lineStart;
  }

  /** A line in progress longer than the bound is cut into complete pieces (at a character boundary). */
  private bound(): void {
    while (this.length - this.completeEnd > this.maxLineLength) {
      let cut = this.completeEnd + this.maxLineLength;
      // Back up over UTF-8 continuation bytes so a character is not cut in two.
      for (let back = 0; back < 3 && (this.out[cut] & 0xc0) === 0x80 && cut > this.completeEnd + 1; back++) cut--;
      this.beforeLine(this);
      this.ensure(1);
      this.out.copyWithin(cut + 1, cut, this.length);
      this.out[cut] = LF;
      this.length++;
      this.completeEnd = cut + 1;
      this.count++;
    }
  }
}

export class LogDecoder {
  private readonly demuxer: FrameDemuxer | undefined;
  private readonly stdout: LineAssembler;
  private readonly stderr: LineAssembler;
  /** The stream whose complete lines wait for the next flush; the other one's are flushed first. */
  private current: LineAssembler | undefined;

  constructor(options: LogDecoderOptions) {
    const max = options.maxLineLength ?? 1 << 20;
    const beforeLine = (assembler: LineAssembler) => {
      if (this.current !== assembler) {
        this.current?.flush();
        this.current = assembler;
      }
    };
    this.stdout = new LineAssembler('stdout', options, max, beforeLine);
    this.stderr = new LineAssembler('stderr', options, max, beforeLine);
    this.demuxer = options.tty
      ? undefined
      : new FrameDemuxer((stream, bytes, start, end, frameStart) => (stream === 'stdout' ? this.stdout : this.stderr).push(bytes, start, end, frameStart));
  }

  /** Decodes `bytes[start, end)` (kept only as copies: the caller may reuse the buffer); lines wait for `flush`. */
  push(bytes: Buffer, start = 0, end = bytes.length): void {
    if (this.demuxer) {
      this.demuxer.push(bytes, start, end);
    } else {
      this.stdout.push(bytes, start, end, false);
    }
  }

  /** Delivers the complete lines decoded since the last flush. */
  flush(): void {
    this.current?.flush();
    this.current = undefined;
  }

  /** The stream ended: everything is delivered, a last line without newline included. */
  end(): void {
    this.stdout.end();
    this.stderr.end();
    this.flush();
    this.stdout.flush();
    this.stderr.flush();
  }
}
