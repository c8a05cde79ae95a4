/**
 * The shell script a shell-form RUN hands to its shell, with the Dockerfile offset of every character, so findings
 * on the script land on the exact Dockerfile text (through line continuations, skipped comment lines and heredocs).
 */
import type { Instruction } from 'dockerfile-ast';
import type { TextIndex } from '../textIndex';
import { OffsetMap, OffsetMapBuilder } from './offsetMap';

export interface ShellSource {
  /** The script as the shell receives it. */
  script: string;
  /** The Dockerfile offset of each script character, and of the script's end. */
  offsets: OffsetMap;
}

interface FlagHolder {
  getFlags?(): { getRange(): { end: { line: number; character: number } } }[];
}

/** The script of a shell-form RUN (or CMD/ENTRYPOINT/HEALTHCHECK argument text); undefined for the exec (JSON) form. */
export function shellSourceOf(instruction: Instruction, index: TextIndex, escape: string): ShellSource | undefined {
  const argumentsRange = instruction.getArgumentsRange();
  if (!argumentsRange) {
    return undefined;
  }
  let start = index.offsetAt(argumentsRange.start);
  const end = index.offsetAt(argumentsRange.end);
  const flags = (instruction as FlagHolder).getFlags?.() ?? [];
  for (const flag of flags) {
    start = Math.max(start, index.offsetAt(flag.getRange().end));
  }
  const source = joinContinuations(index.text, start, end, escape);
  const trimmed = source.script.trimStart();
  if (trimmed.startsWith('[') && isJsonArray(source.script.split('\n', 1)[0])) {
    return undefined;
  }
  return source;
}

function isJsonArray(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

/**
 * Joins the first logical line (removing escape+newline continuations and the empty or comment lines inside them,
 * as the builder does), then keeps the rest (heredoc bodies) verbatim.
 */
export function joinContinuations(text: string, start: number, end: number, escape: string): ShellSource {
  // The script is built from runs of the text: [runStart, position) is the run being read.
  let script = '';
  const offsets = new OffsetMapBuilder();
  let position = start;
  while (position < end && (text[position] === ' ' || text[position] === '\t')) {
    position++;
  }
  let runStart = position;
  let lastCharacter = -1;
  const endRun = () => {
    if (position > runStart) {
      script += text.slice(runStart, position);
      offsets.consecutive(runStart, position - runStart);
      lastCharacter = position - 1;
    }
  };
  let inCommandLine = true;
  while (position < end) {
    const char = text[position];
    if (inCommandLine && char === escape && !precededByEscape(text, position, start, escape)) {
      const afterEscape = continuationEnd(text, position + 1, end);
      if (afterEscape !== undefined) {
        endRun();
        position = skipBlankAndCommentLines(text, afterEscape, end);
        runStart = position;
        continue;
      }
    }
    if (char === '\r' && text[position + 1] === '\n') {
      endRun();
      position++;
      runStart = position;
      continue;
    }
    if (char === '\n' && inCommandLine) {
      endRun();
      runStart = position;
      if (!script.includes('<<')) {
        // Without a heredoc the instruction ends with its line, whatever a parser joined after it.
        break;
      }
      inCommandLine = false;
    }
    position++;
  }
  endRun();
  return { script, offsets: offsets.build(lastCharacter >= 0 ? lastCharacter + 1 : position) };
}

/** An escape that is itself escaped (`C:\\dir\\` ends in a literal backslash) does not continue the line. */
function precededByEscape(text: string, position: number, start: number, escape: string): boolean {
  let count = 0;
  for (let cursor = position - 1; cursor >= start && text[cursor] === escape; cursor--) {
    count++;
  }
  return count % 2 === 1;
}

/** When an escape at `position - 1` ends its line (optionally followed by spaces), the offset of the next line. */
function continuationEnd(text: string, position: number, end: number): number | undefined {
  let cursor = position;
  while (cursor < end && (text[cursor] === ' ' || text[cursor] === '\t')) {
    cursor++;
  }
  if (text[cursor] === '\r' && text[cursor + 1] === '\n') {
    return cursor + 2;
  }
  if (text[cursor] === '\n') {
    return cursor + 1;
  }
  return undefined;
}

function skipBlankAndCommentLines(text: string, position: number, end: number): number {
  let cursor = position;
  for (;;) {
    let lineEnd = text.indexOf('\n', cursor);
    if (lineEnd < 0 || lineEnd > end) {
      lineEnd = end;
    }
    const line = text.slice(cursor, lineEnd).trim();
    if ((line === '' || line.startsWith('#')) && lineEnd < end) {
      cursor = lineEnd + 1;
      continue;
    }
    return cursor;
  }
}
