import type { Rule, RuleReport } from '../rule';

export const redundantTargetPlatform: Rule = {
  code: 'DS114',
  name: 'redundant-target-platform',
  title: 'FROM --platform=$TARGETPLATFORM is the default',
  severity: 'warning',
  buildkit: 'RedundantTargetPlatform',
  description: 'A stage is built for the target platform unless told otherwise; `--platform=$TARGETPLATFORM` adds nothing.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) {
        continue;
      }
      const range = flag.getRange();
      const end = context.index.offsetAt(range.end);
      let removeTo = end;
      while (context.text[removeTo] === ' ' || context.text[removeTo] === '\t') {
        removeTo++;
      }
      reports.push({
        range,
        message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
        fixes: [{ title: 'Remove the --platform flag', edits: [{ range: context.range(context.index.offsetAt(range.start), removeTo), newText: '' }] }],
      });
    }
    return reports;
  },
};
