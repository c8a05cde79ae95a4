import type { Copy } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import type { LintContext } from '../context';
import { instructionArguments } from '../continuation';
import type { Rule, RuleReport } from '../rule';

interface Destination {
  /** How many paths the instruction names, the destination included. */
  paths: number;
  /** The destination without its quotes. */
  value: string;
  range: Range;
  /** Where a trailing `/` goes (inside the closing quote of a JSON string). */
  slashAt: Position;
}

export const copyMultipleSources: Rule = {
  code: 'DS121',
  name: 'copy-multiple-sources',
  title: 'COPY or ADD with several sources needs a folder destination ending in / (or .)',
  severity: 'warning',
  hadolint: ['DL3021'],
  description: 'With more than one source the destination must be a folder written with a trailing `/` (or `.`, the working directory); the build fails otherwise. A warning rather than an error: a destination that already is a folder in the image is accepted, which cannot be known from the Dockerfile, and a continued line ending in `\\` before a blank line can make the reading uncertain.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || (instruction as Copy).getHeredocs().length > 0) {
        continue;
      }
      const destination = destinationOf(instruction as Copy, context);
      if (destination && destination.paths > 2 && !isFolder(destination.value) && !destination.value.includes('$')) {
        reports.push({
          range: destination.range,
          message: `${keyword} with more than 2 arguments requires the last argument to end with /`,
          fixes: [{ title: 'Add the trailing /', edits: [{ range: { start: destination.slashAt, end: destination.slashAt }, newText: '/' }] }],
        });
      }
    }
    return reports;
  },
};

function destinationOf(instruction: Copy, context: LintContext): Destination | undefined {
  if (instruction.getClosingBracket()) {
    const strings = instruction.getJSONStrings();
    const last = strings.at(-1);
    if (!last) {
      return undefined;
    }
    const range = last.getRange();
    return { paths: strings.length, value: last.getJSONValue(), range, slashAt: { line: range.end.line, character: range.end.character - 1 } };
  }
  if ((instruction.getRawArgumentsContent() ?? '').trim().startsWith('[')) {
    // An unterminated JSON array: the builder's reading of it is uncertain.
    return undefined;
  }
  const args = instructionArguments(instruction, context.index, context.escape);
  const last = args.at(-1);
  if (!last) {
    return undefined;
  }
  return { paths: args.length, value: last.getValue().replace(/^["']|["']$/g, ''), range: last.getRange(), slashAt: last.getRange().end };
}

/** A folder for certain: a trailing separator, or `.`/`..` as the last path element. */
function isFolder(value: string): boolean {
  return value.endsWith('/') || value.endsWith('\\') || /(^|\/)\.\.?$/.test(value);
}
