import type { Rule, RuleReport } from '../rule';

/** The parser directives BuildKit knows; any other `# key=value` line is a comment to it. */
const DIRECTIVES = new Set(['syntax', 'escape', 'check']);

export const directiveCasing: Rule = {
  code: 'DS125',
  name: 'directive-casing',
  title: 'Parser directives should be lowercase',
  severity: 'warning',
  description:
    'BuildKit reads the names of parser directives in any case, but the convention, and other tools that read Dockerfiles, expect lowercase: write `# escape=`, `# syntax=` and `# check=`, not `# Escape=`.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const directive of context.dockerfile.getDirectives()) {
      const name = directive.getName();
      if (name !== name.toLowerCase() && DIRECTIVES.has(name.toLowerCase())) {
        const range = directive.getNameRange();
        reports.push({
          range,
          message: `Parser directive '${name}' should be written in lowercase`,
          fixes: [{ title: `Write '${name.toLowerCase()}'`, edits: [{ range, newText: name.toLowerCase() }] }],
        });
      }
    }
    return reports;
  },
};
