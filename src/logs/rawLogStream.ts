/**
 * Reads one streamed engine response over a plain socket (unix socket, named pipe or plain tcp): writes the GET
 * itself and hands the body over as it arrives, read into one reused buffer — no HTTP client, no stream
 * objects, no allocation per chunk. Used for the high-volume log stream; dockerode does everything else, and
 * this too when the connection needs TLS, ssh or options of its own.
 */
import * as net from 'node:net';
import type Docker from 'dockerode';
import { HttpResponseHead, HttpResponseReader } from './httpResponse';

export interface RawEngineAddress {
  socketPath?: string;
  host?: string;
  port?: number;
  /** Prepended to every path: docker-modem's `pathPrefix` and API version (`/v1.41`). */
  prefix: string;
  headers: Record<string, string>;
}

/** The fields of docker-modem's client this reads (dockerode's typings do not list them all). */
interface ModemFields {
  /** docker-modem's default is a function that finds the socket. */
  socketPath?: string | (() => Promise<string>);
  host?: string;
  port?: number | string;
  protocol?: string;
  version?: string;
  pathPrefix?: string;
  headers?: Record<string, string>;
  agent?: unknown;
  timeout?: number;
  connectionTimeout?: number;
}

const readBufferSize = 256 * 1024;
const maxErrorBody = 64 * 1024;

/** Where dockerode talks to, when a plain socket can do the same; undefined for TLS, ssh and custom agents or timeouts. */
export async function rawEngineAddress(docker: Pick<Docker, 'modem'>): Promise<RawEngineAddress | undefined> {
  const modem = docker.modem as unknown as ModemFields;
  if (modem.agent || modem.timeout || modem.connectionTimeout) {
    return undefined;
  }
  const prefix = `${(modem.pathPrefix ?? '').replace(/\/$/, '')}${modem.version ? `/${modem.version}` : ''}`;
  const headers = { ...(modem.headers ?? {}) };
  if (modem.host) {
    if (modem.protocol !== 'http' || /[/:]/.test(modem.host.replace(/^\[.*\]$/, ''))) {
      return undefined;
    }
    return { host: modem.host.replace(/^\[(.*)\]$/, '$1'), port: Number(modem.port) || 2375, prefix, headers };
  }
  const socketPath = typeof modem.socketPath === 'function' ? await modem.socketPath() : modem.socketPath;
  return socketPath ? { socketPath, prefix, headers } : undefined;
}

/** An answer of the engine other than 2xx, with its own message (`json.message`, as dockerode's errors carry it). */
export class EngineResponseError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: unknown,
    reason: string,
  ) {
    const message = (json as { message?: unknown } | undefined)?.message;
    super(typeof message === 'string' ? message : typeof json === 'string' && json.trim() ? json.trim() : `${reason || 'error'} (HTTP ${statusCode})`);
  }
}

function engineError(head: HttpResponseHead, body: Buffer): EngineResponseError {
  const text = body.toString('utf8');
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the text itself is the message.
  }
  return new EngineResponseError(head.status, json, head.reason);
}

/** The request line and headers of a GET of `path` (with its query). Pure. */
export function getRequest(address: RawEngineAddress, path: string): string {
  const host = address.socketPath ? 'docker' : `${address.host?.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
  const extra = Object.entries(address.headers)
    .filter(([name]) => !/^(host|connection|content-length|transfer-encoding)$/i.test(name))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `GET ${address.prefix}${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Dockside\r\n${extra}Connection: close\r\n\r\n`;
}

/**
 * GETs `path` and hands every body byte range to `onBody` (valid only during the call), after the head of a
 * 2xx answer to `onHead`. Resolves when the engine ends the response or the signal aborts (which `onHead` and
 * `onBody` may do); rejects with the engine's message for a non-2xx answer, the socket's error (with its
 * `code`), or an ECONNRESET error when the connection ends in the middle.
 */
export function readEngineStream(
  address: RawEngineAddress,
  path: string,
  onBody: (bytes: Buffer, start: number, end: number) => void,
  signal: AbortSignal,
  onHead?: (head: HttpResponseHead) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let failed: { head: HttpResponseHead; chunks: Buffer[]; size: number } | undefined;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) {
        return;
      }
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error !== undefined && !signal.aborted) {
        reject(error);
      } else if (failed && !signal.aborted) {
        reject(engineError(failed.head, Buffer.concat(failed.chunks)));
      } else {
        resolve();
      }
    };
    const onAbort = () => settle();
    const reader = new HttpResponseReader({
      head: (head) => {
        if (head.status < 200 || head.status > 299) {
          failed = { head, chunks: [], size: 0 };
        } else {
          onHead?.(head);
        }
      },
      body: (bytes, start, end) => {
        if (settled) {
          return;
        }
        if (!failed) {
          onBody(bytes, start, end);
        } else if (failed.size < maxErrorBody) {
          const piece = Buffer.from(bytes.subarray(start, Math.min(end, start + maxErrorBody - failed.size)));
          failed.chunks.push(piece);
          failed.size += piece.length;
        }
      },
    });
    const onread = {
      buffer: Buffer.allocUnsafe(readBufferSize),
      callback: (size: number, buffer: Uint8Array): boolean => {
        if (settled) {
          return false;
        }
        try {
          reader.push(buffer as Buffer, 0, size);
          if (reader.complete) {
            settle();
          }
        } catch (error) {
          settle(new Error(`The Docker Engine's answer could not be read: ${(error as Error).message}.`));
        }
        return true;
      },
    };
    const socket = address.socketPath
      ? net.connect({ path: address.socketPath, onread })
      : net.connect({ host: address.host ?? 'localhost', port: address.port ?? 2375, onread });
    socket.on('connect', () => socket.write(getRequest(address, path)));
    const cutShort = () => Object.assign(new Error('The Docker Engine closed the connection before the end of its answer.'), { code: 'ECONNRESET' });
    socket.on('end', () => {
      try {
        reader.end();
        settle();
      } catch {
        settle(cutShort());
      }
    });
    socket.on('error', (error) => settle(error));
    socket.on('close', () => settle(cutShort()));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
