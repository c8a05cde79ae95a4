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

/** A line continues when it ends in an odd number of escapes: `C:\\dir\\` ends in an escaped, literal backslash. */
function endsWithContinuation(line: string, escape: string): boolean {
  let count = 0;
  for (let cursor = line.length - 1; cursor >= 0 && line[cursor] === escape; cursor--) {
    count++;
  }
  return count % 2 === 1;
}
