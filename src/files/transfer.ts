import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerArchive } from './containerArchive';
import { joinContainerPath, normaliseContainerPath, splitContainerPath } from './containerPath';
import { ContainerFileError } from './fileErrors';
import { extractInto } from './folderExtract';
import { packLocalPaths } from './folderPack';

/** What a download wrote, and the links it left out (they pointed outside the chosen folder). */
export interface DownloadResult {
  localPath: string;
  skippedLinks: string[];
}

/**
 * Uploads local files and folders into a container folder in one archive, as `docker cp` does: modes kept,
 * owned by root (uid/gid 0), an existing file of the same name replaced. Works on stopped containers too.
 */
export async function uploadPaths(archive: ContainerArchive, localPaths: string[], containerFolder: string): Promise<string[]> {
  const folder = normaliseContainerPath(containerFolder);
  const target = await archive.statIfExists(folder);
  if (!target || target.type !== 'directory') {
    throw new ContainerFileError(target ? 'notADirectory' : 'notFound', `${folder} is not a folder in the container.`);
  }
  const byParent = new Map<string, string[]>();
  for (const localPath of localPaths) {
    const resolved = path.resolve(localPath);
    const entries = byParent.get(path.dirname(resolved)) ?? [];
    entries.push(path.basename(resolved));
    byParent.set(path.dirname(resolved), entries);
  }
  const uploaded: string[] = [];
  for (const [parent, entries] of byParent) {
    await archive.put(folder, packLocalPaths(parent, entries));
    uploaded.push(...entries.map((name) => joinContainerPath(folder, name)));
  }
  return uploaded;
}

/**
 * Downloads a container file or folder (with everything below it) into a local folder, as `<folder>/<name>`.
 * Symlinks whose target lies outside the local folder are left out and reported, never followed.
 */
export async function downloadPath(archive: ContainerArchive, containerPath: string, localFolder: string): Promise<DownloadResult> {
  const source = normaliseContainerPath(containerPath);
  await fs.promises.mkdir(localFolder, { recursive: true });
  const destination = path.resolve(localFolder);
  const reply = await archive.archive(source);
  const { skippedLinks } = await extractInto(reply, destination);
  const name = splitContainerPath(source).name;
  return { localPath: name ? path.join(destination, name) : destination, skippedLinks };
}
