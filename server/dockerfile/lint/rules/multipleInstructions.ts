import type { Rule, RuleReport } from '../rule';

const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructions: Rule = {
  code: 'DS112',
  name: 'multiple-instructions',
  title: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect',
  severity: 'warning',
  hadolint: ['DL4003', 'DL4004', 'DL3012'],
  buildkit: 'MultipleInstructionsDisallowed',
  description: 'Earlier `CMD`, `ENTRYPOINT` and `HEALTHCHECK` instructions of the same stage are overridden by the last one: remove them.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      for (const keyword of SINGLE) {
        const found = stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
        for (const instruction of found.slice(0, -1)) {
          reports.push({
            range: instruction.getInstructionRange(),
            message: `Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used`,
          });
        }
      }
    }
    return reports;
  },
};
