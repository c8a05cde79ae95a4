import type { Rule, RuleReport } from '../rule';
import { PREDEFINED_ARGS, variableReferences } from './variables';

export const undefinedArgInFrom: Rule = {
  code: 'DS109',
  name: 'undefined-arg-in-from',
  title: 'FROM uses a build argument that is not declared before the first FROM',
  severity: 'warning',
  buildkit: 'UndefinedArgInFrom',
  description: 'Only `ARG`s declared before the first `FROM` (and the predefined platform arguments) can be used in `FROM`. Declare it at the top: `ARG NAME=default`.',
  check(context) {
    const declared = new Set(context.dockerfile.getInitialARGs().flatMap((arg) => arg.getProperties().map((property) => property.getName())));
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const range = stage.from.getArgumentsRange();
      if (!range) {
        continue;
      }
      const start = context.index.offsetAt(range.start);
      const text = context.text.slice(start, context.index.offsetAt(range.end));
      for (const reference of variableReferences(text, context.escape)) {
        if (!declared.has(reference.name) && !PREDEFINED_ARGS.has(reference.name)) {
          reports.push({
            range: context.range(start + reference.start, start + reference.end),
            message: `FROM argument '${reference.name}' is not declared`,
          });
        }
      }
    }
    return reports;
  },
};
