import type { Rule, RuleReport } from '../rule';
import { commandRange, commandsWithSubcommand, insertFix, operandsAfter, wordRange } from './helpers';

const APK_OPTIONS_WITH_VALUE = ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir'];

export const apkNoCache: Rule = {
  code: 'DS305',
  level: 'shell',
  name: 'apk-no-cache',
  title: 'apk add without --no-cache',
  severity: 'info',
  hadolint: ['DL3019'],
  description: '`apk add --no-cache` fetches the index on the fly and keeps no cache in the layer. RUNs with a cache mount on `/var/cache/apk` are left alone.',
  check(context) {
    return commandsWithSubcommand(context, ['apk'], ['add'], APK_OPTIONS_WITH_VALUE)
      .filter(({ command, run }) => !command.args.some((arg) => arg.value === '--no-cache') && !/--mount=[^ ]*\/var\/cache\/apk/.test(run.instruction.getTextContent() ?? ''))
      .filter(({ run }) => !run.shell.commands.some((other) => other.name === 'rm' && other.args.some((arg) => (arg.value ?? arg.raw).includes('/var/cache/apk'))))
      .map(({ command, subcommand }): RuleReport => ({
        range: commandRange(context, command),
        message: 'Use the --no-cache switch to avoid the need to use --update and remove /var/cache/apk/* when done installing packages',
        fixes: [insertFix(context, 'Add --no-cache', subcommand.end, ' --no-cache')],
      }));
  },
};

export const apkPin: Rule = {
  code: 'DS306',
  level: 'shell',
  name: 'apk-pin',
  title: 'apk add without pinned versions',
  severity: 'info',
  hadolint: ['DL3018'],
  description: '`apk add pkg=1.2.3-r0` makes the build repeatable; Alpine drops old versions from its mirrors, so this is advice.',
  check(context) {
    return commandsWithSubcommand(context, ['apk'], ['add'], APK_OPTIONS_WITH_VALUE).flatMap(({ command, subcommand }) =>
      operandsAfter(command, subcommand, APK_OPTIONS_WITH_VALUE)
        .filter((word) => !/[=<>~$]/.test(word.raw) && !word.raw.endsWith('.apk') && !word.raw.startsWith('.'))
        .map((word): RuleReport => ({ range: wordRange(context, word), message: `Pin versions in apk add: '${word.value ?? word.raw}=<version>'` })),
    );
  },
};
