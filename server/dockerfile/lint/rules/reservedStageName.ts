import type { Rule } from '../rule';

const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: Rule = {
  code: 'DS105',
  name: 'reserved-stage-name',
  title: 'Stage names must not be reserved words',
  severity: 'warning',
  buildkit: 'ReservedStageName',
  description: '`scratch` and `context` have a meaning of their own in `FROM` and `--from`; a stage cannot take those names.',
  check(context) {
    return context.stages
      .filter((stage) => stage.name && RESERVED.has(stage.name.toLowerCase()))
      .map((stage) => ({
        range: stage.from.getBuildStageRange()!,
        message: `'${stage.name}' is reserved and should not be used as a stage name`,
      }));
  },
};
