import { baseName, type LintContext, type Stage } from '../context';
import type { Rule, RuleReport } from '../rule';
import { insertFix, parseImageReference } from './helpers';

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
    'A RUN succeeds when the last command of a pipe does: `curl … | tar x` hides a failed download. Pipes fed by `echo` or `printf`, which cannot fail, are not reported. Start the RUN with `set -o pipefail &&` (the quick fix) where the shell has the option: bash, zsh, ksh, and `/bin/sh` of Alpine images (busybox ash). Where `/bin/sh` may be dash (Debian, Ubuntu), which has no pipefail, the advice is `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
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
      const hasOption = PIPEFAIL_SHELLS.has(shellName) || (shellName === 'sh' && isAlpine(context, run.stage));
      const scriptStart = run.source.offsets.at(0);
      reports.push({
        range: context.range(pipe.start, pipe.end),
        message: hasOption
          ? 'Set the pipefail option (`set -o pipefail`) so that a failure on the left of the pipe fails the RUN'
          : 'Set the SHELL option -o pipefail before RUN with a pipe in it: SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        // A RUN that is only a heredoc script starts with its operator, where no command can go.
        fixes: hasOption && !run.shell.onlyHeredocScript ? [insertFix(context, 'Start the RUN with set -o pipefail', scriptStart, 'set -o pipefail && ')] : undefined,
      });
    }
    return reports;
  },
};

/** Whether a stage is built on an Alpine image (its /bin/sh is busybox ash), through the stages of this file it is built on. */
function isAlpine(context: LintContext, stage: Stage | undefined): boolean {
  const seen = new Set<Stage>();
  for (let current = stage; current && !seen.has(current); ) {
    seen.add(current);
    const image = current.from.getImage() ?? '';
    const parent = context.stages.find((other) => other.index < current!.index && other.name?.toLowerCase() === image.toLowerCase());
    if (!parent) {
      const { name, tag } = parseImageReference(image);
      return name === 'alpine' || name.endsWith('/alpine') || /(^|-)alpine/.test(tag ?? '');
    }
    current = parent;
  }
  return false;
}
