import type { Arg, Env } from 'dockerfile-ast';
import type { LintContext, Stage } from '../context';
import type { Rule, RuleReport } from '../rule';
import { PREDEFINED_ARGS, variableReferences } from './variables';

/** Instructions whose arguments the builder expands itself (RUN, CMD… are expanded by the shell at run time). */
const EXPANDED_BY_BUILDER = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export const undefinedVar: Rule = {
  code: 'DS110',
  name: 'undefined-var',
  title: 'A variable is used but never declared',
  severity: 'warning',
  buildkit: 'UndefinedVar',
  description:
    'The builder expands `$NAME` in ADD, COPY, ENV, LABEL, USER, WORKDIR… from `ARG` and `ENV`; an undeclared name expands to nothing. A base image may define variables too, so for images not built from `scratch` only names that look like a misspelling of a declared one are reported.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const rootedAtScratch = isRootedAtScratch(context, stage);
      const declared = new Set<string>([...PREDEFINED_ARGS.keys(), ...inheritedNames(context, stage)]);
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (EXPANDED_BY_BUILDER.has(keyword)) {
          const range = instruction.getArgumentsRange();
          if (range) {
            const start = context.index.offsetAt(range.start);
            const text = context.text.slice(start, context.index.offsetAt(range.end));
            for (const reference of variableReferences(text, context.escape)) {
              if (declared.has(reference.name) || reference.modifier) {
                continue;
              }
              const suggestion = closest(reference.name, declared);
              if (rootedAtScratch || suggestion) {
                reports.push({
                  range: context.range(start + reference.start, start + reference.end),
                  message: `Usage of undefined variable '$${reference.name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`,
                });
              }
            }
          }
        }
        declaredBy(instruction as Arg & Env).forEach((name) => declared.add(name));
      }
    }
    return reports;
  },
};

function declaredBy(instruction: Arg & Env): string[] {
  const keyword = instruction.getKeyword();
  if (keyword === 'ARG') {
    return instruction.getProperties().map((property) => property.getName());
  }
  if (keyword === 'ENV') {
    return instruction.getProperties().map((property) => property.getName());
  }
  return [];
}

/** Names declared by the stages this stage builds on (`FROM other-stage`). */
function inheritedNames(context: LintContext, stage: Stage): string[] {
  const parent = parentStage(context, stage);
  if (!parent) {
    return [];
  }
  return [...inheritedNames(context, parent), ...parent.instructions.flatMap((instruction) => declaredBy(instruction as Arg & Env))];
}

function parentStage(context: LintContext, stage: Stage): Stage | undefined {
  const image = stage.from.getImage()?.toLowerCase();
  return context.stages.find((other) => other.index < stage.index && other.name?.toLowerCase() === image);
}

function isRootedAtScratch(context: LintContext, stage: Stage): boolean {
  const parent = parentStage(context, stage);
  return parent ? isRootedAtScratch(context, parent) : stage.from.getImage()?.toLowerCase() === 'scratch';
}

/** A declared name one edit away (or differing only in case): very likely a typo. */
function closest(name: string, declared: Set<string>): string | undefined {
  const lower = name.toLowerCase();
  for (const candidate of declared) {
    // A reference's name is ASCII: a candidate equal to it ignoring case, or one edit away, differs in length by at most one.
    if (candidate.length > 3 && Math.abs(candidate.length - name.length) <= 1 && (candidate.toLowerCase() === lower || editDistanceIsOne(candidate, name))) {
      return candidate;
    }
  }
  return undefined;
}

function editDistanceIsOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) {
    return false;
  }
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) {
      return false;
    }
    if (a.length > b.length) {
      i++;
    } else if (b.length > a.length) {
      j++;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) === 1;
}
