import type { Rule, RuleReport } from '../rule';

/** `FROM image AS name`: the `AS` keyword's casing should match `FROM`'s. */
export const fromAsCasing: Rule = {
  code: 'DS101',
  name: 'from-as-casing',
  title: 'The AS keyword should match the casing of FROM',
  severity: 'warning',
  buildkit: 'FromAsCasing',
  description: 'Write `FROM image AS name` or `from image as name`, not a mix: mixed casing reads as a mistake.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const args = stage.from.getArguments();
      const keyword = stage.from.getInstruction();
      const as = args.find((arg, i) => i > 0 && arg.getValue().toLowerCase() === 'as');
      if (!as) {
        continue;
      }
      const upper = keyword === keyword.toUpperCase();
      const lower = keyword === keyword.toLowerCase();
      const expected = upper ? 'AS' : lower ? 'as' : undefined;
      if (expected && as.getValue() !== expected) {
        reports.push({
          range: as.getRange(),
          message: `'${as.getValue()}' and '${keyword}' keywords' casing do not match`,
          fixes: [{ title: `Write '${expected}'`, edits: [{ range: as.getRange(), newText: expected }] }],
        });
      }
    }
    return reports;
  },
};
