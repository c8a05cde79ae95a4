import { contextTls, Endpoint } from '../engine/endpoint';
import type { DockerContext } from './contexts/contextStore';

/** An engine declared in the `dockside.engines` setting. */
export interface EngineSetting {
  name: string;
  host: string;
  /** A folder with ca.pem, cert.pem, key.pem for a tcp+TLS host. */
  tlsFolder?: string;
  /** A private key file for an ssh host. */
  sshIdentity?: string;
}

export type EngineOrigin = 'context' | 'setting' | 'default';

/** One row of the Engines view: an engine the user has, wherever it is declared. */
export interface CatalogEntry {
  /** `context:<name>`, `setting:<name>` or `default`. */
  id: string;
  name: string;
  origin: EngineOrigin;
  /** What connecting uses; absent when the declaration is broken (then `problem` says why). */
  endpoint?: Endpoint;
  description: string;
  /** The context `docker` commands use now (`docker context use`). */
  current: boolean;
  problem?: string;
}

/** The key of an engine: its endpoint (two engines on one machine share `Info.ID`, never an endpoint). */
export function engineKey(host: string): string {
  return host.trim().replace(/\/+$/, '');
}

/** Why a setting entry cannot be used, undefined when it can. */
function settingProblem(entry: Partial<EngineSetting>): string | undefined {
  if (typeof entry.name !== 'string' || entry.name.trim() === '') {
    return 'has no "name"';
  }
  if (typeof entry.host !== 'string' || !/^(unix|tcp|ssh|npipe|https?):\/\//.test(entry.host)) {
    return `has no usable "host" (unix:///path, tcp://host:port or ssh://user@host)`;
  }
  return undefined;
}

export interface CatalogInput {
  contexts: readonly DockerContext[];
  settings: readonly unknown[];
  /** The default socket (`unix:///var/run/docker.sock`). */
  defaultHost: string;
  currentContext: string;
}

/**
 * Every engine the user has (pure): the default socket, then the Docker contexts, then the `dockside.engines`
 * setting's entries. A broken declaration is listed with the reason, never dropped.
 */
export function engineCatalog(input: CatalogInput): CatalogEntry[] {
  const entries: CatalogEntry[] = [
    {
      id: 'default',
      name: 'default',
      origin: 'default',
      endpoint: { host: input.defaultHost, source: 'default', contextName: 'default' },
      description: 'The default socket',
      current: input.currentContext === 'default',
    },
  ];
  for (const context of input.contexts) {
    const problem = context.error ?? (context.host ? undefined : 'has no docker endpoint');
    entries.push({
      id: `context:${context.name}`,
      name: context.name,
      origin: 'context',
      endpoint: problem
        ? undefined
        : { host: context.host, source: 'context', contextName: context.name, tls: contextTls(context.host, context.tlsFolder, context.skipTlsVerify) },
      description: context.description,
      current: input.currentContext === context.name,
      problem,
    });
  }
  input.settings.forEach((value, index) => {
    const entry = (typeof value === 'object' && value !== null ? value : {}) as Partial<EngineSetting>;
    const problem = settingProblem(entry);
    const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : `entry ${index + 1}`;
    const host = entry.host ?? '';
    const tls = entry.tlsFolder ? { certDir: entry.tlsFolder, verify: true } : contextTls(host, undefined, false);
    entries.push({
      id: `setting:${name}`,
      name,
      origin: 'setting',
      endpoint: problem ? undefined : { host, source: 'setting', contextName: name, tls, sshIdentity: entry.sshIdentity },
      description: 'dockside.engines setting',
      current: false,
      problem: problem ? `This dockside.engines entry ${problem}.` : undefined,
    });
  });
  return entries;
}
