import { createHash } from 'node:crypto';

/**
 * The Docker CLI's context store formats, pure: where a context lives, what its meta.json says, and how the
 * `currentContext` key of config.json changes. Byte-for-byte what `docker context create/use/rm` write.
 */

/** The name the CLI reserves for "no context": DOCKER_HOST or the default socket. */
export const defaultContextName = 'default';

/** A docker endpoint of a context as the CLI stores it. */
export interface ContextEndpoint {
  Host: string;
  SkipTLSVerify: boolean;
}

/** A context's meta.json. `Metadata` holds the description; the CLI writes `{}` without one. */
export interface ContextMeta {
  Name: string;
  Metadata: { Description?: string; [key: string]: unknown };
  Endpoints: { docker?: ContextEndpoint; [key: string]: unknown };
}

/** The CLI stores a context under the sha256 of its name. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** Why a context name is refused, as the CLI refuses it; undefined when it is fine. */
export function contextNameProblem(name: string): string | undefined {
  if (name === '') {
    return 'A context needs a name.';
  }
  if (name === defaultContextName) {
    return '"default" is a reserved context name.';
  }
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/.test(name)) {
    return `"${name}" is not a valid context name: use letters, digits, "_", ".", "+" or "-", starting with a letter or digit (2 characters at least).`;
  }
  return undefined;
}

/** meta.json of a new context, as `docker context create NAME --description D --docker host=H[,skip-tls-verify=B]` writes it. */
export function contextMetaText(name: string, endpoint: ContextEndpoint, description?: string): string {
  const meta: ContextMeta = {
    Name: name,
    Metadata: description ? { Description: description } : {},
    Endpoints: { docker: { Host: endpoint.Host, SkipTLSVerify: endpoint.SkipTLSVerify } },
  };
  return JSON.stringify(meta);
}

/** Parses a meta.json; throws a sentence naming the file when it is not a context's metadata. */
export function parseContextMeta(text: string, file: string): ContextMeta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const meta = value as Partial<ContextMeta> | null;
  if (!meta || typeof meta !== 'object' || typeof meta.Name !== 'string') {
    throw new Error(`${file} is not a Docker context's metadata (no "Name").`);
  }
  return { Name: meta.Name, Metadata: meta.Metadata ?? {}, Endpoints: meta.Endpoints ?? {} };
}

/** `currentContext` of a config.json text (undefined when absent, empty or the file is empty). */
export function currentContextOf(configText: string | undefined): string | undefined {
  if (!configText?.trim()) {
    return undefined;
  }
  const config = parseConfig(configText);
  return typeof config.currentContext === 'string' && config.currentContext !== '' ? config.currentContext : undefined;
}

function parseConfig(configText: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(configText);
  } catch (error) {
    throw new Error(`config.json is not valid JSON (${(error as Error).message}); fix it before changing the current context.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('config.json does not hold a JSON object; fix it before changing the current context.');
  }
  return value as Record<string, unknown>;
}

/**
 * config.json with `currentContext` set to `name` (removed for `default`, as `docker context use default` does),
 * every other key kept with its value and order, written as the CLI writes (tab indentation, no final newline).
 */
export function configWithCurrentContext(configText: string | undefined, name: string): string {
  const config = configText?.trim() ? parseConfig(configText) : {};
  if (name === defaultContextName) {
    delete config.currentContext;
  } else {
    config.currentContext = name;
  }
  return JSON.stringify(config, null, '\t');
}
