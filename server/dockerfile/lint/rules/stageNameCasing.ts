import type { Rule } from '../rule';

export const stageNameCasing: Rule = {
  code: 'DS102',
  name: 'stage-name-casing',
  title: 'Stage names should be lowercase',
  severity: 'warning',
  buildkit: 'StageNameCasing',
  description: 'Stage names are matched case-insensitively by `--from` and `--target`; writing them in lowercase avoids two spellings of one stage.',
  check(context) {
    return context.stages
      .filter((stage) => stage.name && stage.name !== stage.name.toLowerCase() && !stage.name.includes('$'))
      .map((stage) => ({
        range: stage.from.getBuildStageRange()!,
        message: `Stage name '${stage.name}' should be lowercase`,
      }));
  },
};
