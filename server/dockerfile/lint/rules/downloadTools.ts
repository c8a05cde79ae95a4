import type { Rule, RuleReport } from '../rule';
import { commandRange, commandsWithSubcommand, hasOption } from './helpers';

export const wgetProgress: Rule = {
  code: 'DS322',
  level: 'shell',
  name: 'wget-progress',
  title: 'wget without --progress or -q bloats the build log',
  severity: 'info',
  hadolint: ['DL3047'],
  description: 'wget\'s default progress bar writes a line per chunk in a build log. Add `-q`, `-nv` or `--progress=dot:giga`.',
  check(context) {
    return context
      .runCommands('wget')
      .filter(({ command }) => !hasOption(command, 'q', ['--quiet', '--no-verbose', '--progress', '--output-file', '--append-output']) && !command.args.some((arg) => ['-nv', '-o', '-a'].includes(arg.value ?? '') || (arg.value ?? '').startsWith('--progress')))
      .map(({ command }): RuleReport => ({ range: commandRange(context, command), message: 'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`' }));
  },
};

export const yarnCacheClean: Rule = {
  code: 'DS323',
  level: 'shell',
  name: 'yarn-cache-clean',
  title: 'yarn install without yarn cache clean',
  severity: 'info',
  hadolint: ['DL3060'],
  description: 'yarn keeps its cache in the layer unless the same RUN runs `yarn cache clean` (or uses a cache mount). Only the final stage is checked.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const { run, command } of commandsWithSubcommand(context, ['yarn'], ['install', 'add'])) {
      const cleans = run.shell.commands.some((other) => other.name === 'yarn' && other.args[0]?.value === 'cache' && other.args[1]?.value === 'clean');
      if (run.stage === context.lastStage() && !cleans && !/--mount=[^ ]*type=cache/.test(run.instruction.getTextContent())) {
        reports.push({ range: commandRange(context, command), message: '`yarn cache clean` missing after `yarn install`' });
      }
    }
    return reports;
  },
};
