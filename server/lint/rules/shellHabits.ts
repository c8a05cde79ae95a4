/** Shell habits in RUN: cd, sudo, both curl and wget. */
import type { Rule, RuleReport } from '../rule';
import { commandRange } from './helpers';

export const cdInsteadOfWorkdir: Rule = {
  code: 'DS314',
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
