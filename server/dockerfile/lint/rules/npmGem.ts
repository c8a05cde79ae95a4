/** Version pins for language package installers: npm, gem, go install. */
import type { Rule, RuleReport } from '../rule';
import { commandsWithSubcommand, operandsAfter, wordRange } from './helpers';

export const npmPin: Rule = {
  code: 'DS309',
  level: 'shell',
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
  level: 'shell',
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

/** `go install` (and `go build`) flags that take a separate value (`-tags netgo`). */
const GO_FLAGS_WITH_VALUE = ['-tags', '-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-mod', '-modfile', '-overlay', '-pkgdir', '-p', '-buildmode', '-compiler', '-installsuffix', '-toolexec', '-C', '-pgo', '-covermode', '-coverpkg'];

export const goInstallPin: Rule = {
  code: 'DS324',
  level: 'shell',
  name: 'go-install-pin',
  title: 'go install of a module without a version',
  severity: 'info',
  hadolint: ['DL3062'],
  description:
    '`go install example.com/tool@v1.2.3` installs that version whatever the module publishes later; `@latest` or no version does not. Packages of the build context (`./cmd/app`, `.`) take their versions from its go.mod and are left alone.',
  check(context) {
    return commandsWithSubcommand(context, ['go'], ['install'], GO_FLAGS_WITH_VALUE).flatMap(({ command, subcommand }) =>
      operandsAfter(command, subcommand, GO_FLAGS_WITH_VALUE)
        .filter((word) => {
          const value = word.value ?? word.raw;
          const version = value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : undefined;
          const local = value.startsWith('.') || value.startsWith('/') || !value.includes('/');
          return !local && !value.includes('$') && (version === undefined || version === 'latest');
        })
        .map((word): RuleReport => {
          const value = word.value ?? word.raw;
          return { range: wordRange(context, word), message: `Pin versions in go install: '${value.split('@')[0]}@<version>'` };
        }),
    );
  },
};
