import type { Rule, RuleReport } from '../rule';

export const workdirRelative: Rule = {
  code: 'DS111',
  name: 'workdir-relative',
  title: 'Relative WORKDIR without an absolute one before it',
  severity: 'warning',
  hadolint: ['DL3000'],
  buildkit: 'WorkdirRelativePath',
  description: 'A relative `WORKDIR` depends on the base image\'s working directory, which may change. Use an absolute path first.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      let absoluteSet = false;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') {
          continue;
        }
        const path = (instruction.getArgumentsContent() ?? '').trim().replace(/^["']|["']$/g, '');
        const absolute = path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
        if (!absolute && path && !absoluteSet) {
          reports.push({
            range: instruction.getArgumentsRange() ?? instruction.getInstructionRange(),
            message: `Relative workdir '${path}' can have unexpected results if the base image changes`,
          });
        }
        absoluteSet ||= absolute;
      }
    }
    return reports;
  },
};
