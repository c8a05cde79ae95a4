/** What Compose's loader requires of a service's shape beyond the schema. */
import { isRecord, services, type ComposeRule } from './rule';

export const imageOrBuildRule: ComposeRule = {
  code: 'compose-no-image',
  needsProject: true,
  check(context) {
    for (const [name] of services(context)) {
      const facts = context.project.services.get(name);
      if (facts && !facts.hasImage && !facts.hasBuild && !facts.hasProvider && !facts.extendsUnknown) {
        context.report({
          path: ['services', name],
          on: 'key',
          code: 'compose-no-image',
          message: `The service "${name}" has neither "image" nor "build": Compose cannot create its container.`,
        });
      }
    }
  },
};

export const networkModeRule: ComposeRule = {
  code: 'compose-network-mode-networks',
  check(context) {
    for (const [name, service] of services(context)) {
      if (typeof service.network_mode === 'string' && service.network_mode !== '' && service.networks !== undefined && service.networks !== null) {
        const networks = service.networks;
        if ((Array.isArray(networks) && networks.length === 0) || (isRecord(networks) && Object.keys(networks).length === 0)) {
          continue;
        }
        context.report({
          path: ['services', name, 'networks'],
          on: 'key',
          code: 'compose-network-mode-networks',
          message: `The service "${name}" sets both "network_mode" and "networks"; Compose accepts only one of them.`,
        });
      }
    }
  },
};

export const healthcheckTestRule: ComposeRule = {
  code: 'compose-healthcheck-test',
  check(context) {
    for (const [name, service] of services(context)) {
      const test = isRecord(service.healthcheck) ? service.healthcheck.test : undefined;
      if (Array.isArray(test) && test.length > 0 && typeof test[0] === 'string' && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0])) {
        const path = ['services', name, 'healthcheck', 'test', 0];
        if (!context.isUnknown(path)) {
          context.report({
            path,
            code: 'compose-healthcheck-test',
            message: `A healthcheck test list starts with "CMD", "CMD-SHELL" or "NONE", not "${test[0]}".`,
          });
        }
      }
    }
  },
};

export const secretSourceRule: ComposeRule = {
  code: 'compose-secret-source',
  check(context) {
    const root = context.model.value;
    const secrets = isRecord(root) ? root.secrets : undefined;
    if (!isRecord(secrets)) {
      return;
    }
    for (const [name, secret] of Object.entries(secrets)) {
      if (isRecord(secret) && !secret.external && secret.file === undefined && secret.environment === undefined) {
        context.report({
          path: ['secrets', name],
          on: 'key',
          code: 'compose-secret-source',
          message: `The secret "${name}" needs "file" or "environment" (or "external: true").`,
        });
      }
    }
  },
};

export const obsoleteVersionRule: ComposeRule = {
  code: 'compose-obsolete-version',
  check(context) {
    const root = context.model.value;
    if (isRecord(root) && root.version !== undefined) {
      context.report({
        path: ['version'],
        on: 'key',
        code: 'compose-obsolete-version',
        severity: 4,
        message: 'The top-level "version" is obsolete: Compose ignores it.',
      });
    }
  },
};
