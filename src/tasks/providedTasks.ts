/** The definitions of the tasks offered for a workspace's files (what "Configure Task" writes to tasks.json). Pure. */
import type { DockerBuildDefinition, DockerComposeDefinition } from './definitions';

/** `web/Dockerfile` in folder "shop" → tag `web:latest`; a Dockerfile at the root takes the folder's name. */
export function defaultImageName(dockerfile: string, folderName: string): string {
  const parts = dockerfile.split('/');
  const base = parts.length > 1 ? parts[parts.length - 2] : folderName;
  const variant = /^(?:Dockerfile|Containerfile)\.(.+)$/i.exec(parts[parts.length - 1])?.[1] ?? /^(.+)\.dockerfile$/i.exec(parts[parts.length - 1])?.[1];
  const name = [base, variant].filter(Boolean).join('-').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${name || 'image'}:latest`;
}

/** One build per Dockerfile: its folder as the context, tagged after that folder. */
export function providedBuildDefinitions(dockerfile: string, folderName: string): DockerBuildDefinition {
  const slash = dockerfile.lastIndexOf('/');
  return { type: 'docker-build', dockerfile, context: slash < 0 ? '.' : dockerfile.slice(0, slash), tags: [defaultImageName(dockerfile, folderName)] };
}

/** Compose up (detached, building what changed) and down for each Compose file. */
export function providedComposeDefinitions(file: string): DockerComposeDefinition[] {
  return [
    { type: 'docker-compose', command: 'up', files: [file], detached: true, build: true },
    { type: 'docker-compose', command: 'down', files: [file] },
  ];
}
