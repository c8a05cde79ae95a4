import ignore from '@balena/dockerignore';
import type { Copy } from 'dockerfile-ast';
import { instructionArguments } from '../continuation';
import type { Rule, RuleReport } from '../rule';

export const copyIgnoredFile: Rule = {
  code: 'DS119',
  name: 'copy-ignored-file',
  title: 'COPY or ADD of a path excluded by .dockerignore',
  severity: 'warning',
  buildkit: 'CopyIgnoredFile',
  description: 'A source excluded by the build context\'s `.dockerignore` is not sent to the builder: the copy fails or copies less than it says.',
  check(context) {
    if (!context.dockerignore || context.dockerignore.length === 0) {
      return [];
    }
    const matcher = ignore().add([...context.dockerignore]);
    const reports: RuleReport[] = [];
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') {
        continue;
      }
      const copy = instruction as Copy;
      if (copy.getFlags().some((flag) => flag.getName() === 'from') || copy.getHeredocs().length > 0) {
        continue;
      }
      const args = instructionArguments(instruction, context.index, context.escape);
      for (const source of args.slice(0, -1)) {
        const value = source.getValue().replace(/^["']|["']$/g, '');
        if (/[$*?[\]]/.test(value) || /^[a-z]+:\/\//i.test(value)) {
          continue;
        }
        const path = value.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
        if (path && path !== '.' && matcher.ignores(path)) {
          reports.push({ range: source.getRange(), message: `Attempting to ${keyword} file "${value}" that is excluded by .dockerignore` });
        }
      }
    }
    return reports;
  },
};
