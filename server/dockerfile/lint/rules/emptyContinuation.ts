import { endsWithContinuation } from '../continuation';
import type { Rule, RuleReport } from '../rule';

export const emptyContinuation: Rule = {
  code: 'DS106',
  name: 'empty-continuation',
  title: 'Empty lines inside a continued instruction',
  severity: 'warning',
  buildkit: 'NoEmptyContinuation',
  description: 'An empty line after a line continuation is skipped today but will be an error in a future Dockerfile syntax. Remove it.',
  check(context) {
    const reports: RuleReport[] = [];
    const escape = context.escape;
    for (const instruction of context.instructions) {
      const range = instruction.getRange();
      let continued = false;
      for (let line = range.start.line; line <= range.end.line; line++) {
        const text = context.index.lineText(line);
        if (continued && text.trim() === '' && line < range.end.line) {
          const start = context.index.lineStart(line);
          const next = context.index.lineStart(line + 1);
          reports.push({
            range: context.range(start, start + text.length),
            message: 'Empty continuation line',
            fixes: [{ title: 'Remove the empty line', edits: [{ range: context.range(start, next), newText: '' }] }],
          });
          continue;
        }
        if (text.trimStart().startsWith('#') && continued) {
          continue;
        }
        continued = endsWithContinuation(text.trimEnd(), escape);
        if (!continued) {
          break;
        }
      }
    }
    return reports;
  },
};

