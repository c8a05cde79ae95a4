/**
 * Which files Compose would load together with a document, and what they declare. A file is judged as part of
 * its project: `compose.yaml` with `compose.override.yaml` beside it, an override (`compose.prod.yaml`,
 * `docker-compose-dev.yml`…) with the base beside it, the files of `COMPOSE_FILE` in the `.env`, and what
 * `include` brings. When the base of an override cannot be found, the project is incomplete and no reference
 * is judged.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseEnvFile, type EnvEntry } from '../parse/envFile';
import { interpolate, type Lookup } from '../parse/interpolation';
import type { FileSource } from './files';

export const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const BASE_LIKE = /(?:^|[_.-])(?:docker-)?compose\.ya?ml$/;

export interface ServiceFacts {
  hasImage: boolean;
  hasBuild: boolean;
  hasProvider: boolean;
  /** `extends` whose target cannot be read: the service may get its image from there. */
  extendsUnknown: boolean;
}

export interface ProjectFacts {
  /** Whether every file the project needs was found: references are judged only then. */
  complete: boolean;
  /** The other files merged with the document (absolute paths). */
  files: string[];
  services: Map<string, ServiceFacts>;
  networks: Set<string>;
  volumes: Set<string>;
  secrets: Set<string>;
  configs: Set<string>;
  models: Set<string>;
  /** Variables for interpolation: the environment over the `.env` file. */
  lookup: Lookup;
  /** The `.env` file read for this project, if any. */
  envFile?: string;
  env: Map<string, EnvEntry>;
}

type Plain = Record<string, unknown>;

function isRecord(value: unknown): value is Plain {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The project of a document at `file` (absolute path) whose own data is `own`. */
export function composeProject(
  file: string,
  own: unknown,
  files: FileSource,
  environment: Readonly<Record<string, string | undefined>>,
  /** `--env-file` files, relative to the file's folder; none: the `.env` beside it. */
  envFiles: readonly string[] = [],
): ProjectFacts {
  const directory = path.dirname(file);
  const env = new Map<string, EnvEntry & { file: string }>();
  const read = envFiles.length > 0 ? envFiles.map((entry) => path.resolve(directory, entry)) : [path.join(directory, '.env')];
  let envFile: string | undefined;
  for (const envPath of read) {
    const text = files.read(envPath);
    if (text === undefined) {
      continue;
    }
    envFile ??= envPath;
    const known = Object.fromEntries([...env].map(([name, entry]) => [name, entry.value]));
    for (const [name, entry] of parseEnvFile(text, { ...known, ...environment })) {
      env.set(name, { ...entry, file: envPath });
    }
  }
  const lookup: Lookup = (name) => {
    const fromEnvironment = environment[name];
    if (fromEnvironment !== undefined) {
      return { value: fromEnvironment, origin: 'environment' };
    }
    const entry = env.get(name);
    return entry ? { value: entry.value, origin: `${entry.file}:${entry.line + 1}` } : { value: undefined };
  };
  const facts: ProjectFacts = {
    complete: true,
    files: [],
    services: new Map(),
    networks: new Set(['default']),
    volumes: new Set(),
    secrets: new Set(),
    configs: new Set(),
    models: new Set(),
    lookup,
    envFile,
    env,
  };

  const others = projectFiles(file, files, lookup);
  facts.complete = others.complete;
  const seen = new Set<string>([file]);
  const add = (data: unknown, from: string, depth: number): void => {
    if (!isRecord(data)) {
      return;
    }
    declare(facts, data, from, files, lookup);
    for (const included of includedFiles(data, path.dirname(from), lookup)) {
      if (included === undefined) {
        facts.complete = false;
        continue;
      }
      if (seen.has(included) || depth > 8) {
        continue;
      }
      seen.add(included);
      const value = readYaml(files, included);
      if (value === undefined) {
        facts.complete = false;
        continue;
      }
      facts.files.push(included);
      add(value, included, depth + 1);
    }
  };
  add(own, file, 0);
  for (const other of others.files) {
    if (seen.has(other)) {
      continue;
    }
    seen.add(other);
    const value = readYaml(files, other);
    if (value === undefined) {
      facts.complete = false;
      continue;
    }
    facts.files.push(other);
    add(value, other, 1);
  }
  return facts;
}

/** The files merged with `file`, and whether the ones it needs were found. */
function projectFiles(file: string, files: FileSource, lookup: Lookup): { files: string[]; complete: boolean } {
  const directory = path.dirname(file);
  const name = path.basename(file);
  const composeFile = lookup('COMPOSE_FILE').value;
  if (composeFile) {
    const separator = lookup('COMPOSE_PATH_SEPARATOR').value || (process.platform === 'win32' ? ';' : ':');
    const listed = composeFile
      .split(separator)
      .filter(Boolean)
      .map((entry) => path.resolve(directory, entry));
    if (listed.includes(file)) {
      return { files: listed.filter((entry) => entry !== file), complete: listed.every((entry) => entry === file || files.exists(entry)) };
    }
  }
  if (BASE_NAMES.includes(name) || (BASE_LIKE.test(name) && !/override/.test(name))) {
    const stem = name.replace(/\.ya?ml$/, '');
    const override = [`${stem}.override.yaml`, `${stem}.override.yml`].map((entry) => path.join(directory, entry)).find((entry) => files.exists(entry));
    return { files: override ? [override] : [], complete: true };
  }
  const base = BASE_NAMES.map((entry) => path.join(directory, entry)).find((entry) => files.exists(entry));
  if (!base) {
    return { files: [], complete: false };
  }
  // An override is merged with the base and the base's own default override, as `-f base -f this` would not,
  // but as a user running several overrides expects their declarations to be visible.
  return { files: [base], complete: true };
}

function readYaml(files: FileSource, file: string): unknown {
  const text = files.read(file);
  if (text === undefined) {
    return undefined;
  }
  try {
    return parse(text, { merge: true, uniqueKeys: false, maxAliasCount: 10_000 }) ?? {};
  } catch {
    return undefined;
  }
}

function resolvePath(value: unknown, directory: string, lookup: Lookup): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const result = interpolate(value, lookup);
  if (result.dependsOnUnknown || result.problems.length > 0 || /^[a-z]+:\/\//i.test(result.value) || result.value.startsWith('oci://')) {
    return undefined;
  }
  return path.resolve(directory, result.value.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
}

/** The files an `include` brings (undefined for one that cannot be known here: remote, or an unset variable). */
function includedFiles(data: Plain, directory: string, lookup: Lookup): (string | undefined)[] {
  const include = data.include;
  if (!Array.isArray(include)) {
    return [];
  }
  return include.flatMap((entry) => {
    if (typeof entry === 'string') {
      return [resolvePath(entry, directory, lookup)];
    }
    if (isRecord(entry)) {
      const paths = Array.isArray(entry.path) ? entry.path : [entry.path];
      return paths.map((item) => resolvePath(item, directory, lookup));
    }
    return [undefined];
  });
}

function declare(facts: ProjectFacts, data: Plain, from: string, files: FileSource, lookup: Lookup): void {
  for (const [section, names] of [
    ['networks', facts.networks],
    ['volumes', facts.volumes],
    ['secrets', facts.secrets],
    ['configs', facts.configs],
    ['models', facts.models],
  ] as const) {
    const declared = data[section];
    if (isRecord(declared)) {
      for (const name of Object.keys(declared)) {
        names.add(name);
      }
    }
  }
  if (!isRecord(data.services)) {
    return;
  }
  for (const [name, service] of Object.entries(data.services)) {
    const known = facts.services.get(name) ?? { hasImage: false, hasBuild: false, hasProvider: false, extendsUnknown: false };
    if (isRecord(service)) {
      known.hasImage ||= service.image !== undefined && service.image !== null;
      known.hasBuild ||= service.build !== undefined && service.build !== null;
      known.hasProvider ||= service.provider !== undefined;
      if (service.extends !== undefined) {
        const target = extendedService(service.extends, data, from, files, lookup);
        if (target === undefined) {
          known.extendsUnknown = true;
        } else {
          known.hasImage ||= target.image !== undefined;
          known.hasBuild ||= target.build !== undefined;
          known.extendsUnknown ||= target.extends !== undefined;
        }
      }
    }
    facts.services.set(name, known);
  }
}

/** The service an `extends` points to (one level), or undefined when it cannot be read here. */
function extendedService(extend: unknown, data: Plain, from: string, files: FileSource, lookup: Lookup): Plain | undefined {
  const reference = typeof extend === 'string' ? { service: extend } : isRecord(extend) ? extend : undefined;
  if (!reference || typeof reference.service !== 'string') {
    return undefined;
  }
  let source: unknown = data;
  if (reference.file !== undefined) {
    const file = resolvePath(reference.file, path.dirname(from), lookup);
    source = file === undefined ? undefined : readYaml(files, file);
  }
  const services = isRecord(source) ? source.services : undefined;
  const target = isRecord(services) ? services[reference.service] : undefined;
  return isRecord(target) ? target : undefined;
}
