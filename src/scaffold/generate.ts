/**
 * From a folder's files to the Docker files to write: which platforms it is, what is still to ask, and the text
 * of the Dockerfile, `.dockerignore` and `compose.yaml`. Pure.
 */
import { lines, type Answers, type Facts, type PlatformTemplate } from './platform';
import { platforms } from './platforms';
import type { ProjectFiles } from './projectFiles';

export interface Detection {
  platform: PlatformTemplate;
  facts: Facts;
}

/** Every platform the folder looks like, the likeliest first (a folder may hold a Node front end and a Go server). */
export function detectPlatforms(files: ProjectFiles, candidates: readonly PlatformTemplate[] = platforms): Detection[] {
  return candidates.flatMap((platform) => {
    const facts = platform.detect(files);
    return facts ? [{ platform, facts }] : [];
  });
}

/** A folder's name as a Compose service and image name: lower case letters, digits, `-`, `_` and `.`. */
export function serviceName(folderName: string): string {
  return folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'app';
}

export interface GeneratedFile {
  /** The path inside the folder. */
  path: string;
  text: string;
}

const COMMON_IGNORE = ['.git', '.gitignore', '.vscode', '.idea', '.DS_Store', '*.log', '.env', '.env.*', 'Dockerfile*', '.dockerignore', 'compose*.y*ml', 'docker-compose*.y*ml'];

export function dockerignore(platform: PlatformTemplate): string {
  return lines('# Kept out of the build context: version control, editor and local files, and what the build makes itself.', ...COMMON_IGNORE, ...platform.ignore);
}

export function composeFile(answers: Answers): string {
  return lines(
    'services:',
    `  ${answers.name}:`,
    '    build:',
    '      context: .',
    `    image: ${answers.name}:dev`,
    answers.port !== undefined && '    ports:',
    answers.port !== undefined && `      - "${answers.port}:${answers.port}"`,
    '    restart: unless-stopped',
  );
}

export function generateFiles(platform: PlatformTemplate, answers: Answers, withCompose: boolean): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'Dockerfile', text: platform.dockerfile(answers) },
    { path: '.dockerignore', text: dockerignore(platform) },
  ];
  if (withCompose) {
    files.push({ path: 'compose.yaml', text: composeFile(answers) });
  }
  return files;
}
