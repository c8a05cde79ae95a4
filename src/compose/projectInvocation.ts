/**
 * The invocation for a Compose project the engine has (the explorer's project and service nodes), from the
 * labels Compose puts on its containers: the project name, its working folder, its files (relative ones are
 * relative to the working folder) and, from v2, its env files.
 */
import * as path from 'node:path';
import type { ComposeInvocation } from './invocation';

export const projectLabels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  environmentFile: 'com.docker.compose.project.environment_file',
  oneOff: 'com.docker.compose.oneoff',
} as const;

export interface ProjectInvocation {
  invocation: ComposeInvocation;
  /** Files the labels name that are not on disk any more (then only the project name is passed). */
  missingFiles: string[];
}

function list(value: string | undefined, directory: string): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => path.resolve(directory, entry));
}

/**
 * @param labels the labels of any container of the project (they agree across the project).
 * @param exists whether a file is on disk.
 * @param fallbackCwd where to run when the working folder is gone.
 */
export function projectInvocation(
  project: string,
  labels: Readonly<Record<string, string>>,
  exists: (file: string) => boolean,
  fallbackCwd: string,
): ProjectInvocation {
  const workingDir = labels[projectLabels.workingDir];
  const directory = workingDir && exists(workingDir) ? workingDir : undefined;
  const files = list(labels[projectLabels.configFiles], workingDir ?? fallbackCwd);
  const missingFiles = files.filter((file) => !exists(file));
  const envFiles = list(labels[projectLabels.environmentFile], workingDir ?? fallbackCwd).filter(exists);
  const usable = files.length > 0 && missingFiles.length === 0;
  return {
    invocation: {
      files: usable ? files : [],
      projectName: project,
      projectDirectory: usable ? directory : undefined,
      envFiles: usable && envFiles.length > 0 ? envFiles : undefined,
      cwd: directory ?? fallbackCwd,
    },
    missingFiles,
  };
}
