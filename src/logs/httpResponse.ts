/**
 * Reads one HTTP/1.1 response from a byte stream: the status line and headers, then the body unframed as it
 * arrives (chunked transfer coding, `Content-Length`, or up to the end of the connection). Pure and streaming:
 * bytes may be cut anywhere; body bytes are handed over as ranges of the caller's buffer, valid only during
 * the call, so nothing is copied on the way.
 */

export interface HttpResponseHead {
  status: number;
  reason: string;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Map<string, string>;
}

export interface HttpResponseHandler {
  head(head: HttpResponseHead): void;
  body(bytes: Buffer, start: number, end: number): void;
}

/** The bytes are not a well-formed HTTP response (or it ended early). */
export class HttpResponseError extends Error {}

const maxHeadBytes = 64 * 1024;
const CR = 13;
const LF = 10;

const enum State {
  Head,
  Length,
  UntilClose,
  ChunkSize,
  ChunkExtension,
  ChunkSizeEnd,
  ChunkData,
  ChunkDataCr,
  ChunkDataLf,
  Trailer,
  Done,
}

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}

export function parseResponseHead(text: string): HttpResponseHead {
  const lines = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!status) {
    throw new HttpResponseError(`not an HTTP response: "${lines[0].slice(0, 80)}"`);
  }
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new HttpResponseError(`malformed header line "${line.slice(0, 80)}"`);
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  return { status: Number(status[1]), reason: status[2] ?? '', headers };
}

export class HttpResponseReader {
  private state = State.Head;
  private head: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private sizeDigits = 0;
  private trailerLineLength = 0;

  constructor(private readonly handler: HttpResponseHandler) {}

  /** True once the whole response (its final chunk, or all `Content-Length` bytes) has been read. */
  get complete(): boolean {
    return this.state === State.Done;
  }

  /** Reads `bytes[start, end)`; throws an HttpResponseError on malformed input. Bytes after the response are ignored. */
  push(bytes: Buffer, start = 0, end = bytes.length): void {
    let i = start;
    while (i < end) {
      switch (this.state) {
        case State.Head:
          i = this.readHead(bytes, i, end);
          break;
        case State.Length: {
          const take = Math.min(this.remaining, end - i);
          this.handler.body(bytes, i, i + take);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = State.Done;
          break;
        }
        case State.UntilClose:
          this.handler.body(bytes, i, end);
          i = end;
          break;
        case State.ChunkSize: {
          const byte = bytes[i++];
          const digit = hexValue(byte);
          if (digit >= 0) {
            if (++this.sizeDigits > 12) throw new HttpResponseError('chunk size too large');
            this.remaining = this.remaining * 16 + digit;
          } else if (this.sizeDigits === 0) {
            throw new HttpResponseError('malformed chunk size');
          } else if (byte === CR) {
            this.state = State.ChunkSizeEnd;
          } else if (byte === LF) {
            this.endChunkSize();
          } else if (byte === 0x3b /* ; */ || byte === 0x20 || byte === 0x09) {
            this.state = State.ChunkExtension;
          } else {
            throw new HttpResponseError('malformed chunk size');
          }
          break;
        }
        case State.ChunkExtension: {
          const byte = bytes[i++];
          if (byte === CR) this.state = State.ChunkSizeEnd;
          else if (byte === LF) this.endChunkSize();
          break;
        }
        case State.ChunkSizeEnd:
          if (bytes[i++] !== LF) throw new HttpResponseError('malformed chunk size line');
          this.endChunkSize();
          break;
        case State.ChunkData: {
          const take = Math.min(this.remaining, end - i);
          this.handler.body(bytes, i, i + take);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = State.ChunkDataCr;
          break;
        }
        case State.ChunkDataCr: {
          const byte = bytes[i++];
          if (byte === CR) this.state = State.ChunkDataLf;
          else if (byte === LF) this.startChunk();
          else throw new HttpResponseError('a chunk is longer than its size');
          break;
        }
        case State.ChunkDataLf:
          if (bytes[i++] !== LF) throw new HttpResponseError('a chunk is longer than its size');
          this.startChunk();
          break;
        case State.Trailer: {
          const byte = bytes[i++];
          if (byte === LF) {
            if (this.trailerLineLength === 0) this.state = State.Done;
            this.trailerLineLength = 0;
          } else if (byte !== CR) {
            this.trailerLineLength++;
          }
          break;
        }
        case State.Done:
          return;
      }
    }
  }

  /** The connection ended: throws when the response was not complete. */
  end(): void {
    if (this.state === State.UntilClose || this.state === State.Done) {
      this.state = State.Done;
      return;
    }
    throw new HttpResponseError(this.state === State.Head ? 'the connection closed before a response' : 'the connection closed in the middle of the response');
  }

  private readHead(bytes: Buffer, start: number, end: number): number {
    const previous = this.head.length;
    this.head = previous === 0 ? Buffer.from(bytes.subarray(start, end)) : Buffer.concat([this.head, bytes.subarray(start, end)]);
    // The blank line may straddle the previous piece: search from a little before it.
    const blank = this.head.indexOf('\r\n\r\n', Math.max(0, previous - 3));
    if (blank < 0) {
      if (this.head.length > maxHeadBytes) throw new HttpResponseError('response head too large');
      return end;
    }
    const head = parseResponseHead(this.head.toString('latin1', 0, blank));
    this.head = Buffer.alloc(0);
    const consumed = start + (blank + 4 - previous);
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      // An interim response (100 Continue): the real one follows.
      return consumed;
    }
    this.handler.head(head);
    this.state = this.bodyState(head);
    return consumed;
  }

  private bodyState(head: HttpResponseHead): State {
    if (head.status === 101) return State.UntilClose;
    if (head.status === 204 || head.status === 304) return State.Done;
    const coding = head.headers.get('transfer-encoding');
    if (coding !== undefined) {
      if (/(?:^|,)\s*chunked\s*$/i.test(coding)) {
        this.startChunk();
        return State.ChunkSize;
      }
      return State.UntilClose;
    }
    const length = head.headers.get('content-length');
    if (length !== undefined) {
      if (!/^\d+$/.test(length)) throw new HttpResponseError(`malformed Content-Length "${length}"`);
      this.remaining = Number(length);
      return this.remaining === 0 ? State.Done : State.Length;
    }
    return State.UntilClose;
  }

  private startChunk(): void {
    this.state = State.ChunkSize;
    this.remaining = 0;
    this.sizeDigits = 0;
  }

  private endChunkSize(): void {
    if (this.remaining === 0) {
      this.state = State.Trailer;
      this.trailerLineLength = 0;
    } else {
      this.state = State.ChunkData;
    }
  }
}
