import type { Rule, RuleReport } from '../rule';
import { parseJsonArray } from '../context';
import { singleQuotedArray } from './jsonSingleQuotes';

export const jsonArgsRecommended: Rule = {
  code: 'DS107',
  name: 'json-args-recommended',
  title: 'Use the JSON (exec) form for CMD and ENTRYPOINT',
  severity: 'warning',
  hadolint: ['DL3025'],
  buildkit: 'JSONArgsRecommended',
  description:
    'In shell form the command runs under `/bin/sh -c`, which does not pass signals on: the container ignores `docker stop` until it is killed. Write `CMD ["executable", "arg"]`. Stages that set an explicit `SHELL` are left alone.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      if (stage.instructions.some((instruction) => instruction.getKeyword() === 'SHELL')) {
        continue;
      }
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') {
          continue;
        }
        const content = instruction.getRawArgumentsContent();
        // An array in single quotes is meant as the exec form: DS124 json-single-quotes says what is wrong with it.
        if (content && !parseJsonArray(content.trim()) && !singleQuotedArray(content)) {
          reports.push({
            range: instruction.getArgumentsRange() ?? instruction.getInstructionRange(),
            message: `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`,
          });
        }
      }
    }
    return reports;
  },
};
