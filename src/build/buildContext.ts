/**
 * Packs a build context folder into the tar stream the engine's build API reads, honouring
 * `.dockerignore` (engine I/O: reads the file system; the rules themselves are in contextFilter.ts).
 * Special files (FIFOs, sockets, devices) cannot travel in a build context: they are skipped and reported, as
 * the Docker CLI skips a socket with a warning, instead of failing the whole build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-fs';
import { createContextFilter } from './contextFilter';

export interface PackedContext {
  stream: NodeJS.ReadableStream;
  /** The Dockerfile's path inside the tar, as the build API's `dockerfile` parameter. */
  dockerfile: string;
}

/** A special file left out of the context, by its path inside the context and what it is. */
export interface SkippedFile {
  path: string;
  kind: 'FIFO' | 'socket' | 'character device' | 'block device' | 'special file';
}

export interface PackOptions {
  /** Called for each special file left out, while the stream is read. */
  onSkipped?(file: SkippedFile): void;
}

function specialKind(stats: fs.Stats): SkippedFile['kind'] | undefined {
  if (stats.isFile() || stats.isDirectory() || stats.isSymbolicLink()) return undefined;
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function packBuildContext(contextDir: string, dockerfilePath: string, options: PackOptions = {}): PackedContext {
  const root = path.resolve(contextDir);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`The build context "${contextDir}" is not a folder.`);
  }
  const absoluteDockerfile = path.resolve(dockerfilePath);
  const dockerfileContent = fs.readFileSync(absoluteDockerfile);
  const relative = toPosix(path.relative(root, absoluteDockerfile));
  const inside = !relative.startsWith('../') && relative !== '..' && !path.isAbsolute(relative);
  // A Dockerfile outside the context travels in the tar under a name no context file can have, as the CLI does.
  const dockerfileInTar = inside ? relative : `.dockside-dockerfile-${Date.now().toString(36)}`;
  const filter = createContextFilter(readIfExists(path.join(root, '.dockerignore')), dockerfileInTar);
  const stream = tar.pack(root, {
    ignore: (name) => {
      const rel = toPosix(path.relative(root, name));
      if (filter.excludes(rel, () => fs.statSync(name, { throwIfNoEntry: false })?.isDirectory() ?? false)) {
        return true;
      }
      // As packed: the entry itself, a symbolic link as a link (never followed).
      const stats = fs.lstatSync(name, { throwIfNoEntry: false });
      const kind = stats && specialKind(stats);
      if (kind) {
        options.onSkipped?.({ path: rel, kind });
        return true;
      }
      return false;
    },
    finalize: inside,
    finish: inside
      ? undefined
      : (pack) => {
          pack.entry({ name: dockerfileInTar, mode: 0o644 }, dockerfileContent);
          pack.finalize();
        },
  });
  return { stream: stream as unknown as NodeJS.ReadableStream, dockerfile: dockerfileInTar };
}
