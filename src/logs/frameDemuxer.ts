/**
 * Splits the engine's multiplexed stream (non-TTY logs, attach, exec): 8-byte headers
 * `[stream, 0, 0, 0, size(uint32 BE)]` followed by `size` bytes. Pure and streaming: chunks may cut
 * headers and payloads anywhere; only an incomplete frame is held back.
 */
export type StreamKind = 'stdout' | 'stderr';

const headerSize = 8;

export class FrameDemuxer {
  private pending: Buffer | undefined;

  constructor(private readonly onPayload: (stream: StreamKind, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let offset = 0;
    while (buffer.length - offset >= headerSize) {
      const size = buffer.readUInt32BE(offset + 4);
      const end = offset + headerSize + size;
      if (end > buffer.length) {
        // Emit what has arrived of a large frame now, and keep a header for the rest.
        const available = buffer.length - offset - headerSize;
        if (available > 0) {
          this.emit(buffer[offset], buffer.subarray(offset + headerSize));
          const header = Buffer.from(buffer.subarray(offset, offset + headerSize));
          header.writeUInt32BE(size - available, 4);
          buffer = header;
          offset = 0;
        }
        break;
      }
      this.emit(buffer[offset], buffer.subarray(offset + headerSize, end));
      offset = end;
    }
    if (offset < buffer.length) {
      this.pending = Buffer.from(buffer.subarray(offset));
    }
  }

  private emit(kind: number, payload: Buffer): void {
    if (payload.length > 0) {
      this.onPayload(kind === 2 ? 'stderr' : 'stdout', payload);
    }
  }
}
