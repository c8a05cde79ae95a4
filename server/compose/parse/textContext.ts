/**
 * Where the cursor is in a Compose file, read from the text around it (indentation, `key:` and `- ` items), so
 * that it works while the document is being typed and the YAML is incomplete.
 */
import type { PathSegment } from './composeDocument';

export interface TextContext {
  /** The mapping the cursor is in (list items as `*`). */
  path: PathSegment[];
  /** Typing a key, or a value after `key:`, or a list item (`- `). */
  kind: 'key' | 'value' | 'item';
  /** For a value: its key. */
  key?: string;
  /** The word typed so far, and where it starts on the line. */
  prefix: string;
  prefixStart: number;
  /** The whole line. */
  line: string;
}

const KEY_LINE = /^(\s*)(?:-\s+)?("[^"]*"|'[^']*'|[^\s#:'"][^:#]*?)\s*:(?:\s|$)/;

interface LineShape {
  /** Column of the `-` of a list item, or -1. */
  dash: number;
  /** Column where the content (after `- `) starts. */
  content: number;
  key?: string;
  /** Whether the line is `key:` with its value on the lines below. */
  opens: boolean;
}

function shapeOf(line: string): LineShape | undefined {
  const match = /^(\s*)(-\s+)?(.*)$/.exec(line)!;
  const rest = match[3];
  if (rest.startsWith('#') || (rest.trim() === '' && !match[2])) {
    return undefined;
  }
  const key = KEY_LINE.exec(line);
  const afterColon = key ? line.slice(key[0].length).trim() : '';
  return {
    dash: match[2] ? match[1].length : -1,
    content: match[1].length + (match[2]?.length ?? 0),
    key: key ? unquote(key[2]) : undefined,
    opens: !!key && (afterColon === '' || afterColon.startsWith('#') || /^[&!][^\s]*\s*$/.test(afterColon) || /^[|>]/.test(afterColon)),
  };
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key.trim();
}

/** The keys (and `*` for list items) that lead to column `limit` of line `lineNumber`. */
export function parentPath(lines: readonly string[], lineNumber: number, limit: number, inItem: boolean): PathSegment[] {
  const path: PathSegment[] = inItem ? ['*'] : [];
  let allowEqual = inItem;
  for (let index = lineNumber - 1; index >= 0 && (limit > 0 || allowEqual); index--) {
    const shape = shapeOf(lines[index]);
    if (!shape) {
      continue;
    }
    if (shape.dash >= 0) {
      if (shape.dash < limit && shape.content <= limit) {
        if (shape.key !== undefined && shape.opens && shape.content < limit) {
          path.unshift(shape.key);
        }
        path.unshift('*');
        limit = shape.dash;
        allowEqual = true;
      }
      continue;
    }
    if (shape.key !== undefined && (shape.content < limit || (allowEqual && shape.content === limit && shape.opens))) {
      path.unshift(shape.key);
      limit = shape.content;
      allowEqual = false;
    }
  }
  return path;
}

export function textContext(lines: readonly string[], lineNumber: number, character: number): TextContext {
  const line = lines[lineNumber] ?? '';
  const before = line.slice(0, character);
  const itemMatch = /^(\s*)-(\s+|$)/.exec(before);
  const ownShape = shapeOf(line);
  const indent = itemMatch ? itemMatch[1].length : before.trim() === '' ? character : (ownShape?.content ?? /^\s*/.exec(line)![0].length);
  const path = parentPath(lines, lineNumber, indent, !!itemMatch);
  const keyMatch = KEY_LINE.exec(line);
  const colon = keyMatch ? keyMatch[0].trimEnd().length : -1;
  const word = /[^\s:,[\]{}"']*$/.exec(before)![0];
  const prefixStart = character - word.length;
  if (keyMatch && character >= colon) {
    return { path, kind: 'value', key: unquote(keyMatch[2]), prefix: word, prefixStart, line };
  }
  if (itemMatch && !/:/.test(before.slice(itemMatch[0].length))) {
    // `- ` alone can start a list item or a key of a mapping item: the caller tries both.
    return { path, kind: 'item', prefix: word, prefixStart, line };
  }
  return { path, kind: 'key', prefix: word, prefixStart, line };
}
