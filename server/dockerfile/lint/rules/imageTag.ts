import type { LintContext, Stage } from '../context';
import type { Rule, RuleReport } from '../rule';
import { isDynamic, parseImageReference } from './helpers';

/** Base images that are neither `scratch`, a stage, nor built from variables. */
function externalImages(context: LintContext): { stage: Stage; image: string }[] {
  return context.stages.flatMap((stage) => {
    const image = stage.from.getImage();
    if (!image || isDynamic(image) || image.toLowerCase() === 'scratch') {
      return [];
    }
    const isStage = context.stages.some((other) => other.index < stage.index && other.name?.toLowerCase() === image.toLowerCase());
    return isStage ? [] : [{ stage, image }];
  });
}

export const untaggedImage: Rule = {
  code: 'DS201',
  name: 'untagged-image',
  title: 'Base image without a tag or digest',
  severity: 'warning',
  hadolint: ['DL3006'],
  description: 'Without a tag the base image is `latest`, whatever it is on the day of the build. Name a version: `FROM debian:12-slim`.',
  check(context) {
    return externalImages(context)
      .filter(({ image }) => {
        const reference = parseImageReference(image);
        return !reference.tag && !reference.digest;
      })
      .map(({ stage, image }): RuleReport => ({ range: stage.from.getImageRange()!, message: `Always tag the version of an image explicitly ('${image}')` }));
  },
};

export const latestTag: Rule = {
  code: 'DS202',
  name: 'latest-tag',
  title: 'Base image pinned to the latest tag',
  severity: 'warning',
  hadolint: ['DL3007'],
  description: '`latest` moves: builds stop being reproducible. Name a version, or pin a digest.',
  check(context) {
    return externalImages(context)
      .filter(({ image }) => {
        const reference = parseImageReference(image);
        return reference.tag === 'latest' && !reference.digest;
      })
      .map(({ stage }): RuleReport => ({ range: stage.from.getImageTagRange() ?? stage.from.getImageRange()!, message: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag' }));
  },
};

export const untrustedRegistry: Rule = {
  code: 'DS206',
  name: 'untrusted-registry',
  title: 'Base image from a registry outside the trusted list',
  severity: 'warning',
  hadolint: ['DL3026'],
  description: 'With `dockside.dockerfile.trustedRegistries` (or `trustedRegistries` in `.hadolint.yaml`) set, base images must come from one of those registries. Silent when no list is set.',
  check(context) {
    const trusted = context.settings.trustedRegistries ?? [];
    if (trusted.length === 0) {
      return [];
    }
    const normalized = new Set(trusted.map((registry) => (registry === 'hub.docker.com' || registry === 'index.docker.io' ? 'docker.io' : registry).toLowerCase()));
    return externalImages(context)
      .filter(({ image }) => !normalized.has(parseImageReference(image).registry.toLowerCase()))
      .map(({ stage, image }): RuleReport => ({
        range: stage.from.getImageRange()!,
        message: `Use only an allowed registry in the FROM image (${parseImageReference(image).registry} is not in ${[...normalized].join(', ')})`,
      }));
  },
};
