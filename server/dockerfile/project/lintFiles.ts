/**
 * The files around a Dockerfile that change how it is linted: a hadolint configuration and the build context's
 * `.dockerignore`. One reading for `dockside-lint` and the language server, so both lint a file the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingsFromHadolintConfig, type HadolintConfigResult } from '../lint';

/** The names a hadolint configuration may have, in the order they are looked for. */
export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

export interface HadolintConfigFile extends HadolintConfigResult {
  path: string;
}

/** The first hadolint configuration in `folder`, or undefined. */
export function hadolintConfigIn(folder: string): string | undefined {
  return HADOLINT_CONFIG_NAMES.map((name) => path.join(folder, name)).find((candidate) => isFile(candidate));
}

/**
 * The hadolint configuration nearest to `folder`: in it, else in its parents up to and including `stopAt`
 * (a workspace folder). Without `stopAt`, only `folder` itself is searched.
 */
export function findHadolintConfig(folder: string, stopAt?: string): string | undefined {
  let current = path.resolve(folder);
  const stop = stopAt === undefined ? current : path.resolve(stopAt);
  if (!isWithin(current, stop)) {
    return hadolintConfigIn(current);
  }
  for (;;) {
    const found = hadolintConfigIn(current);
    if (found || current === stop) {
      return found;
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return undefined;
    }
    current = parent;
  }
}

/** Reads and interprets a configuration file; throws the file system's error when it cannot be read. */
export function readHadolintConfig(file: string): HadolintConfigFile {
  return { path: file, ...settingsFromHadolintConfig(fs.readFileSync(file, 'utf8')) };
}

/** The `.dockerignore` that applies to `<Dockerfile>`: `<Dockerfile>.dockerignore` first, else the folder's own. */
export function dockerignoreFor(dockerfile: string): string | undefined {
  return [`${dockerfile}.dockerignore`, path.join(path.dirname(dockerfile), '.dockerignore')].find((candidate) => isFile(candidate));
}

/** The patterns of the `.dockerignore` that applies to a Dockerfile, or undefined when there is none. */
export function readDockerignore(dockerfile: string): string[] | undefined {
  const file = dockerignoreFor(dockerfile);
  return file === undefined ? undefined : readIgnorePatterns(file);
}

/** The lines of an ignore file, or undefined when it cannot be read. */
export function readIgnorePatterns(file: string): string[] | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isFile(candidate: string): boolean {
  try {
    // Most candidates do not exist: asking not to throw then spares building an error per look-up.
    return fs.statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
