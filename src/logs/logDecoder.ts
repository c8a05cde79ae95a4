/**
 * The log pipeline between the engine's byte stream and the terminal: demultiplexes stdout/stderr (non-TTY),
 * splits lines (a partial line waits for its end, up to a bound), drops what a re-attach replays, and removes
 * or keeps the timestamps. ANSI sequences pass through untouched. Pure; memory is bounded by `maxLineLength`
 * per stream, however long it runs.
 */
import { StringDecoder } from 'node:string_decoder';
import { FrameDemuxer, StreamKind } from './frameDemuxer';
import { ResumePoint } from './logTimestamps';

export interface LogDecoderOptions {
  tty: boolean;
  showTimestamps: boolean;
  /** Shared across re-attaches of one follower. */
  resume: ResumePoint;
  /** A line longer than this is cut (and shown) in pieces rather than held in memory. */
  maxLineLength?: number;
  /** Receives complete lines (without their newline), in order, a batch per chunk. */
  onLines(stream: StreamKind, lines: string[]): void;
}

class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';

  constructor(
    private readonly maxLineLength: number,
    private readonly onLines: (lines: string[]) => void,
  ) {}

  push(bytes: Buffer): void {
    const text = this.carry + this.decoder.write(bytes);
    const lines = text.split('\n');
    this.carry = lines.pop() ?? '';
    while (this.carry.length > this.maxLineLength) {
      lines.push(this.carry.slice(0, this.maxLineLength));
      this.carry = this.carry.slice(this.maxLineLength);
    }
    if (lines.length > 0) {
      this.onLines(lines);
    }
  }

  end(): void {
    const rest = this.carry + this.decoder.end();
    this.carry = '';
    if (rest.length > 0) {
      this.onLines([rest]);
    }
  }
}

export class LogDecoder {
  private readonly demuxer: FrameDemuxer | undefined;
  private readonly splitters: Record<StreamKind, LineSplitter>;

  constructor(private readonly options: LogDecoderOptions) {
    const max = options.maxLineLength ?? 1 << 20;
    this.splitters = {
      stdout: new LineSplitter(max, (lines) => this.deliver('stdout', lines)),
      stderr: new LineSplitter(max, (lines) => this.deliver('stderr', lines)),
    };
    this.demuxer = options.tty ? undefined : new FrameDemuxer((stream, payload) => this.splitters[stream].push(payload));
  }

  push(chunk: Buffer): void {
    if (this.demuxer) {
      this.demuxer.push(chunk);
    } else {
      this.splitters.stdout.push(chunk);
    }
  }

  /** The stream ended: a last line without newline is delivered. */
  end(): void {
    this.splitters.stdout.end();
    this.splitters.stderr.end();
  }

  private deliver(stream: StreamKind, raw: string[]): void {
    const shown: string[] = [];
    const { resume, showTimestamps } = this.options;
    for (let line of raw) {
      if (line.endsWith('\r')) {
        line = line.slice(0, -1);
      }
      const space = line.indexOf(' ');
      const timestamp = space > 0 ? line.slice(0, space) : line;
      if (!resume.accept(timestamp)) {
        continue;
      }
      shown.push(showTimestamps || space < 0 ? line : line.slice(space + 1));
    }
    if (shown.length > 0) {
      this.options.onLines(stream, shown);
    }
  }
}
