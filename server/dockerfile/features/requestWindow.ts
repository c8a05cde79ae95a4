/**
 * A small stand-in document for position-based library features (DockerAssist, DockerSignatures), which
 * scan the whole document on every request. The window holds what those features read: the parser directives,
 * the global ARGs, every FROM (stage names), the current stage's WORKDIRs and last ARG/ENV of each name before
 * the cursor, and the instruction under the cursor, in order. Its cost is bounded by the number of declarations, not by the
 * file's length. Positions map to the window by one line offset (the cursor's block is last and contiguous).
 */
import type { Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../parse/parsedDocument';

export interface RequestWindow {
  document: TextDocument;
  position: Position;
  /** Add to a window line to get the document line (valid for the cursor's block only). */
  lineDelta: number;
}

/** Below this many lines the whole document is its own window. */
const SMALL_DOCUMENT_LINES = 400;

export function requestWindow(parsed: ParsedDocument, position: Position): RequestWindow {
  const document = parsed.document;
  const instructions = parsed.instructions;
  const first = instructions[0]?.getRange().start.line ?? Number.MAX_SAFE_INTEGER;
  if (document.lineCount <= SMALL_DOCUMENT_LINES || position.line <= first) {
    return { document, position, lineDelta: 0 };
  }
  const current = parsed.instructionAt(position);
  const cursorStart = current ? current.getRange().start.line : position.line;
  const cursorEnd = current ? current.getRange().end.line : position.line;

  const declarations = parsed.declarations;
  let currentStage = -1;
  let before = 0;
  while (before < declarations.length && declarations[before].start < cursorStart) {
    currentStage = declarations[before].stage;
    before++;
  }
  // Walking back from the cursor: every FROM, every WORKDIR of the stage, and for ARG/ENV only the last
  // declaration of each name in the stage and before the first FROM (what completion lists and resolves).
  const kept: [number, number][] = [];
  const seen = new Map<number, Set<string>>();
  for (let index = before - 1; index >= 0; index--) {
    const block = declarations[index];
    if (!(block.isFrom || block.stage === -1 || block.stage === currentStage)) {
      continue;
    }
    if (block.names.length > 0) {
      const names = seen.get(block.stage) ?? new Set<string>();
      seen.set(block.stage, names);
      const fresh = block.names.filter((name) => !names.has(name));
      if (fresh.length === 0) {
        continue;
      }
      fresh.forEach((name) => names.add(name));
    }
    kept.push([block.start, block.end]);
  }
  const blocks: [number, number][] = [[0, first - 1], ...kept.reverse()];
  blocks.push([cursorStart, cursorEnd]);

  const lines: string[] = [];
  for (const [start, end] of blocks) {
    if (end >= start) {
      lines.push(document.getText({ start: { line: start, character: 0 }, end: { line: end + 1, character: 0 } }).replace(/\r?\n$/, ''));
    }
  }
  const cursorBlockLines = cursorEnd - cursorStart + 1;
  const text = lines.join('\n') + '\n';
  const window = TextDocument.create(document.uri, document.languageId, document.version, text);
  const lineDelta = cursorStart - (window.lineCount - 1 - cursorBlockLines);
  return { document: window, position: { line: position.line - lineDelta, character: position.character }, lineDelta };
}

/** Moves every range of a result found in the window back to document lines. */
export function shiftRanges<T>(value: T, lineDelta: number): T {
  if (lineDelta === 0) {
    return value;
  }
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) {
      return;
    }
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.character === 'number') {
      record.line += lineDelta;
      return;
    }
    for (const child of Object.values(record)) {
      visit(child);
    }
  };
  visit(value);
  return value;
}
