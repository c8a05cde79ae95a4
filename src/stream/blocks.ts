/**
 * The bytes of a stream in blocks of at least `size` bytes (the last one shorter): a stream of many small
 * chunks becomes few large writes. A chunk already that large passes as it is, without a copy.
 */
export async function* inBlocks(source: AsyncIterable<unknown>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const value of source) {
    const chunk = value as Buffer;
    if (length === 0 && chunk.byteLength >= size) {
      yield chunk;
      continue;
    }
    parts.push(chunk);
    length += chunk.byteLength;
    if (length >= size) {
      yield Buffer.concat(parts, length);
      parts = [];
      length = 0;
    }
  }
  if (length > 0) {
    yield Buffer.concat(parts, length);
  }
}
