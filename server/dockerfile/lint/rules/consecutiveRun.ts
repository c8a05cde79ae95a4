import type { Rule, RuleReport } from '../rule';

export const consecutiveRun: Rule = {
  code: 'DS319',
  name: 'consecutive-run',
  title: 'Consecutive RUN instructions could be merged',
  severity: 'info',
  enabledByDefault: false,
  hadolint: ['DL3059'],
  description: 'Each RUN makes a layer; consecutive RUNs without flags can often be joined with `&&`. Off by default: separate RUNs also make better cache boundaries.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      for (let i = 1; i < stage.instructions.length; i++) {
        const previous = stage.instructions[i - 1];
        const current = stage.instructions[i];
        const plain = (instruction: typeof current) => {
          const text = context.text.slice(context.index.offsetAt(instruction.getInstructionRange().end), context.index.offsetAt(instruction.getRange().end)).trimStart();
          return !text.startsWith('--') && !text.startsWith('[');
        };
        if (previous.getKeyword() === 'RUN' && current.getKeyword() === 'RUN' && plain(previous) && plain(current)) {
          reports.push({ range: current.getInstructionRange(), message: 'Multiple consecutive RUN instructions. Consider consolidation' });
        }
      }
    }
    return reports;
  },
};
