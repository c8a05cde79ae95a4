/**
 * Reads LSP messages from a byte stream (stdio, a socket), strictly. vscode-jsonrpc's stream reader, on a header
 * without a Content-Length, with one that is not a number, or on junk before a header, reports an error nobody
 * listens to and then stops reading for good: the server stayed alive but deaf. A negative length it took as a
 * length. This reader checks every frame and reports the first malformed one as an error, after which it reads
 * nothing more: whoever owns it says why and ends the process, and the client starts a new server.
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, DataCallback, Disposable, Message } from 'vscode-jsonrpc';

/** Far above any real message (a 50 MB document opened in one message is ~50 MB of JSON). */
export const MAX_CONTENT_LENGTH = 512 * 1024 * 1024;
/** Headers are a line or two; more than this without a blank line is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class MalformedFrameError extends Error {}

export class FrameReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The body length of the frame being read, once its header is read. */
  private bodyLength: number | undefined;
  private failed = false;
  private shutdown = false;

  constructor(private readonly readable: Readable) {
    super();
  }

  /** Whether a shutdown request was read (the process then ends with code 0 when its input closes). */
  get shutdownRequested(): boolean {
    return this.shutdown;
  }

  listen(callback: DataCallback): Disposable {
    const onData = (data: Buffer) => this.receive(data, callback);
    const onError = (error: Error) => this.fireError(error);
    let closed = false;
    const onClose = () => {
      if (!closed) {
        closed = true;
        this.fireClose();
      }
    };
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    this.readable.on('end', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('close', onClose);
      this.readable.off('end', onClose);
    });
  }

  private receive(data: Buffer, callback: DataCallback): void {
    if (this.failed) {
      return;
    }
    this.chunks.push(data);
    this.buffered += data.length;
    try {
      for (let message = this.next(); message !== undefined; message = this.next()) {
        this.shutdown ||= (message as { method?: unknown }).method === 'shutdown';
        callback(message);
      }
    } catch (error) {
      this.failed = true;
      this.chunks = [];
      this.buffered = 0;
      this.fireError(error);
    }
  }

  /** The next whole message in the buffer, if there is one; throws on a malformed frame. */
  private next(): Message | undefined {
    if (this.bodyLength !== undefined && this.buffered < this.bodyLength) {
      // Join a body's chunks once, when it is all there.
      return undefined;
    }
    const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [buffer];
    if (this.bodyLength === undefined) {
      const headerEnd = buffer.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (buffer.length > MAX_HEADER_BYTES) {
          throw new MalformedFrameError(`no end of header within ${MAX_HEADER_BYTES} bytes: ${preview(buffer)}`);
        }
        return undefined;
      }
      this.bodyLength = contentLength(buffer.subarray(0, headerEnd).toString('ascii'));
      this.take(headerEnd + HEADER_END.length);
      return this.next();
    }
    if (buffer.length < this.bodyLength) {
      return undefined;
    }
    const body = buffer.subarray(0, this.bodyLength).toString('utf8');
    this.take(this.bodyLength);
    this.bodyLength = undefined;
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch (error) {
      throw new MalformedFrameError(`the body is not JSON (${error instanceof Error ? error.message : String(error)}): ${preview(Buffer.from(body))}`);
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new MalformedFrameError(`the body is not a JSON-RPC message: ${preview(Buffer.from(body))}`);
    }
    return message as Message;
  }

  private take(bytes: number): void {
    const rest = this.chunks[0].subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }
}

/** The Content-Length of a header block (lines `Name: value`), which must be there and be a length. */
function contentLength(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[A-Za-z][A-Za-z0-9-]*$/.test(line.slice(0, colon))) {
      throw new MalformedFrameError(`a header line is not "Name: value": ${JSON.stringify(line.slice(0, 200))}`);
    }
    if (line.slice(0, colon).toLowerCase() === 'content-length') {
      const value = line.slice(colon + 1).trim();
      if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_CONTENT_LENGTH) {
        throw new MalformedFrameError(`Content-Length is not a length of at most ${MAX_CONTENT_LENGTH} bytes: ${JSON.stringify(value.slice(0, 200))}`);
      }
      length = Number(value);
    }
  }
  if (length === undefined) {
    throw new MalformedFrameError(`a header without Content-Length: ${JSON.stringify(header.slice(0, 200))}`);
  }
  return length;
}

function preview(buffer: Buffer): string {
  return JSON.stringify(buffer.subarray(0, 120).toString('utf8')) + (buffer.length > 120 ? '…' : '');
}
