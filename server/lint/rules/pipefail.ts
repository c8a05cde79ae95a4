import { baseName } from '../context';
import type { Rule, RuleReport } from '../rule';

/** Shells whose `-o pipefail` is worth asking for. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);
/** Builtins that cannot fail when writing into a pipe: `echo "$sum *file" | sha256sum -c -` needs no pipefail. */
const INFALLIBLE_PRODUCERS = new Set(['echo', 'printf', 'true', 'yes']);

export const pipefail: Rule = {
  code: 'DS317',
  name: 'pipefail',
  title: 'RUN with a pipe without pipefail',
  severity: 'warning',
  hadolint: ['DL4006'],
  description:
    'A RUN succeeds when the last command of a pipe does: `curl … | tar x` hides a failed download. Pipes fed by `echo` or `printf`, which cannot fail, are not reported. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` or start the RUN with `set -o pipefail`. Where the shell is `/bin/sh` (dash on Debian has no pipefail) the advice is to switch SHELL.',
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
      reports.push({
        range: context.range(pipe.start, pipe.end),
        message: PIPEFAIL_SHELLS.has(shellName)
          ? 'Set the pipefail option (`set -o pipefail`) so that a failure on the left of the pipe fails the RUN'
          : 'Set the SHELL option -o pipefail before RUN with a pipe in it: SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      });
    }
    return reports;
  },
};
