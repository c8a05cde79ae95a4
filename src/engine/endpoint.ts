import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextDigest } from '../engines/contexts/contextFormat';

/** Where the engine endpoint came from, in Docker's own order of precedence. */
export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default';

/** TLS material and policy for a tcp endpoint. Verification is on unless a context turns it off (`SkipTLSVerify`). */
export interface TlsMaterial {
  /** Folder holding ca.pem, cert.pem, key.pem (any of them may be absent). */
  certDir?: string;
  verify: boolean;
}

export interface Endpoint {
  /** `unix:///path`, `npipe://…`, `tcp://host:port` or `ssh://user@host:port`. */
  host: string;
  source: EndpointSource;
  /** Docker context name when the endpoint came from a context; `default` otherwise. */
  contextName: string;
  tls?: TlsMaterial;
  /** For ssh: the private key file to log in with (else the ssh agent's keys). */
  sshIdentity?: string;
}

export interface ResolveInput {
  /** The `dockside.host` setting (machine scope), trimmed; empty when unset. */
  setting: string;
  env: NodeJS.ProcessEnv;
  /** The user's home folder (tests pass a temporary one). */
  home: string;
  platform?: NodeJS.Platform;
}

export const defaultUnixSocket = 'unix:///var/run/docker.sock';
export const defaultWindowsPipe = 'npipe:////./pipe/docker_engine';

/** Docker's configuration folder: `DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

/** Docker stores a context's metadata under the sha256 of its name. */
export { contextDigest };

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function readJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The Docker CLI reads `DOCKER_TLS_VERIFY` and `DOCKER_TLS` as set when non-empty, whatever the value (`0` and `false` too). */
function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

/**
 * TLS from `DOCKER_CERT_PATH` / `DOCKER_TLS_VERIFY` / `DOCKER_TLS`, for a tcp host given by the setting or DOCKER_HOST.
 * As in the Docker CLI, any non-empty `DOCKER_TLS_VERIFY` (`1`, `0`, `false` alike) means TLS with verification, so a
 * value copied from a CLI set-up never weakens TLS. The CLI skips verification for `DOCKER_TLS` alone; Dockside
 * verifies there too. The only way to turn verification off is a context with `SkipTLSVerify`.
 */
function tlsFromEnv(host: string, env: NodeJS.ProcessEnv, configDir: string): TlsMaterial | undefined {
  if (!host.startsWith('tcp://') && !host.startsWith('https://')) {
    return undefined;
  }
  const wantsTls = isSet(env.DOCKER_TLS_VERIFY) || isSet(env.DOCKER_TLS) || host.startsWith('https://') || /:2376\/?$/.test(host);
  if (!wantsTls) {
    return undefined;
  }
  const certDir = env.DOCKER_CERT_PATH || (fs.existsSync(path.join(configDir, 'ca.pem')) ? configDir : undefined);
  return { certDir, verify: true };
}

/**
 * The TLS of a context's tcp endpoint, as the Docker CLI decides: TLS when it has TLS material or SkipTLSVerify
 * (or the TLS port 2376); verification is off only through SkipTLSVerify, the one deliberate way to turn it off.
 */
export function contextTls(host: string, tlsFolder: string | undefined, skipVerify: boolean): TlsMaterial | undefined {
  if (!host.startsWith('tcp://')) {
    return undefined;
  }
  return tlsFolder !== undefined || skipVerify || /:2376\/?$/.test(host) ? { certDir: tlsFolder, verify: !skipVerify } : undefined;
}

function resolveContext(name: string, configDir: string): Endpoint {
  const digest = contextDigest(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const meta = readJson<ContextMeta>(metaFile);
  if (!meta) {
    throw new Error(`Docker context "${name}" not found (no ${metaFile}).`);
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) {
    throw new Error(`Docker context "${name}" has no docker endpoint in ${metaFile}.`);
  }
  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  // As the Docker CLI: a context uses TLS when it has TLS material or SkipTLSVerify; verification is off only
  // through SkipTLSVerify, the one deliberate way to turn it off.
  const skipVerify = docker.SkipTLSVerify === true;
  const tls = docker.Host.startsWith('tcp://') ? { certDir: fs.existsSync(tlsDir) ? tlsDir : undefined, verify: !skipVerify } : undefined;
  const usesTls = tls && (tls.certDir !== undefined || skipVerify || /:2376\/?$/.test(docker.Host));
  return { host: docker.Host, source: 'context', contextName: name, tls: usesTls ? tls : undefined };
}

/**
 * Resolves the engine endpoint as Docker does: the `dockside.host` setting > `DOCKER_HOST` >
 * `DOCKER_CONTEXT` or `currentContext` of config.json (with the context's meta.json) > the default socket.
 * Throws a user-readable error when a named context is missing or broken.
 */
export function resolveEndpoint(input: ResolveInput): Endpoint {
  const { env, home } = input;
  const configDir = dockerConfigDir(env, home);
  if (input.setting) {
    return { host: input.setting, source: 'setting', contextName: 'default', tls: tlsFromEnv(input.setting, env, configDir) };
  }
  if (env.DOCKER_HOST) {
    return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', contextName: 'default', tls: tlsFromEnv(env.DOCKER_HOST, env, configDir) };
  }
  const contextName = env.DOCKER_CONTEXT || readJson<{ currentContext?: string }>(path.join(configDir, 'config.json'))?.currentContext;
  if (contextName && contextName !== 'default') {
    return resolveContext(contextName, configDir);
  }
  const platform = input.platform ?? process.platform;
  if (platform === 'win32') {
    return { host: defaultWindowsPipe, source: 'default', contextName: 'default' };
  }
  // Docker Desktop's per-user socket when present, as docker-modem does.
  const userSocket = path.join(home, '.docker', 'run', 'docker.sock');
  const host = fs.existsSync(userSocket) ? `unix://${userSocket}` : defaultUnixSocket;
  return { host, source: 'default', contextName: 'default' };
}

/** Resolves from the real process environment and home folder. */
export function resolveEndpointFromProcess(setting: string): Endpoint {
  return resolveEndpoint({ setting, env: process.env, home: os.homedir() });
}

/** A short human form of an endpoint, for tooltips and messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  const where = endpoint.host.replace(/^unix:\/\//, '');
  switch (endpoint.source) {
    case 'setting':
      return `${where} (dockside.host setting)`;
    case 'DOCKER_HOST':
      return `${where} (DOCKER_HOST)`;
    case 'context':
      return `${where} (context ${endpoint.contextName})`;
    default:
      return where;
  }
}
