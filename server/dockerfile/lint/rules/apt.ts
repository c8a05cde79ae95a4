/** apt-get rules (one rule each; they share the lookup of `apt-get install`). */
import type { LintContext } from '../context';
import type { Rule, RuleReport } from '../rule';
import { commandRange, commandsWithSubcommand, hasOption, insertFix, operandsAfter, wordRange } from './helpers';

const APT_OPTIONS_WITH_VALUE = ['-o', '-c', '-t', '--target-release', '--option', '--config-file'];

function aptInstalls(context: LintContext) {
  return commandsWithSubcommand(context, ['apt-get'], ['install'], APT_OPTIONS_WITH_VALUE);
}

export const aptGetYes: Rule = {
  code: 'DS302',
  level: 'shell',
  name: 'apt-get-yes',
  title: 'apt-get install without -y',
  severity: 'warning',
  hadolint: ['DL3014'],
  description: 'A build has no one to answer apt-get\'s prompt: without `-y` the install aborts.',
  check(context) {
    return aptInstalls(context)
      .filter(({ command }) => !hasOption(command, 'y', ['--yes', '--assume-yes']) && !command.args.some((arg) => arg.value === '-qq' || arg.value === '-q=2'))
      .map(({ command, subcommand }): RuleReport => ({
        range: commandRange(context, command),
        message: 'Use the -y switch to avoid manual input `apt-get -y install <package>`',
        fixes: [insertFix(context, 'Add -y', subcommand.end, ' -y')],
      }));
  },
};

export const aptGetNoRecommends: Rule = {
  code: 'DS301',
  level: 'shell',
  name: 'apt-get-no-recommends',
  title: 'apt-get install without --no-install-recommends',
  severity: 'info',
  hadolint: ['DL3015'],
  description: 'Recommended packages are installed by default and bloat the image. Add `--no-install-recommends` and name what you need.',
  check(context) {
    return aptInstalls(context)
      .filter(({ command }) => !command.args.some((arg) => arg.value === '--no-install-recommends' || /Install-Recommends=(false|0)/i.test(arg.value ?? '')))
      .map(({ command, subcommand }): RuleReport => ({
        range: commandRange(context, command),
        message: 'Avoid additional packages by specifying `--no-install-recommends`',
        fixes: [insertFix(context, 'Add --no-install-recommends', subcommand.end, ' --no-install-recommends')],
      }));
  },
};

export const aptListsCleanup: Rule = {
  code: 'DS303',
  level: 'shell',
  name: 'apt-lists-cleanup',
  title: 'apt-get lists not deleted in the RUN that installs',
  severity: 'info',
  hadolint: ['DL3009'],
  description:
    'The package lists downloaded by `apt-get update` stay in the layer unless the same RUN removes them: `rm -rf /var/lib/apt/lists/*`. Only the final stage is checked (earlier stages do not ship), and RUNs with a cache mount on `/var/lib/apt` are left alone.',
  check(context) {
    const last = context.lastStage();
    const reports: RuleReport[] = [];
    const seen = new Set<unknown>();
    for (const { run, command } of aptInstalls(context)) {
      if (run.stage !== last || seen.has(run)) {
        continue;
      }
      seen.add(run);
      const text = run.instruction.getTextContent() ?? '';
      if (/--mount=[^ ]*\/var\/lib\/apt/.test(text)) {
        continue;
      }
      const cleans = run.shell.commands.some(
        (other) => (other.name === 'rm' && other.args.some((arg) => (arg.value ?? arg.raw).includes('/var/lib/apt/lists'))),
      );
      if (!cleans) {
        reports.push({ range: commandRange(context, command), message: 'Delete the apt-get lists after installing something: `rm -rf /var/lib/apt/lists/*`' });
      }
    }
    return reports;
  },
};

export const aptGetPin: Rule = {
  code: 'DS304',
  level: 'shell',
  name: 'apt-get-pin',
  title: 'apt-get install without pinned versions',
  severity: 'info',
  hadolint: ['DL3008'],
  description: '`apt-get install pkg=1.2.3` makes the build repeatable. Debian mirrors drop superseded versions, so pins need upkeep: advice, not a warning.',
  check(context) {
    return aptInstalls(context).flatMap(({ command, subcommand }) =>
      operandsAfter(command, subcommand, APT_OPTIONS_WITH_VALUE)
        .filter((word) => !word.raw.includes('=') && !word.raw.includes('$') && !word.raw.endsWith('.deb') && !word.raw.includes('/'))
        .map((word): RuleReport => ({ range: wordRange(context, word), message: `Pin versions in apt-get install: '${word.value ?? word.raw}=<version>'` })),
    );
  },
};

export const aptInsteadOfAptGet: Rule = {
  code: 'DS320',
  level: 'shell',
  name: 'apt-instead-of-apt-get',
  title: 'Use apt-get or apt-cache instead of apt in scripts',
  severity: 'warning',
  hadolint: ['DL3027'],
  description: '`apt` is meant for people; its output and options are not stable for scripts and it warns so on every run.',
  check(context) {
    return context
      .runCommands('apt')
      .filter(({ command }) => command.args.some((arg) => ['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'full-upgrade'].includes(arg.value ?? '')))
      .map(({ command }): RuleReport => {
        const range = context.range(command.words[0].start, command.words[0].end);
        return {
          range,
          message: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
          fixes: command.words[0].raw === 'apt' ? [{ title: 'Use apt-get', edits: [{ range, newText: 'apt-get' }] }] : [],
        };
      });
  },
};
