import type { Header } from 'tar-stream';
import type { TarHeader } from './tarEntries';

/**
 * The first entry of a tar stream, header and body, read from chunks of any size, for the one-file archive the
 * engine sends when the editor opens a file.
 *
 * Hand-written rather than tar-stream's `extract`: that parser hands each body chunk through a streamx stream
 * (queues, ticks, a callback per chunk) and cost a tenth of the CPU of a 100 MB read; this reader copies each
 * body byte once, straight from the reply's chunk into the result, and stops reading at the entry's end.
 * tar-stream stays for multi-entry archives (listings, folder copies, downloads).
 *
 * Reads ustar/POSIX headers (with the ustar name prefix), pax extended headers (`x`: path, linkpath, size,
 * uid, gid, mtime; a global `g` header is skipped), GNU long names and long link names (`L`, `K`), octal and
 * base-256 numbers, and checks each header's checksum.
 */
export class TarFirstEntry {
  private readonly block = Buffer.alloc(blockSize);
  private blockFilled = 0;
  private state: 'header' | 'extension' | 'skip' | 'body' | 'done' = 'header';
  /** Bytes still to skip (an extension's padding). */
  private skipping = 0;
  private extension: { kind: string; bytes: Buffer; filled: number } | undefined;
  /** What pax and GNU extension headers say of the next header. */
  private overrides: PaxOverrides = {};
  private entry: { header: TarHeader; bytes: Uint8Array; filled: number } | undefined;

  /**
   * `allocate` gives the buffer the body is copied into, of exactly the entry's size; `filled` then tells how
   * many bytes from its start have been copied in.
   */
  constructor(private readonly allocate: BodyAllocator = (size) => Buffer.allocUnsafe(size)) {}

  /** True once the first entry is complete (or the archive has none): nothing more of the stream is needed. */
  get done(): boolean {
    return this.state === 'done';
  }

  /**
   * Takes the next bytes of the stream, `chunk[start, end)`; tells whether the first entry is now complete.
   * Throws a TarFormatError on a malformed header.
   */
  push(chunk: Uint8Array, start = 0, end = chunk.byteLength): boolean {
    let at = start;
    while (at < end && this.state !== 'done') {
      const left = end - at;
      switch (this.state) {
        case 'header': {
          const taken = Math.min(blockSize - this.blockFilled, left);
          this.block.set(chunk.subarray(at, at + taken), this.blockFilled);
          this.blockFilled += taken;
          at += taken;
          if (this.blockFilled === blockSize) {
            this.blockFilled = 0;
            this.onHeaderBlock();
          }
          break;
        }
        case 'extension': {
          const extension = this.extension as NonNullable<typeof this.extension>;
          at += fill(extension, chunk, at, end);
          if (extension.filled === extension.bytes.byteLength) {
            this.onExtension(extension.kind, extension.bytes);
          }
          break;
        }
        case 'skip': {
          const taken = Math.min(this.skipping, left);
          this.skipping -= taken;
          at += taken;
          if (this.skipping === 0) {
            this.state = 'header';
          }
          break;
        }
        case 'body': {
          const entry = this.entry as NonNullable<typeof this.entry>;
          at += fill(entry, chunk, at, end);
          if (entry.filled === entry.bytes.byteLength) {
            this.state = 'done';
          }
          break;
        }
      }
    }
    return this.done;
  }

  /**
   * After the stream's end: the first entry, or undefined when the archive holds none (empty, or only its
   * end-of-archive blocks). Throws when the stream stopped inside the entry or its headers.
   */
  finish(): { header: TarHeader; data: Uint8Array } | undefined {
    if (this.state === 'done') {
      return this.entry && { header: this.entry.header, data: this.entry.bytes };
    }
    if (this.state === 'body') {
      const entry = this.entry as NonNullable<typeof this.entry>;
      throw new TarFormatError(`The archive ended after ${entry.filled} of the ${entry.bytes.byteLength} bytes of ${entry.header.name}.`);
    }
    if (this.state === 'header' && this.blockFilled === 0 && !this.extension && Object.keys(this.overrides).length === 0) {
      return undefined;
    }
    throw new TarFormatError('The archive ended inside a header.');
  }

  private onHeaderBlock(): void {
    if (this.block.every((byte) => byte === 0)) {
      // An end-of-archive block: there is no entry.
      this.state = 'done';
      return;
    }
    const stored = readNumber(this.block, 148, 8);
    const sum = checksum(this.block);
    if (stored !== sum.unsigned && stored !== sum.signed) {
      throw new TarFormatError('The archive has an invalid tar header (its checksum does not match).');
    }
    const flag = String.fromCharCode(this.block[156]);
    const size = readNumber(this.block, 124, 12);
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > maxExtensionSize) {
        throw new TarFormatError(`The archive has a ${size}-byte extended header, too large to be one.`);
      }
      this.extension = { kind: flag, bytes: Buffer.alloc(size), filled: 0 };
      this.state = 'extension';
      if (size === 0) {
        this.onExtension(flag, this.extension.bytes);
      }
      return;
    }
    const header = this.decodeHeader(flag, size);
    const data = this.allocate(header.size ?? 0, () => this.entry?.filled ?? 0);
    if (data.byteLength !== header.size) {
      throw new TarFormatError(`A ${data.byteLength}-byte buffer was given for ${header.size} bytes.`);
    }
    this.entry = { header, bytes: data, filled: 0 };
    this.state = data.byteLength === 0 ? 'done' : 'body';
  }

  private onExtension(kind: string, bytes: Buffer): void {
    this.extension = undefined;
    if (kind === 'x') {
      Object.assign(this.overrides, decodePax(bytes));
    } else if (kind === 'L') {
      this.overrides.path = cString(bytes, 0, bytes.byteLength);
    } else if (kind === 'K') {
      this.overrides.linkpath = cString(bytes, 0, bytes.byteLength);
    }
    const padding = paddingOf(bytes.byteLength);
    this.skipping = padding;
    this.state = padding === 0 ? 'header' : 'skip';
  }

  private decodeHeader(flag: string, size: number): TarHeader {
    const block = this.block;
    let name = cString(block, 0, 100);
    // POSIX ustar ("ustar\0") has a name prefix; GNU ("ustar  \0") keeps other fields there.
    if (block.toString('latin1', 257, 263) === 'ustar\0' && block[345] !== 0) {
      name = `${cString(block, 345, 155)}/${name}`;
    }
    const overrides = this.overrides;
    this.overrides = {};
    const type = typeOfFlag(flag, overrides.path ?? name);
    const linkname = overrides.linkpath ?? (block[157] === 0 ? undefined : cString(block, 157, 100));
    return {
      name: overrides.path ?? name,
      type,
      size: overrides.size ?? size,
      mode: readNumber(block, 100, 8),
      uid: overrides.uid ?? readNumber(block, 108, 8),
      gid: overrides.gid ?? readNumber(block, 116, 8),
      mtime: new Date(overrides.mtimeMs ?? readNumber(block, 136, 12) * 1000),
      linkname,
    };
  }
}

/** Copies what fits of `chunk[at, end)` into `target` after its `filled` bytes; returns how many bytes it took. */
function fill(target: { bytes: Uint8Array; filled: number }, chunk: Uint8Array, at: number, end: number): number {
  const taken = Math.min(target.bytes.byteLength - target.filled, end - at);
  target.bytes.set(chunk.subarray(at, at + taken), target.filled);
  target.filled += taken;
  return taken;
}

/** Gives the buffer a body is copied into; `filled` tells how much of it has been copied so far. */
export type BodyAllocator = (size: number, filled: () => number) => Uint8Array;

/** An archive that is not a well-formed tar, or one that ended too soon. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const blockSize = 512;
/** pax and GNU extension bodies hold names and a few numbers; anything larger is not a tar. */
const maxExtensionSize = 1024 * 1024;

interface PaxOverrides {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  mtimeMs?: number;
}

function paddingOf(size: number): number {
  return (blockSize - (size % blockSize)) % blockSize;
}

/** A NUL-terminated UTF-8 string in a field. */
function cString(bytes: Uint8Array, offset: number, length: number): string {
  const field = bytes.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(field.buffer, field.byteOffset, end === -1 ? field.byteLength : end).toString('utf8');
}

/** A numeric field: octal text (spaces and NULs around it), or base-256 when the high bit of its first byte is set. */
function readNumber(bytes: Uint8Array, offset: number, length: number): number {
  const field = bytes.subarray(offset, offset + length);
  if (field[0] & 0x80) {
    if (field[0] !== 0x80) {
      throw new TarFormatError('The archive has a negative number in a tar header.');
    }
    let value = 0;
    for (let at = 1; at < field.byteLength; at++) {
      value = value * 256 + field[at];
    }
    return value;
  }
  let value = 0;
  let at = 0;
  while (at < field.byteLength && (field[at] === 0x20 || field[at] === 0)) at++;
  for (; at < field.byteLength && field[at] >= 0x30 && field[at] <= 0x37; at++) {
    value = value * 8 + (field[at] - 0x30);
  }
  return value;
}

/** The header checksum: the sum of its bytes with the checksum field as spaces (some writers summed signed bytes). */
function checksum(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let at = 0; at < blockSize; at++) {
    if (at >= 148 && at < 156) continue;
    unsigned += block[at];
    signed += block[at] > 127 ? block[at] - 256 : block[at];
  }
  return { unsigned, signed };
}

/** The records of a pax extended header (`"<length> <key>=<value>\n"`) that matter for one file. */
function decodePax(bytes: Buffer): PaxOverrides {
  const overrides: PaxOverrides = {};
  let at = 0;
  while (at < bytes.byteLength) {
    const space = bytes.indexOf(0x20, at);
    const length = space === -1 ? Number.NaN : Number(bytes.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= 0 || at + length > bytes.byteLength) {
      if (bytes.subarray(at).every((byte) => byte === 0)) break;
      throw new TarFormatError('The archive has a malformed pax header.');
    }
    const record = bytes.toString('utf8', space + 1, at + length - 1);
    at += length;
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    switch (key) {
      case 'path':
      case 'linkpath':
        overrides[key] = value;
        break;
      case 'size':
      case 'uid':
      case 'gid': {
        const number = Number(value);
        if (!Number.isSafeInteger(number) || number < 0) {
          throw new TarFormatError(`The archive has a pax ${key} of "${value}".`);
        }
        overrides[key] = number;
        break;
      }
      case 'mtime': {
        const seconds = Number(value);
        if (Number.isFinite(seconds)) overrides.mtimeMs = Math.floor(seconds * 1000);
        break;
      }
    }
  }
  return overrides;
}

/** tar-stream's name of a typeflag (a pre-POSIX file named with a trailing slash is a folder). */
function typeOfFlag(flag: string, name: string): Header['type'] {
  switch (flag) {
    case '1':
      return 'link';
    case '2':
      return 'symlink';
    case '3':
      return 'character-device';
    case '4':
      return 'block-device';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    case '7':
      return 'contiguous-file';
    case '0':
    case '\0':
      return name.endsWith('/') ? 'directory' : 'file';
    default:
      return 'file';
  }
}
