/** Line continuations as the builder reads them. */
import type { Argument, Instruction } from 'dockerfile-ast';
import type { TextIndex } from './textIndex';

/** A line continues when it ends in an odd number of escapes: `C:\\dir\\` ends in an escaped, literal backslash. */
export function endsWithContinuation(line: string, escape: string): boolean {
  let count = 0;
  for (let cursor = line.length - 1; cursor >= 0 && line[cursor] === escape; cursor--) {
    count++;
  }
  return count % 2 === 1;
}

/**
 * The arguments of an instruction without heredocs, up to the line where the builder ends it. dockerfile-ast
 * continues a line ending in an escaped escape (`C:\\dir\\`) and so swallows the next instruction; this undoes that.
 */
export function instructionArguments(instruction: Instruction, index: TextIndex, escape: string): Argument[] {
  const range = instruction.getRange();
  let line = range.start.line;
  while (line < range.end.line && endsWithContinuation(index.lineText(line).trimEnd(), escape)) {
    line++;
    while (line < range.end.line && /^\s*(#.*)?$/.test(index.lineText(line))) {
      line++;
    }
  }
  const lastLine = line;
  return instruction.getArguments().filter((argument) => argument.getRange().start.line <= lastLine);
}
