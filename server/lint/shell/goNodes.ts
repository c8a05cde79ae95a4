/**
 * Fast access to mvdan-sh syntax trees. mvdan-sh is Go compiled to JavaScript by GopherJS; its public wrapper
 * objects convert every field on each access (tens of microseconds per slice), which made walking a RUN cost
 * milliseconds. The wrapped Go values underneath are plain objects: these helpers read them directly.
 */

/** A Go value as GopherJS lays it out: fields as properties, the Go type's name on its constructor. */
export interface GoValue {
  readonly [field: string]: unknown;
}

interface GoSlice {
  $array: GoValue[];
  $offset: number;
  $length: number;
}

interface GoConstructor {
  string?: string;
  nil?: unknown;
}

/** The Go value behind a public wrapper object. */
export function unwrap(wrapper: unknown): GoValue {
  return (wrapper as { __internal_object__: GoValue }).__internal_object__;
}

/** `*syntax.CallExpr` and so on; undefined for nil pointers and nil interfaces. */
export function goType(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value !== 'object') {
    return undefined;
  }
  const constructor = (value as { constructor?: GoConstructor }).constructor;
  if (!constructor || constructor.nil === value) {
    return undefined;
  }
  return constructor.string;
}

export function child(node: GoValue, field: string): GoValue | undefined {
  const value = node[field];
  return goType(value) ? (value as GoValue) : undefined;
}

export function children(node: GoValue, field: string): GoValue[] {
  const slice = node[field] as GoSlice | undefined;
  if (!slice || !slice.$array) {
    return [];
  }
  return slice.$array.slice(slice.$offset, slice.$offset + slice.$length);
}

/** Go strings are UTF-8 bytes, one byte per JavaScript character. */
export function goString(node: GoValue, field: string): string {
  const value = (node[field] as string | undefined) ?? '';
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'latin1').toString('utf8');
}

/** Byte offsets of a node, through its Go `Pos()` and `End()` methods. */
export function byteSpan(node: GoValue): [number, number] {
  const methods = node as unknown as { Pos(): { Offset(): number }; End(): { Offset(): number } };
  return [methods.Pos().Offset(), methods.End().Offset()];
}
