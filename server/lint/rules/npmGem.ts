import type { Rule, RuleReport } from '../rule';
import { commandsWithSubcommand, operandsAfter, wordRange } from './helpers';

export const npmPin: Rule = {
  code: 'DS309',
  name: 'npm-pin',
  title: 'npm install of a package without a pinned version',
  severity: 'info',
  hadolint: ['DL3016'],
  description: '`npm install -g pkg@1.2.3` makes the build repeatable. `npm install` without packages (from package.json), paths, tarballs and git URLs are left alone.',
  check(context) {
    return commandsWithSubcommand(context, ['npm'], ['install', 'i', 'add'], ['--prefix', '--registry', '--cache']).flatMap(({ command, subcommand }) =>
      operandsAfter(command, subcommand, ['--prefix', '--registry', '--cache'])
        .filter((word) => {
          const value = word.value ?? word.raw;
          const at = value.lastIndexOf('@');
          return at <= 0 && !/[/$:]/.test(value) && !value.startsWith('.') && !/\.t(ar\.)?gz$/.test(value);
        })
        .map((word): RuleReport => ({ range: wordRange(context, word), message: `Pin versions in npm: '${word.value ?? word.raw}@<version>'` })),
    );
  },
};

export const gemPin: Rule = {
  code: 'DS310',
  name: 'gem-pin',
  title: 'gem install without a pinned version',
  severity: 'info',
  hadolint: ['DL3028'],
  description: 'Pin gems with `gem install name:1.2.3` or `-v 1.2.3`.',
  check(context) {
    return commandsWithSubcommand(context, ['gem'], ['install'])
      .filter(({ command }) => !command.args.some((arg) => ['-v', '--version'].includes(arg.value ?? '') || (arg.value ?? '').startsWith('--version=')))
      .flatMap(({ command, subcommand }) =>
        operandsAfter(command, subcommand, ['-i', '--install-dir', '-n', '--bindir', '--source', '-s'])
          .filter((word) => !/[:$/]/.test(word.raw) && !word.raw.endsWith('.gem'))
          .map((word): RuleReport => ({ range: wordRange(context, word), message: `Pin versions in gem install: '${word.value ?? word.raw}:<version>'` })),
      );
  },
};
