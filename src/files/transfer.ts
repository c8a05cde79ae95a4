import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as tarFs from 'tar-fs';
import type { ContainerArchive } from './containerArchive';
import { joinContainerPath, normaliseContainerPath, splitContainerPath } from './containerPath';
import { ContainerFileError } from './fileErrors';

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
    const pack = tarFs.pack(parent, {
      entries,
      umask: 0,
      map: (header) => ({ ...header, uid: 0, gid: 0, uname: 'root', gname: 'root' }),
    } as tarFs.PackOptions);
    await archive.put(folder, pack as unknown as Readable);
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
  const skippedLinks: string[] = [];
  const reply = await archive.archive(source);
  const extract = tarFs.extract(destination, {
    ignore: (name: string, header?: { type?: string; linkname?: string | null }) => {
      if (header?.type !== 'symlink') {
        return false;
      }
      const link = header.linkname ?? '';
      const target = path.resolve(path.dirname(name), link);
      const inside = target === destination || target.startsWith(`${destination}${path.sep}`);
      if (!inside || path.isAbsolute(link)) {
        skippedLinks.push(path.relative(destination, name));
        return true;
      }
      return false;
    },
    // Files belong to the local user, whoever owned them in the container.
    chown: false,
  } as tarFs.ExtractOptions);
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', () => resolve());
    extract.on('error', reject);
    reply.on('error', reject);
    reply.pipe(extract as unknown as NodeJS.WritableStream);
  }).catch((error: unknown) => {
    reply.destroy();
    throw error;
  });
  const name = splitContainerPath(source).name;
  return { localPath: name ? path.join(destination, name) : destination, skippedLinks };
}
