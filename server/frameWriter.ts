/**
 * Writes LSP messages to a byte stream (stdio, a socket), each frame in one write, at once. vscode-jsonrpc's
 * stream writer queues every message behind a setImmediate, encodes it in a promise, and writes the header and
 * the body separately, waiting for the first write's callback before the second: two system calls, and the
 * client woken for a header whose body is not there yet. On the corpus bench that was the larger part of the
 * server's own time per file between a didOpen and the publication it answers. Here the message leaves during
 * the call that sends it; writes are in call order, as the stream keeps them.
 */
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, Message } from 'vscode-jsonrpc';

/** One message as it goes on the wire: the header, then the JSON body (UTF-8). */
export function frame(message: Message): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

export class FrameWriter extends AbstractMessageWriter {
  private errorCount = 0;

  constructor(private readonly writable: Writable) {
    super();
    writable.on('error', (error: Error) => this.fireError(error));
    writable.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let data: string;
    try {
      data = frame(message);
    } catch (error) {
      // A message that is not JSON (a cycle, a BigInt): told like a failed write, and nothing is written.
      this.fireError(error, message, ++this.errorCount);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      this.writable.write(data, 'utf8', (error?: Error | null) => {
        if (error) {
          this.fireError(error, message, ++this.errorCount);
          reject(error);
        } else {
          resolve();
        }
      });
    });
  }

  end(): void {
    this.writable.end();
  }
}
