import { baseName, type LintContext, type RunScript, type Stage } from '../context';
import type { Rule, RuleReport } from '../rule';
import type { QuickFix } from '../types';
import { insertFix, parseImageReference } from './helpers';

/** Shells whose `-o pipefail` is worth asking for. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);
/** Builtins that cannot fail when writing into a pipe: `echo "$sum *file" | sha256sum -c -` needs no pipefail. */
const INFALLIBLE_PRODUCERS = new Set(['echo', 'printf', 'true', 'yes']);

export const pipefail: Rule = {
  code: 'DS317',
  level: 'shell',
  name: 'pipefail',
  title: 'RUN with a pipe without pipefail',
  severity: 'warning',
  hadolint: ['DL4006'],
  description:
    'A RUN succeeds when the last command of a pipe does: `curl … | tar x` hides a failed download. Pipes fed by `echo` or `printf`, which cannot fail, are not reported. Set the option in the RUN (the quick fix adds `-o pipefail` to a leading `set -eux`, or starts the RUN with `set -o pipefail &&`) where the shell has it: bash, zsh, ksh, and `/bin/sh` of Alpine images (busybox ash). Where `/bin/sh` may be dash (Debian, Ubuntu), which has no pipefail, the advice is `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const run of context.runScripts()) {
      const pipes = run.shell.pipes.filter((pipe) => !INFALLIBLE_PRODUCERS.has(pipe.producer ?? ''));
      if (pipes.length === 0) {
        continue;
      }
      const shellHasPipefail = run.shellCommand.includes('pipefail');
      const scriptSetsPipefail = run.shell.commands.some(
        (command) => command.name === 'set' && command.args.some((arg, i) => arg.value === 'pipefail' && /^-[a-z]*o$/.test(command.args[i - 1]?.value ?? '')),
      );
      if (shellHasPipefail || scriptSetsPipefail) {
        continue;
      }
      const shellName = baseName(run.shellCommand[0] ?? '/bin/sh');
      const pipe = pipes[0];
      const canSetOption = PIPEFAIL_SHELLS.has(shellName) || (shellName === 'sh' && isAlpine(context, run.stage));
      reports.push({
        range: context.range(pipe.start, pipe.end),
        message: canSetOption
          ? 'Set the pipefail option (`set -o pipefail`) so that a failure on the left of the pipe fails the RUN'
          : 'Set the SHELL option -o pipefail before RUN with a pipe in it: SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        fixes: canSetOption ? pipefailFix(context, run) : undefined,
      });
    }
    return reports;
  },
};

/**
 * `set -o pipefail` for a RUN: added to the `set` that opens the script (`set -eux` becomes `set -eux -o pipefail`,
 * the docker-library style), else put in front of it. None for a RUN that is only a heredoc script: it starts with
 * the operator, where no command can go.
 */
function pipefailFix(context: LintContext, run: RunScript): QuickFix[] | undefined {
  if (run.shell.onlyHeredocScript) {
    return undefined;
  }
  const first = run.shell.commands[0];
  if (first?.name === 'set' && first.args.length > 0 && first.args.every((arg) => /^[-+][a-z]+$/.test(arg.value ?? '')) && first.start === run.source.offsets.at(0)) {
    return [insertFix(context, 'Add -o pipefail to set', first.end, ' -o pipefail')];
  }
  return [insertFix(context, 'Start the RUN with set -o pipefail', run.source.offsets.at(0), 'set -o pipefail && ')];
}

/** Whether a stage is built on an Alpine image (its /bin/sh is busybox ash), through the stages of this file it is built on. */
function isAlpine(context: LintContext, stage: Stage | undefined): boolean {
  const external = stage && context.stageChain(stage).at(-1);
  const { name, tag } = parseImageReference(external?.from.getImage() ?? '');
  return name === 'alpine' || name.endsWith('/alpine') || /(^|-)alpine/.test(tag ?? '');
}
