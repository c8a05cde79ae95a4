import type { LintContext, RunCommand } from '../context';
import type { Rule, RuleReport } from '../rule';
import type { ShellWord } from '../shell/parse';
import { insertFix, operandsAfter, wordRange } from './helpers';

const PIP_OPTIONS_WITH_VALUE = ['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--trusted-host', '--progress-bar', '--src', '--upgrade-strategy', '--only-binary', '--no-binary', '--cache-dir', '--log', '--proxy', '--timeout', '--retries'];

/** `pip install …`, `pip3 install …` and `python -m pip install …`, with the word `install`. */
function pipInstalls(context: LintContext): (RunCommand & { install: ShellWord })[] {
  const found: (RunCommand & { install: ShellWord })[] = [];
  for (const entry of context.runCommands()) {
    const words = entry.command.words;
    const name = (entry.command.name.split('/').pop() ?? '').toLowerCase();
    let at = -1;
    if (/^pip[0-9.]*$/.test(name)) {
      at = 1;
    } else if (/^python[0-9.]*$/.test(name) && words[1]?.value === '-m' && words[2]?.value === 'pip') {
      at = 3;
    }
    const install = at > 0 ? words.slice(at).find((word) => !(word.value ?? '').startsWith('-')) : undefined;
    if (install?.value === 'install') {
      found.push({ ...entry, install });
    }
  }
  return found;
}

export const pipNoCacheDir: Rule = {
  code: 'DS307',
  level: 'shell',
  name: 'pip-no-cache-dir',
  title: 'pip install without --no-cache-dir',
  severity: 'info',
  hadolint: ['DL3042'],
  description: 'pip keeps downloaded wheels in `~/.cache/pip`, which then ships in the layer. Add `--no-cache-dir` (or set `PIP_NO_CACHE_DIR=1`, or use a cache mount).',
  check(context) {
    const envDisables = context.instructionsNamed('ENV').some((instruction) => /PIP_NO_CACHE_DIR/.test(instruction.getArgumentsContent() ?? ''));
    if (envDisables) {
      return [];
    }
    return pipInstalls(context)
      .filter(({ command, run }) => {
        const text = run.instruction.getTextContent() ?? '';
        return !command.args.some((arg) => arg.value === '--no-cache-dir' || arg.value?.startsWith('--cache-dir')) && !/--mount=[^ ]*type=cache/.test(text) && !/PIP_NO_CACHE_DIR/.test(text);
      })
      .map(({ command, install }): RuleReport => ({
        range: context.range(command.start, command.end),
        message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
        fixes: [insertFix(context, 'Add --no-cache-dir', install.end, ' --no-cache-dir')],
      }));
  },
};

export const pipPin: Rule = {
  code: 'DS308',
  level: 'shell',
  name: 'pip-pin',
  title: 'pip install without pinned versions',
  severity: 'info',
  hadolint: ['DL3013'],
  description: 'Pin the version (`pip install django==5.0.1`) or install from a requirements or constraints file. Paths, URLs, wheels and `pip` itself upgraded with `-U` are left alone.',
  check(context) {
    return pipInstalls(context).flatMap(({ command, install }) => {
      const args = command.args.map((arg) => arg.value ?? arg.raw);
      if (args.some((arg) => ['-r', '--requirement', '-c', '--constraint', '-e', '--editable'].includes(arg) || /^--(requirement|constraint)=/.test(arg))) {
        return [];
      }
      const upgrade = args.some((arg) => arg === '-U' || arg === '--upgrade');
      return operandsAfter(command, install, PIP_OPTIONS_WITH_VALUE)
        .filter((word) => {
          const value = word.value ?? word.raw;
          if (/[=<>~!@$]/.test(value) || /[/\\]/.test(value) || value.startsWith('.') || /\.(whl|tar\.gz|zip)$/.test(value)) {
            return false;
          }
          return !(upgrade && ['pip', 'setuptools', 'wheel'].includes(value.replace(/\[.*\]$/, '')));
        })
        .map((word): RuleReport => ({ range: wordRange(context, word), message: `Pin versions in pip: '${word.value ?? word.raw}==<version>'` }));
    });
  },
};
