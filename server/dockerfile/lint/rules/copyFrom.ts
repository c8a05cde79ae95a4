import type { Copy, Instruction } from 'dockerfile-ast';
import type { LintContext } from '../context';
import type { Rule, RuleReport } from '../rule';

function copyFromFlags(context: LintContext) {
  return context.instructions.flatMap((instruction: Instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') {
      return [];
    }
    const flag = (instruction as Copy).getFlags().find((candidate) => candidate.getName() === 'from');
    const value = flag?.getValue();
    return flag && value && !value.includes('$') ? [{ instruction, flag, value, stage: context.stageOf(instruction) }] : [];
  });
}

export const copyFromSelf: Rule = {
  code: 'DS204',
  name: 'copy-from-self',
  title: 'COPY --from refers to the stage it is in',
  severity: 'error',
  hadolint: ['DL3023'],
  description: 'A stage cannot copy from itself: the build fails with a circular dependency.',
  check(context) {
    return copyFromFlags(context)
      .filter(({ value, stage }) => stage && (value.toLowerCase() === stage.name?.toLowerCase() || value === String(stage.index)))
      .map(({ flag, value }): RuleReport => ({ range: flag.getValueRange() ?? flag.getRange(), message: `COPY --from should reference a previously defined FROM alias, not the current stage '${value}'` }));
  },
};

export const copyFromMissingStage: Rule = {
  code: 'DS203',
  name: 'copy-from-missing-stage',
  title: 'COPY --from refers to a stage that is not defined before it',
  severity: 'warning',
  hadolint: ['DL3022'],
  description: '`--from` takes a previous stage (by name or index) or an image. A later stage or an index past the current stage is a mistake; a plain name that is not a stage is pulled as an image, which is rarely what was meant.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const { flag, value, stage } of copyFromFlags(context)) {
      if (!stage) {
        continue;
      }
      const earlier = context.stages.filter((other) => other.index < stage.index);
      const range = flag.getValueRange() ?? flag.getRange();
      if (/^\d+$/.test(value)) {
        if (Number(value) > stage.index) {
          reports.push({ range, message: `COPY --from=${value} refers to a stage index that is not defined before this one` });
        }
        continue;
      }
      if (earlier.some((other) => other.name?.toLowerCase() === value.toLowerCase()) || value.toLowerCase() === stage.name?.toLowerCase()) {
        continue;
      }
      const later = context.stages.some((other) => other.index > stage.index && other.name?.toLowerCase() === value.toLowerCase());
      const looksLikeImage = /[:/@.]/.test(value);
      if (later) {
        reports.push({ range, message: `COPY --from=${value} refers to a stage defined later in the file` });
      } else if (!looksLikeImage) {
        reports.push({ range, message: `COPY --from=${value} is not a stage defined before it: it will be pulled as an image` });
      }
    }
    return reports;
  },
};
