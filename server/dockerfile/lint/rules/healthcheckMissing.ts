import type { Rule } from '../rule';

export const healthcheckMissing: Rule = {
  code: 'DS209',
  name: 'healthcheck-missing',
  title: 'The final image has no HEALTHCHECK',
  severity: 'info',
  enabledByDefault: false,
  hadolint: ['DL3057'],
  description:
    'Without `HEALTHCHECK`, Docker reports a container as running while its service hangs. Off by default: many images are not services, and an orchestrator often probes on its own. A HEALTHCHECK in an earlier stage the final one is built `FROM` counts, and so does `HEALTHCHECK NONE`; one inherited from an external base image cannot be seen here.',
  check(context) {
    const last = context.lastStage();
    if (!last) {
      return [];
    }
    const chain = context.stageChain(last);
    if (chain.some((stage) => stage.instructions.some((instruction) => instruction.getKeyword() === 'HEALTHCHECK'))) {
      return [];
    }
    return [{ range: last.from.getInstructionRange(), message: 'HEALTHCHECK instruction missing' }];
  },
};

