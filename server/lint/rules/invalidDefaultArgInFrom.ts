import type { Rule, RuleReport } from '../rule';
import { PREDEFINED_ARGS, substitute, variableReferences } from './variables';

const VALID_REFERENCE = /^[a-z0-9]+(?:[._-]+[a-z0-9]+|\/)*[a-z0-9]*(?::[0-9]+)?(?:\/[a-z0-9._-]+)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/i;

export const invalidDefaultArgInFrom: Rule = {
  code: 'DS116',
  name: 'invalid-default-arg-in-from',
  title: 'FROM is not a valid image reference with the default build arguments',
  severity: 'warning',
  buildkit: 'InvalidDefaultArgInFrom',
  description: 'A build without `--build-arg` uses the defaults: `ARG TAG` with no default turns `FROM alpine:${TAG}` into `alpine:`, which fails. Give the argument a default.',
  check(context) {
    const values = new Map<string, string | undefined>(PREDEFINED_ARGS);
    for (const arg of context.dockerfile.getInitialARGs()) {
      const property = arg.getProperty();
      if (property) {
        values.set(property.getName(), property.getValue() ?? undefined);
      }
    }
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const image = stage.from.getImage();
      const range = stage.from.getImageRange();
      const references = variableReferences(image ?? '', context.escape);
      // An undeclared argument is DS109 undefined-arg-in-from's report (and, left empty, the validator's error).
      if (!image || !range || references.length === 0 || references.some((reference) => !values.has(reference.name))) {
        continue;
      }
      const resolved = substitute(image, context.escape, values).replace(/["']/g, '');
      const isStage = context.stages.some((other) => other.index < stage.index && other.name?.toLowerCase() === resolved.toLowerCase());
      if (resolved !== 'scratch' && !isStage && !VALID_REFERENCE.test(resolved)) {
        reports.push({
          range,
          message: `Default value for ARG ${image} results in empty or invalid base image name${resolved ? ` '${resolved}'` : ''}`,
        });
      }
    }
    return reports;
  },
};
