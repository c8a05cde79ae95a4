/**
 * The invocation for a Compose file the user points at (explorer, editor, code lens, palette), by Compose's rules:
 * variables come from the environment over the `.env` file (or the configured `--env-file` files) of the file's
 * folder; `COMPOSE_FILE` (split on `COMPOSE_PATH_SEPARATOR`, else the platform's path separator) names the files
 * when it lists the file; otherwise a base file (`compose.yaml`…) runs with its `*.override.*` beside it, an
 * override with its base, and any other file alone — what `-f <file>` does.
 */
import * as path from 'node:path';
import { parseEnvFile } from '../../server/compose/parse/envFile';
import type { ComposeFlavour } from './cli';
import type { ComposeInvocation } from './invocation';
import { projectName } from './projectName';

/** Compose's default file names, in the order Compose v2 looks for them. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export interface FileReader {
  /** The text of a file, or undefined when it does not exist. */
  read(file: string): string | undefined;
}

export interface FileInvocationInput {
  /** The Compose file (absolute). */
  file: string;
  environment: Readonly<Record<string, string | undefined>>;
  /** `dockside.compose.envFiles`, relative to the file's folder; empty: `.env`. */
  envFiles?: readonly string[];
  profiles?: readonly string[];
  flavour?: ComposeFlavour;
  platform?: NodeJS.Platform;
}

export interface FileInvocation {
  invocation: ComposeInvocation;
  /** The name Compose will give the project (to find it in the explorer afterwards). */
  projectName: string;
  /** Variables from the environment over the env files. */
  variables: Map<string, string>;
}

function overrideOf(file: string, reader: FileReader): string | undefined {
  const directory = path.dirname(file);
  const stem = path.basename(file).replace(/\.ya?ml$/, '');
  return [`${stem}.override.yaml`, `${stem}.override.yml`].map((name) => path.join(directory, name)).find((candidate) => reader.read(candidate) !== undefined);
}

function baseOf(file: string, reader: FileReader): string | undefined {
  const directory = path.dirname(file);
  const name = path.basename(file);
  const stem = name.replace(/\.override\.ya?ml$/, '');
  const preferred = [`${stem}.yaml`, `${stem}.yml`];
  return [...preferred, ...DEFAULT_FILES].map((entry) => path.join(directory, entry)).find((candidate) => candidate !== file && reader.read(candidate) !== undefined);
}

/** The files `COMPOSE_FILE` names (absolute, resolved against `directory`). */
export function composeFileList(value: string, directory: string, separator: string | undefined, platform: NodeJS.Platform = process.platform): string[] {
  const split = separator || (platform === 'win32' ? ';' : ':');
  return value
    .split(split)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => path.resolve(directory, entry));
}

/** The top-level `name:` of a Compose file, read without a full parse (a plain or quoted scalar on its own line). */
export function declaredName(text: string): string | undefined {
  const match = /^name:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"][^\n#]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value && !value.includes('$') ? value : undefined;
}

export function fileInvocation(input: FileInvocationInput, reader: FileReader): FileInvocation {
  const file = path.resolve(input.file);
  const directory = path.dirname(file);
  const variables = new Map<string, string>();
  const envFiles = (input.envFiles ?? []).map((entry) => path.resolve(directory, entry));
  for (const envFile of envFiles.length > 0 ? envFiles : [path.join(directory, '.env')]) {
    const text = reader.read(envFile);
    if (text === undefined) {
      continue;
    }
    const known = Object.fromEntries(variables);
    for (const [name, entry] of parseEnvFile(text, { ...known, ...input.environment })) {
      variables.set(name, entry.value);
    }
  }
  for (const [name, value] of Object.entries(input.environment)) {
    if (value !== undefined) {
      variables.set(name, value);
    }
  }

  let files: string[] = [file];
  const listed = variables.get('COMPOSE_FILE');
  const fromList = listed ? composeFileList(listed, directory, variables.get('COMPOSE_PATH_SEPARATOR'), input.platform) : [];
  const name = path.basename(file);
  if (fromList.includes(file)) {
    files = fromList;
  } else if (/\.override\.ya?ml$/.test(name)) {
    const base = baseOf(file, reader);
    files = base ? [base, file] : [file];
  } else if (DEFAULT_FILES.includes(name)) {
    const override = overrideOf(file, reader);
    files = override ? [file, override] : [file];
  }

  const projectDirectory = path.dirname(files[0]);
  const declared = files.map((entry) => declaredName(reader.read(entry) ?? '')).filter((entry) => entry !== undefined);
  const invocation: ComposeInvocation = {
    files,
    envFiles: envFiles.length > 0 ? envFiles : undefined,
    profiles: input.profiles && input.profiles.length > 0 ? input.profiles : undefined,
    cwd: projectDirectory,
  };
  return {
    invocation,
    projectName: projectName({
      projectDirectory,
      composeProjectName: variables.get('COMPOSE_PROJECT_NAME'),
      declaredName: declared.at(-1),
      flavour: input.flavour,
    }),
    variables,
  };
}
