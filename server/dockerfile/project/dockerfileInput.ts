/**
 * Reading a Dockerfile for `dockside-lint` without letting the input decide how much is read: only regular files
 * (never a FIFO or a device, which could block or never end), at most `maxBytes` (standard input too, counted
 * while reading), and only UTF-8 text (binary content is refused, not linted as text).
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';

/** A few MB: far above any real Dockerfile, far below what would exhaust the linter's memory. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** How far into the content a NUL byte marks it as binary (as git and grep look at the first few KB). */
const BINARY_PROBE_BYTES = 8 * 1024;

/** The input is not something to lint; the message says why, for the user. */
export class RefusedInput extends Error {}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `4M`, `512k`, `1g`, `100000` (bytes; k/m/g are powers of 1024, an optional trailing `b`/`iB`). Undefined when not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const bytes = Math.floor(Number(match[1]) * UNITS[match[2].toLowerCase()]);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `4194304` → `4 MB`, `1536` → `1.5 KB`: for messages. */
export function describeBytes(bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size) {
      return `${Number((bytes / size).toFixed(1))} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function tooLarge(what: string, maxBytes: number): RefusedInput {
  return new RefusedInput(`${what} is larger than ${describeBytes(maxBytes)}, the most dockside-lint reads (--max-size)`);
}

/** The text of UTF-8 content, or a refusal for binary content (a NUL byte near the start, or bytes that are not UTF-8). */
export function decodeDockerfile(bytes: Uint8Array): string {
  const nul = bytes.subarray(0, BINARY_PROBE_BYTES).indexOf(0);
  if (nul !== -1) {
    return refuseBinary(`a NUL byte at offset ${nul}`);
  }
  try {
    // The byte order mark is kept, as the language server sees it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return refuseBinary('bytes that are not UTF-8');
  }
}

function refuseBinary(why: string): never {
  throw new RefusedInput(`binary content (${why}), not a Dockerfile`);
}

/** A regular file's bytes, at most `maxBytes`; anything else is refused before it is opened for reading. */
export function readDockerfileFile(file: string, maxBytes: number): string {
  const stats = fs.statSync(file);
  if (!stats.isFile()) {
    throw new RefusedInput(`${kindOf(stats)}, not a regular file`);
  }
  if (stats.size > maxBytes) {
    throw tooLarge(`the file (${describeBytes(stats.size)})`, maxBytes);
  }
  // Non-blocking, then checked again on the opened file: it may have been replaced by a FIFO since the stat.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) {
      throw new RefusedInput('not a regular file');
    }
    // Read until the end, but never past the limit: a file that grew since the stat is refused, not cut.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) {
        return decodeDockerfile(Buffer.concat(chunks, total));
      }
      total += read;
      if (total > maxBytes) {
        throw tooLarge('the file', maxBytes);
      }
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A stream's bytes (standard input), refused as soon as they pass `maxBytes`, without reading the rest. */
export async function readDockerfileStream(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > maxBytes) {
      stream.destroy();
      throw tooLarge('standard input', maxBytes);
    }
    chunks.push(bytes);
  }
  return decodeDockerfile(Buffer.concat(chunks, total));
}
