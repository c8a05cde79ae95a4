/**
 * `Instruction.getRawArguments` for the common case, a one-line instruction without escape characters: its
 * arguments are the runs of non-whitespace characters, and their positions are columns on the instruction's
 * line. The library's general scanner builds each value a character at a time and asks the document for each
 * position; this gives the same arguments (values, ranges) without either. Anything else goes to the library.
 */
import { Argument } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast/lib/instruction';
import type { Position, Range } from 'vscode-languageserver-types';

interface InstructionInternals {
  document: { getText(): string; offsetAt(position: Position): number };
  escapeChar: string;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The arguments of a one-line instruction without escape characters, or undefined for any other. */
export function simpleRawArguments(instruction: Instruction): Argument[] | undefined {
  const range: Range = instruction.getRange();
  if (range.start.line !== range.end.line) {
    return undefined;
  }
  const { document, escapeChar } = instruction as unknown as InstructionInternals;
  const keywordEnd = instruction.getInstructionRange().end;
  const text = document.getText();
  const from = document.offsetAt(keywordEnd);
  const to = document.offsetAt(range.end);
  const line = range.start.line;
  // Columns count from the keyword's end, on the same line.
  const column = keywordEnd.character - from;
  const args: Argument[] = [];
  let found = -1;
  for (let offset = from; offset < to; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 10 || code === 13 || text[offset] === escapeChar) {
      return undefined;
    }
    if (isWhitespace(code)) {
      if (found !== -1) {
        args.push(argument(text, line, column, found, offset));
        found = -1;
      }
    } else if (found === -1) {
      found = offset;
    }
  }
  if (found !== -1) {
    args.push(argument(text, line, column, found, to));
  }
  return args;
}

function argument(text: string, line: number, column: number, start: number, end: number): Argument {
  return new Argument(text.slice(start, end), {
    start: { line, character: column + start },
    end: { line, character: column + end },
  });
}
