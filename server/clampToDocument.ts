/**
 * Positions and ranges a request carries, made to lie inside the document before any feature (or library) sees
 * them. A client may send any numbers: a range ending on line 1e9 made dockerfile-utils' formatter build edits up to
 * that line until the process ran out of memory. As the protocol says, a character past the end of its line means
 * the end of the line; a line past the last means the end of the document, a negative number the start.
 */
import type { Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** A copy of `params` with every position in it (at any depth, in ranges too) moved inside `document`. */
export function clampToDocument<T>(params: T, document: TextDocument): T {
  return clampValue(params, document, 0) as T;
}

/** Deeper than any request's parameters go (a code action's diagnostics carry their related information and data). */
const MAX_DEPTH = 16;

function clampValue(value: unknown, document: TextDocument, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => clampValue(item, document, depth + 1));
  }
  const record = value as Record<string, unknown>;
  if ('line' in record && 'character' in record) {
    return { ...record, ...clampPosition(record.line, record.character, document) };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    copy[key] = clampValue(child, document, depth + 1);
  }
  if (isPosition(copy.start) && isPosition(copy.end) && after(copy.start, copy.end)) {
    // A range that ends before it starts is empty where it starts.
    copy.end = copy.start;
  }
  return copy;
}

function clampPosition(line: unknown, character: unknown, document: TextDocument): Position {
  const lastLine = document.lineCount - 1;
  const wantedLine = whole(line);
  if (wantedLine > lastLine) {
    return document.positionAt(document.getText().length);
  }
  const clampedLine = Math.max(0, wantedLine);
  const lineStart = document.offsetAt({ line: clampedLine, character: 0 });
  // offsetAt keeps an offset on its line, before the line break.
  const lineEnd = document.offsetAt({ line: clampedLine, character: Number.MAX_SAFE_INTEGER });
  return { line: clampedLine, character: Math.min(Math.max(0, whole(character)), lineEnd - lineStart) };
}

/** A number as a whole number; anything else as 0. */
function whole(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return 0;
  }
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Math.trunc(value)));
}

function isPosition(value: unknown): value is Position {
  return typeof value === 'object' && value !== null && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

function after(a: Position, b: Position): boolean {
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}
