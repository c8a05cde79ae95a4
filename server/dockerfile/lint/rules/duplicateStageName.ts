import type { Rule, RuleReport } from '../rule';

export const duplicateStageName: Rule = {
  code: 'DS104',
  name: 'duplicate-stage-name',
  title: 'Stage names must be unique',
  severity: 'warning',
  hadolint: ['DL3024'],
  buildkit: 'DuplicateStageName',
  description:
    'Two stages with the same name (compared case-insensitively) are ambiguous: the builder warns, and a later `FROM` or `--from=` naming them takes the last one. Give each stage its own name.',
  check(context) {
    const seen = new Set<string>();
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      if (!stage.name) {
        continue;
      }
      const key = stage.name.toLowerCase();
      if (seen.has(key)) {
        reports.push({ range: stage.from.getBuildStageRange()!, message: `Duplicate stage name '${stage.name}', stage names should be unique` });
      }
      seen.add(key);
    }
    return reports;
  },
};
