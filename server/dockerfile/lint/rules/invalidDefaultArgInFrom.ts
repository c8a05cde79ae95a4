import { COMMON_PLATFORMS, globalArgDeclarations, globalArgValues, platformArgs } from '../../parse/globalArgs';
import { expandWord, ExpansionError } from '../../parse/wordExpansion';
import type { LintContext } from '../context';
import type { Rule, RuleReport } from '../rule';
import { PREDEFINED_ARGS, variableReferences } from './variables';

const VALID_REFERENCE = /^[a-z0-9]+(?:[._-]+[a-z0-9]+|\/)*[a-z0-9]*(?::[0-9]+)?(?:\/[a-z0-9._-]+)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/i;

/**
 * Each stage's base image as the builder names it with the default build arguments on one platform (BuildKit's
 * `validateBaseImagesWithDefaultArgs`), or undefined where it cannot say: a default or the FROM itself fails to
 * expand, and the builder then leaves the check.
 */
function baseImagesOn(context: LintContext, platform: (typeof COMMON_PLATFORMS)[number]): (string | undefined)[] | undefined {
  const declarations = globalArgDeclarations(context.dockerfile, context.text, (position) => context.index.offsetAt(position), context.escape);
  const values = globalArgValues(declarations, platformArgs(platform, context.lastStage()?.name ?? ''), context.escape);
  if (!values) {
    return undefined;
  }
  const images: (string | undefined)[] = [];
  for (const stage of context.stages) {
    const range = stage.from.getImageRange();
    try {
      images.push(range ? expandWord(context.text.slice(context.index.offsetAt(range.start), context.index.offsetAt(range.end)), values, context.escape).value : undefined);
    } catch (error) {
      if (error instanceof ExpansionError) {
        return undefined;
      }
      throw error;
    }
  }
  return images;
}

export const invalidDefaultArgInFrom: Rule = {
  code: 'DS116',
  name: 'invalid-default-arg-in-from',
  title: 'FROM is not a valid image reference with the default build arguments',
  severity: 'warning',
  buildkit: 'InvalidDefaultArgInFrom',
  description: 'A build without `--build-arg` uses the defaults: `ARG TAG` with no default turns `FROM alpine:${TAG}` into `alpine:`, which fails. Give the argument a default.',
  check(context) {
    const declared = new Set(context.dockerfile.getInitialARGs().flatMap((arg) => arg.getProperties().map((property) => property.getName())));
    const candidates = context.stages.filter((stage) => {
      const image = stage.from.getImage();
      const references = variableReferences(image ?? '', context.escape);
      // An undeclared argument is DS109 undefined-arg-in-from's report (and, left empty, the validator's error).
      return image && stage.from.getImageRange() && references.length > 0 && references.every((reference) => declared.has(reference.name) || PREDEFINED_ARGS.has(reference.name));
    });
    if (candidates.length === 0) {
      return [];
    }
    // A name that depends on the platform is reported only when no common platform makes it valid.
    const byPlatform = COMMON_PLATFORMS.map((platform) => baseImagesOn(context, platform));
    const reports: RuleReport[] = [];
    for (const stage of candidates) {
      const resolved = byPlatform.map((images) => images?.[stage.index]);
      const isValid = (name: string | undefined) =>
        name === undefined ||
        name === 'scratch' ||
        VALID_REFERENCE.test(name) ||
        context.stages.some((other) => other.index < stage.index && other.name?.toLowerCase() === name.toLowerCase());
      if (!resolved.some(isValid)) {
        const name = resolved[0];
        reports.push({
          range: stage.from.getImageRange()!,
          message: `Default value for ARG ${stage.from.getImage()} results in empty or invalid base image name${name ? ` '${name}'` : ''}`,
        });
      }
    }
    return reports;
  },
};
