/** Shell habits in RUN: cd, sudo, both curl and wget, a symbolic link replacing /bin/sh. */
import type { Rule, RuleReport } from '../rule';
import { commandRange, hasOption } from './helpers';

export const cdInsteadOfWorkdir: Rule = {
  code: 'DS314',
  level: 'shell',
  name: 'cd-instead-of-workdir',
  title: 'cd to a folder that WORKDIR could set',
  severity: 'info',
  hadolint: ['DL3003'],
  description:
    '`WORKDIR /app` sets the folder for every later instruction; `cd` lasts one RUN. Entering a folder for one build step (`cd src && make`) is fine, so this is advice, reported only for a `cd` to an absolute path at the start of a RUN.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const run of context.runScripts()) {
      const first = run.shell.commands[0];
      if (first && first.name === 'cd' && first.args[0]?.value?.startsWith('/')) {
        reports.push({ range: commandRange(context, first), message: 'Use WORKDIR to switch to a directory' });
      }
    }
    return reports;
  },
};

export const sudo: Rule = {
  code: 'DS315',
  level: 'shell',
  name: 'sudo',
  title: 'sudo in RUN',
  severity: 'warning',
  hadolint: ['DL3004'],
  description: 'RUN already runs as the current USER; `sudo` has unpredictable TTY and signal behaviour. Switch with `USER root` (or use `gosu` at run time).',
  check(context) {
    return context.runCommands('sudo').map(({ command }): RuleReport => ({ range: context.range(command.words[0].start, command.words[0].end), message: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root' }));
  },
};

export const curlAndWget: Rule = {
  code: 'DS316',
  level: 'shell',
  name: 'curl-and-wget',
  title: 'Both curl and wget are used',
  severity: 'info',
  hadolint: ['DL4001'],
  description: 'Pick one download tool per image so only one is installed. Reported on the first use of the less-used tool in the final stage.',
  check(context) {
    const last = context.lastStage();
    const inLast = context.runCommands('curl', 'wget').filter(({ run }) => run.stage === last);
    const curl = inLast.filter(({ command }) => command.name.endsWith('curl'));
    const wget = inLast.filter(({ command }) => command.name.endsWith('wget'));
    if (curl.length === 0 || wget.length === 0) {
      return [];
    }
    const minority = curl.length < wget.length ? curl : wget;
    return [{ range: commandRange(context, minority[0].command), message: 'Either use wget or curl but not both' }];
  },
};

/** `ln -t DIR` and `ln -S SUFFIX`: the next word is the option's. */
const LN_OPTIONS_WITH_VALUE = ['-t', '--target-directory', '-S', '--suffix'];

export const shellInsteadOfLink: Rule = {
  code: 'DS325',
  level: 'shell',
  name: 'shell-instead-of-link',
  title: 'A symbolic link replaces /bin/sh: use SHELL',
  severity: 'warning',
  hadolint: ['DL4005'],
  description:
    '`RUN ln -sf /bin/bash /bin/sh` changes the shell of every later RUN behind the builder\'s back, and of every program in the image that runs `/bin/sh`. `SHELL ["/bin/bash", "-c"]` changes only the shell RUN uses, and says so where the reader looks.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const { command } of context.runCommands('ln')) {
      const operands = [];
      for (let index = 0; index < command.args.length; index++) {
        const value = command.args[index].value ?? '';
        if (LN_OPTIONS_WITH_VALUE.includes(value)) {
          index++;
        } else if (!value.startsWith('-')) {
          operands.push(command.args[index]);
        }
      }
      const target = operands.at(-1);
      if (operands.length >= 2 && target?.value === '/bin/sh' && hasOption(command, 's', ['--symbolic'])) {
        reports.push({ range: commandRange(context, command), message: 'Use SHELL to change the default shell' });
      }
    }
    return reports;
  },
};
