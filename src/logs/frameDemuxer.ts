/**
 * Splits the engine's multiplexed stream (non-TTY logs, attach, exec): 8-byte headers
 * `[stream, 0, 0, 0, size(uint32 BE)]` followed by `size` bytes. Pure and streaming: chunks may cut headers
 * and payloads anywhere. Payloads are handed over as ranges of the caller's buffer as they arrive (a large
 * frame in several pieces, `frameStart` on its first one); only a cut header is held back, so nothing is copied.
 */
export type StreamKind = 'stdout' | 'stderr';

export type PayloadHandler = (stream: StreamKind, bytes: Buffer, start: number, end: number, frameStart: boolean) => void;

const headerSize = 8;

export class FrameDemuxer {
  private readonly header = Buffer.alloc(headerSize);
  private headerLength = 0;
  /** Payload bytes of the current frame still to come. */
  private remaining = 0;
  private stream: StreamKind = 'stdout';
  private frameStart = false;

  constructor(private readonly onPayload: PayloadHandler) {}

  push(bytes: Buffer, start = 0, end = bytes.length): void {
    let i = start;
    while (i < end) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, end - i);
        this.remaining -= take;
        const first = this.frameStart;
        this.frameStart = false;
        this.onPayload(this.stream, bytes, i, i + take, first);
        i += take;
        continue;
      }
      let size: number;
      let kind: number;
      if (this.headerLength === 0 && end - i >= headerSize) {
        kind = bytes[i];
        size = bytes.readUInt32BE(i + 4);
        i += headerSize;
      } else {
        const take = Math.min(headerSize - this.headerLength, end - i);
        bytes.copy(this.header, this.headerLength, i, i + take);
        this.headerLength += take;
        i += take;
        if (this.headerLength < headerSize) {
          return;
        }
        this.headerLength = 0;
        kind = this.header[0];
        size = this.header.readUInt32BE(4);
      }
      // 1 stdout, 2 stderr, 3 the engine's own error in the middle of the stream (shown like stderr).
      this.stream = kind === 2 || kind === 3 ? 'stderr' : 'stdout';
      this.remaining = size;
      this.frameStart = true;
    }
  }
}
