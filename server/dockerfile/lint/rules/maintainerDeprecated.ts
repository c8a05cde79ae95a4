import type { Rule } from '../rule';

export const maintainerDeprecated: Rule = {
  code: 'DS108',
  name: 'maintainer-deprecated',
  title: 'MAINTAINER is deprecated: use a label',
  severity: 'warning',
  hadolint: ['DL4000'],
  buildkit: 'MaintainerDeprecated',
  description: 'Write `LABEL org.opencontainers.image.authors="name <mail>"` instead of `MAINTAINER`.',
  check(context) {
    return context.instructionsNamed('MAINTAINER').map((instruction) => {
      const value = (instruction.getArgumentsContent() ?? '').trim();
      return {
        range: instruction.getInstructionRange(),
        message: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
        fixes: [
          {
            title: 'Replace with LABEL org.opencontainers.image.authors',
            edits: [{ range: instruction.getRange(), newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(value)}` }],
          },
        ],
      };
    });
  },
};
