/**
 * Compose's project name rules: `-p` > `COMPOSE_PROJECT_NAME` (environment, then the `.env` file) > the top-level
 * `name:` (v2) > the project directory's base name, normalised.
 */
import * as path from 'node:path';
import type { ComposeFlavour } from './cli';

/**
 * Normalises a name as Compose does: lower case, only `a-z0-9_-` kept; v2 (compose-go `NormalizeProjectName`) also
 * drops leading `_` and `-`, v1 (`normalize_name`) does not.
 */
export function normalizeProjectName(name: string, flavour: ComposeFlavour = 'v2'): string {
  const kept = name.toLowerCase().replace(/[^-_a-z0-9]/g, '');
  return flavour === 'v2' ? kept.replace(/^[-_]+/, '') : kept;
}

export interface ProjectNameInput {
  /** The project directory (absolute). */
  projectDirectory: string;
  /** `COMPOSE_PROJECT_NAME` from the environment over the `.env` file. */
  composeProjectName?: string;
  /** The top-level `name:` of the merged files, if any. */
  declaredName?: string;
  flavour?: ComposeFlavour;
}

/** The name Compose gives the project. */
export function projectName(input: ProjectNameInput): string {
  const flavour = input.flavour ?? 'v2';
  if (input.composeProjectName) {
    return normalizeProjectName(input.composeProjectName, flavour);
  }
  if (input.declaredName && flavour === 'v2') {
    return input.declaredName;
  }
  return normalizeProjectName(path.basename(input.projectDirectory), flavour);
}
