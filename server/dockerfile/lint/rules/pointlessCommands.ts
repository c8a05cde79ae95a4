import type { Rule, RuleReport } from '../rule';

/** `service`, `kill` and `ps` are left out: starting a database to seed it, or stopping a helper started in the same RUN, is real work. */
const POINTLESS = new Set(['ssh', 'vim', 'vi', 'nano', 'emacs', 'shutdown', 'reboot', 'top', 'htop', 'ifconfig']);

export const pointlessCommands: Rule = {
  code: 'DS321',
  level: 'shell',
  name: 'pointless-command',
  title: 'A command that makes no sense in a build step',
  severity: 'info',
  hadolint: ['DL3001'],
  description: 'Interactive tools (`vim`, `ssh`, `top`) and `shutdown`/`reboot` do nothing useful while building a layer: no one is there to use them.',
  check(context) {
    return context
      .runCommands(...POINTLESS)
      .map(({ command }): RuleReport => ({ range: context.range(command.words[0].start, command.words[0].end), message: `'${command.name}' makes no sense in a container build step` }));
  },
};
