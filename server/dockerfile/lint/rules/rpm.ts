/** yum / dnf / microdnf / zypper: non-interactive installs, cache cleanup, version pins, no distribution upgrade. */
import type { LintContext } from '../context';
import type { Rule, RuleReport } from '../rule';
import { commandRange, commandsWithSubcommand, hasOption, operandsAfter, wordRange } from './helpers';

const MANAGERS = ['yum', 'dnf', 'microdnf', 'zypper', 'tdnf'];
const INSTALL = ['install', 'in', 'groupinstall', 'localinstall', 'reinstall'];
const OPTIONS_WITH_VALUE = ['--setopt', '--enablerepo', '--disablerepo', '--repo', '--installroot', '--releasever', '-c', '--config', '--exclude', '-x'];

function installs(context: LintContext) {
  return commandsWithSubcommand(context, MANAGERS, INSTALL, OPTIONS_WITH_VALUE);
}

export const rpmNonInteractive: Rule = {
  code: 'DS311',
  level: 'shell',
  name: 'rpm-non-interactive',
  title: 'yum/dnf/zypper install without -y (or -n)',
  severity: 'warning',
  hadolint: ['DL3030', 'DL3038', 'DL3034'],
  description: 'Without `-y` (`zypper -n`), the install waits for an answer that never comes. microdnf never asks.',
  check(context) {
    return installs(context)
      .filter(({ command }) => {
        const name = command.name.split('/').pop();
        if (name === 'microdnf') {
          return false;
        }
        if (name === 'zypper') {
          return !hasOption(command, 'ny', ['--non-interactive', '--no-confirm']);
        }
        return !hasOption(command, 'y', ['--assumeyes']);
      })
      .map(({ command }): RuleReport => ({ range: commandRange(context, command), message: `Use the -y switch to avoid manual input \`${command.name} install -y <package>\`` }));
  },
};

export const rpmClean: Rule = {
  code: 'DS312',
  level: 'shell',
  name: 'rpm-clean',
  title: 'yum/dnf/zypper cache not cleaned in the RUN that installs',
  severity: 'info',
  hadolint: ['DL3032', 'DL3040', 'DL3036'],
  description: 'Add `yum clean all` / `dnf clean all` / `zypper clean` (or remove the cache folder) in the RUN that installs, so the cache does not ship in the layer. Only the final stage is checked.',
  check(context) {
    const reports: RuleReport[] = [];
    const seen = new Set<unknown>();
    for (const { run, command } of installs(context)) {
      if (run.stage !== context.lastStage() || seen.has(run)) {
        continue;
      }
      seen.add(run);
      const cleans = run.shell.commands.some(
        (other) =>
          (MANAGERS.includes(other.name.split('/').pop() ?? '') && other.args.some((arg) => arg.value === 'clean' || arg.value === 'cc')) ||
          (other.name === 'rm' && other.args.some((arg) => /\/var\/cache\/(yum|dnf|zypp)|\/var\/cache\/?\*?$/.test(arg.value ?? arg.raw))),
      );
      if (!cleans && !/--mount=[^ ]*type=cache/.test(run.instruction.getTextContent() ?? '')) {
        reports.push({ range: commandRange(context, command), message: `\`${command.name} clean all\` missing after ${command.name} install` });
      }
    }
    return reports;
  },
};

export const rpmPin: Rule = {
  code: 'DS313',
  level: 'shell',
  name: 'rpm-pin',
  title: 'yum/dnf/zypper install without pinned versions',
  severity: 'info',
  hadolint: ['DL3033', 'DL3041', 'DL3037'],
  description: 'Pin packages (`yum install -y httpd-2.4.57`, `zypper install pkg=1.2`) for repeatable builds; advice, since old versions leave the mirrors.',
  check(context) {
    return installs(context).flatMap(({ command, subcommand }) =>
      operandsAfter(command, subcommand, OPTIONS_WITH_VALUE)
        .filter((word) => {
          const value = word.value ?? word.raw;
          return !/[=<>$/]/.test(value) && !/-\d/.test(value) && !value.endsWith('.rpm') && !value.startsWith('@');
        })
        .map((word): RuleReport => ({ range: wordRange(context, word), message: `Pin versions in ${command.name} install: '${word.value ?? word.raw}-<version>'` })),
    );
  },
};

export const zypperDistUpgrade: Rule = {
  code: 'DS326',
  level: 'shell',
  name: 'zypper-dist-upgrade',
  title: 'zypper dist-upgrade in RUN',
  severity: 'warning',
  hadolint: ['DL3035'],
  description:
    '`zypper dist-upgrade` moves the image to whatever the repositories hold at build time, package removals and vendor changes included, so two builds of one Dockerfile differ. Start from a newer base image, or `zypper update` named packages.',
  check(context) {
    return commandsWithSubcommand(context, ['zypper'], ['dist-upgrade', 'dup'], OPTIONS_WITH_VALUE).map(({ command }): RuleReport => ({
      range: commandRange(context, command),
      message: 'Do not use zypper dist-upgrade',
    }));
  },
};
