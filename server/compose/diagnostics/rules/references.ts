/**
 * References Compose's loader resolves: services named by depends_on, links, extends, `service:` namespaces and
 * volumes_from; networks, named volumes, secrets, configs and models used by a service but not declared at the
 * top level. Judged only when the whole project was found.
 */
import { isRecord, services, type ComposeRule, type Plain, type RuleContext } from './rule';
import type { Path } from '../../parse/composeDocument';
import { parseVolumeSpec, isBindSource } from './volumeSpec';

function undefinedService(context: RuleContext, path: Path, name: string, what: string, on: 'key' | 'value' = 'value'): void {
  if (!context.project.services.has(name) && !context.isUnknown(path)) {
    context.report({
      path,
      on,
      code: 'compose-undefined-service',
      message: `${what} names the service "${name}", which the project does not define.`,
      data: { name, candidates: [...context.project.services.keys()] },
    });
  }
}

export const undefinedServiceRule: ComposeRule = {
  code: 'compose-undefined-service',
  needsProject: true,
  check(context) {
    for (const [serviceName, service] of services(context)) {
      const at: Path = ['services', serviceName];
      const dependsOn = service.depends_on;
      if (Array.isArray(dependsOn)) {
        dependsOn.forEach((name, index) => typeof name === 'string' && undefinedService(context, [...at, 'depends_on', index], name, `"depends_on" of "${serviceName}"`));
      } else if (isRecord(dependsOn)) {
        for (const name of Object.keys(dependsOn)) {
          undefinedService(context, [...at, 'depends_on', name], name, `"depends_on" of "${serviceName}"`, 'key');
        }
      }
      if (Array.isArray(service.links)) {
        service.links.forEach((link, index) => {
          if (typeof link === 'string') {
            const parts = link.split(':');
            undefinedService(context, [...at, 'links', index], parts.length === 2 ? parts[0] : link, `The link of "${serviceName}"`);
          }
        });
      }
      const extend = service.extends;
      const reference = typeof extend === 'string' ? extend : isRecord(extend) && extend.file === undefined ? extend.service : undefined;
      if (typeof reference === 'string') {
        undefinedService(context, typeof extend === 'string' ? [...at, 'extends'] : [...at, 'extends', 'service'], reference, `"extends" of "${serviceName}"`);
      }
      for (const namespace of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
        const value = service[namespace];
        if (typeof value === 'string' && value.startsWith('service:')) {
          undefinedService(context, [...at, namespace], value.slice('service:'.length), `"${namespace}" of "${serviceName}"`);
        }
      }
      if (Array.isArray(service.volumes_from)) {
        service.volumes_from.forEach((entry, index) => {
          if (typeof entry === 'string' && !entry.startsWith('container:')) {
            undefinedService(context, [...at, 'volumes_from', index], entry.split(':')[0], `"volumes_from" of "${serviceName}"`);
          }
        });
      }
    }
  },
};

function undeclared(context: RuleContext, path: Path, name: string, kind: 'network' | 'volume' | 'secret' | 'config' | 'model', declared: Set<string>, on: 'key' | 'value' = 'value'): void {
  if (!declared.has(name) && !context.isUnknown(path)) {
    const section = `${kind}s`;
    context.report({
      path,
      on,
      code: `compose-undefined-${kind}`,
      message: `The ${kind} "${name}" is not declared under the top-level "${section}" key.`,
      data: { name, candidates: [...declared].filter((candidate) => candidate !== 'default' || kind !== 'network') },
    });
  }
}

export const undeclaredResourceRule: ComposeRule = {
  code: 'compose-undefined-resource',
  needsProject: true,
  check(context) {
    const project = context.project;
    for (const [serviceName, service] of services(context)) {
      const at: Path = ['services', serviceName];
      const networks = service.networks;
      if (Array.isArray(networks)) {
        networks.forEach((name, index) => typeof name === 'string' && undeclared(context, [...at, 'networks', index], name, 'network', project.networks));
      } else if (isRecord(networks)) {
        for (const name of Object.keys(networks)) {
          undeclared(context, [...at, 'networks', name], name, 'network', project.networks, 'key');
        }
      }
      if (Array.isArray(service.volumes)) {
        service.volumes.forEach((volume, index) => {
          const path: Path = [...at, 'volumes', index];
          if (typeof volume === 'string') {
            const spec = parseVolumeSpec(volume);
            if (!spec.error && spec.source && !isBindSource(spec.source)) {
              undeclared(context, path, spec.source, 'volume', project.volumes);
            }
          } else if (isRecord(volume) && (volume.type === 'volume' || volume.type === undefined) && typeof volume.source === 'string' && volume.source !== '') {
            if (volume.type === 'volume') {
              undeclared(context, [...path, 'source'], volume.source, 'volume', project.volumes);
            }
          }
        });
      }
      const usesOf = (list: unknown, path: Path, kind: 'secret' | 'config', declared: Set<string>): void => {
        if (!Array.isArray(list)) {
          return;
        }
        list.forEach((entry, index) => {
          if (typeof entry === 'string') {
            undeclared(context, [...path, index], entry, kind, declared);
          } else if (isRecord(entry) && typeof entry.source === 'string') {
            undeclared(context, [...path, index, 'source'], entry.source, kind, declared);
          }
        });
      };
      usesOf(service.secrets, [...at, 'secrets'], 'secret', project.secrets);
      usesOf(service.configs, [...at, 'configs'], 'config', project.configs);
      if (isRecord(service.build)) {
        usesOf((service.build as Plain).secrets, [...at, 'build', 'secrets'], 'secret', project.secrets);
      }
      if (isRecord(service.models)) {
        for (const name of Object.keys(service.models)) {
          undeclared(context, [...at, 'models', name], name, 'model', project.models, 'key');
        }
      } else if (Array.isArray(service.models)) {
        service.models.forEach((name, index) => typeof name === 'string' && undeclared(context, [...at, 'models', index], name, 'model', project.models));
      }
    }
  },
};
