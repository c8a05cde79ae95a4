import type { Arg, Env } from 'dockerfile-ast';
import type { Rule, RuleReport } from '../rule';
import { variableReferences } from './variables';

export const envSelfReference: Rule = {
  code: 'DS122',
  name: 'env-self-reference',
  title: 'ENV refers to a variable set earlier in the same ENV',
  severity: 'warning',
  hadolint: ['DL3044'],
  description: 'All values of one `ENV` are expanded before any is set: `ENV A=1 B=$A` sets B from the previous A. Split it into two ENV instructions. Names that already had a value from an ARG or an earlier ENV are not reported.',
  check(context) {
    const reports: RuleReport[] = [];
    const declaredBefore = new Set<string>();
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ARG') {
        // `ARG A=1 B=2` declares both names.
        for (const property of (instruction as unknown as Arg).getProperties()) {
          declaredBefore.add(property.getName());
        }
      }
      if (keyword !== 'ENV') {
        continue;
      }
      const defined = new Set<string>();
      for (const property of (instruction as Env).getProperties()) {
        const value = property.getValue() ?? '';
        // A name that already had a value (an ARG or an earlier ENV) expands to that value, which is usually meant.
        const selfReference = variableReferences(value, context.escape).find((reference) => defined.has(reference.name) && !declaredBefore.has(reference.name));
        if (selfReference) {
          reports.push({ range: property.getRange(), message: `Do not refer to an environment variable within the same ENV statement where it is defined ('${selfReference.name}')` });
        }
        defined.add(property.getName());
      }
      defined.forEach((name) => declaredBefore.add(name));
    }
    return reports;
  },
};
