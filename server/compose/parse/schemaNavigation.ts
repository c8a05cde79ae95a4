/**
 * The parts of the Compose schema that describe a path in a document: the keys allowed there with their
 * descriptions, enum values, and the description of a key. Alternatives (`oneOf`, `anyOf`) are all followed.
 */
import { schema } from '../diagnostics/schema';
import type { PathSegment } from './composeDocument';

export type SchemaNode = Record<string, unknown>;

const defs = (schema.$defs ?? {}) as Record<string, SchemaNode>;

function isNode(value: unknown): value is SchemaNode {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A schema with its references followed and its alternatives listed. */
export function expand(node: unknown, depth = 0): SchemaNode[] {
  if (!isNode(node) || depth > 12) {
    return [];
  }
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    const target = node.$ref === '#' ? schema : defs[name];
    const { $ref: _ref, ...rest } = node;
    return [...(Object.keys(rest).length > 0 ? [rest] : []), ...expand(target, depth + 1)];
  }
  const alternatives = [...((node.oneOf as unknown[]) ?? []), ...((node.anyOf as unknown[]) ?? []), ...((node.allOf as unknown[]) ?? [])];
  return [node, ...alternatives.flatMap((alternative) => expand(alternative, depth + 1))];
}

/** Paths already resolved: the schema does not change, and a session asks about the same few paths. */
const resolved = new Map<string, SchemaNode[]>();
const MAX_RESOLVED = 2000;

/** The schemas a path's value may follow (`*` or a number for a list item). */
export function schemasAt(path: readonly PathSegment[]): SchemaNode[] {
  const key = path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('\u0000');
  let found = resolved.get(key);
  if (!found) {
    found = resolve(path);
    if (resolved.size >= MAX_RESOLVED) {
      resolved.clear();
    }
    resolved.set(key, found);
  }
  return found;
}

function resolve(path: readonly PathSegment[]): SchemaNode[] {
  let current = expand(schema);
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of current) {
      if (typeof segment === 'number' || segment === '*') {
        if (node.items !== undefined) {
          next.push(...expand(node.items));
        }
        continue;
      }
      const properties = node.properties as Record<string, unknown> | undefined;
      if (properties && segment in properties) {
        next.push(...expand(properties[segment]));
        continue;
      }
      const patterns = node.patternProperties as Record<string, unknown> | undefined;
      let matched = false;
      for (const [pattern, value] of Object.entries(patterns ?? {})) {
        if (safeTest(pattern, segment)) {
          next.push(...expand(value));
          matched = true;
        }
      }
      if (!matched && isNode(node.additionalProperties)) {
        next.push(...expand(node.additionalProperties));
      }
    }
    current = next;
    if (current.length === 0) {
      break;
    }
  }
  return current;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

export interface KeyInfo {
  name: string;
  description?: string;
  deprecated?: boolean;
  /** The types the key's value takes, as the schema says. */
  types: string[];
}

/** The keys the schema names for a mapping at this path. */
export function keysAt(path: readonly PathSegment[]): KeyInfo[] {
  const keys = new Map<string, KeyInfo>();
  for (const node of schemasAt(path)) {
    for (const [name, value] of Object.entries((node.properties as Record<string, unknown>) ?? {})) {
      if (keys.has(name)) {
        continue;
      }
      const expanded = expand(value);
      const description = expanded.map((item) => item.description).find((text): text is string => typeof text === 'string');
      const types = [...new Set(expanded.flatMap((item) => (Array.isArray(item.type) ? item.type : item.type ? [item.type] : [])).map(String))];
      keys.set(name, { name, description, deprecated: expanded.some((item) => item.deprecated === true), types });
    }
  }
  return [...keys.values()];
}

/** The description of the key at the end of a path. */
export function describeKey(path: readonly PathSegment[]): string | undefined {
  return schemasAt(path)
    .map((node) => node.description)
    .find((text): text is string => typeof text === 'string');
}

/** Enum (and const) values the schema allows at a path. */
export function enumsAt(path: readonly PathSegment[]): string[] {
  const values = new Set<string>();
  for (const node of schemasAt(path)) {
    for (const value of (node.enum as unknown[]) ?? []) {
      values.add(String(value));
    }
    if (node.const !== undefined) {
      values.add(String(node.const));
    }
  }
  return [...values];
}
