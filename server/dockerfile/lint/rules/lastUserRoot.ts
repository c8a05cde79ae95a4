import type { Rule } from '../rule';

export const lastUserRoot: Rule = {
  code: 'DS207',
  name: 'last-user-root',
  title: 'The final image runs as root because its last USER is root',
  severity: 'warning',
  hadolint: ['DL3002'],
  description: 'Switching back to `root` at the end makes the container run as root. Switch to an unprivileged user last.',
  check(context) {
    const last = context.lastStage()?.instructions.filter((instruction) => instruction.getKeyword() === 'USER').at(-1);
    if (!last) {
      return [];
    }
    const user = (last.getArgumentsContent() ?? '').trim().split(':')[0];
    return user === 'root' || user === '0'
      ? [{ range: last.getArgumentsRange() ?? last.getInstructionRange(), message: 'Last USER should not be root' }]
      : [];
  },
};
