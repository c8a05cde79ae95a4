/**
 * A buffer for a file's contents whose memory is written ahead of the bytes that will fill it, a small slice per
 * turn of the event loop (so arriving bytes are never kept waiting long): while the engine prepares the archive
 * (100 to 300 ms before the first byte of a `GET`, where the `HEAD` that gave the size took a few), and in the
 * gaps while the archive arrives.
 *
 * Why: a fresh 100 MB buffer is 25,600 pages the kernel maps on first write, one fault each, and in a virtual
 * machine a fault can cost 10 µs or more: about 300 ms of this process's CPU for 100 MB, more than receiving
 * the archive. Taken while waiting for the engine, they cost none of the transfer's time.
 *
 * Only ever written where no received byte is: each slice starts at or after `filled()`, the end of what the
 * reader has copied in so far (both run on this thread, so the reader cannot overtake a slice).
 */
export class PrefaultedBuffer {
  private readonly bytes: Buffer;
  private written = 0;
  private timer: NodeJS.Immediate | undefined;
  private filled: () => number = () => 0;

  /** Buffers under `minimum` bytes are not worth it: they are allocated, not written ahead. */
  constructor(
    readonly size: number,
    private readonly slice = 256 * 1024,
    minimum = 1024 * 1024,
  ) {
    this.bytes = Buffer.allocUnsafe(size);
    if (size >= minimum) {
      this.timer = setImmediate(() => this.writeSlice());
    }
  }

  /** The end of the part written ahead so far (bytes from the start, received ones included). */
  get prefaulted(): number {
    return this.written;
  }

  /**
   * The buffer, when `size` is the size it was made for (else a fresh one, and writing ahead stops); `filled`
   * tells how many bytes from its start hold received data from now on.
   */
  take(size: number, filled: () => number): Buffer {
    if (size !== this.size) {
      this.stop();
      return Buffer.allocUnsafe(size);
    }
    this.filled = filled;
    return this.bytes;
  }

  /** Stops writing ahead (idempotent). */
  stop(): void {
    if (this.timer) {
      clearImmediate(this.timer);
      this.timer = undefined;
    }
  }

  private writeSlice(): void {
    const start = Math.max(this.written, this.filled());
    const end = Math.min(start + this.slice, this.size);
    this.bytes.fill(0, start, end);
    this.written = end;
    this.timer = end < this.size ? setImmediate(() => this.writeSlice()) : undefined;
  }
}
