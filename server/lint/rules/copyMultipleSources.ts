import type { Copy } from 'dockerfile-ast';
import { instructionArguments } from '../continuation';
import type { Rule, RuleReport } from '../rule';

export const copyMultipleSources: Rule = {
  code: 'DS121',
  name: 'copy-multiple-sources',
  title: 'COPY or ADD with several sources needs a folder destination ending in / (or .)',
  severity: 'warning',
  hadolint: ['DL3021'],
  description: 'With more than one source the destination must be a folder written with a trailing `/` (or `.`, the working directory); the build fails otherwise. A warning rather than an error: a continued line ending in `\\` before a blank line can make the reading uncertain.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || (instruction as Copy).getHeredocs().length > 0) {
        continue;
      }
      const content = (instruction.getRawArgumentsContent() ?? '').trim();
      if (content.startsWith('[')) {
        continue;
      }
      const args = instructionArguments(instruction, context.index, context.escape);
      const destination = args.at(-1);
      const value = destination?.getValue().replace(/^["']|["']$/g, '') ?? '';
      const isFolder = value.endsWith('/') || value.endsWith('\\') || /(^|\/)\.\.?$/.test(value);
      if (args.length > 2 && destination && !isFolder && !value.includes('$')) {
        reports.push({
          range: destination.getRange(),
          message: `${keyword} with more than 2 arguments requires the last argument to end with /`,
          fixes: [{ title: 'Add the trailing /', edits: [{ range: { start: destination.getRange().end, end: destination.getRange().end }, newText: '/' }] }],
        });
      }
    }
    return reports;
  },
};
