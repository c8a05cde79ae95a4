/**
 * Read access to a project folder for platform detection: a few files by their path inside the folder.
 * The pure detectors take this interface; `folderFiles` reads a real folder (Node I/O, no vscode).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProjectFiles {
  /** The text of a file by its `/`-separated path inside the folder; undefined when it is absent or not a file. */
  read(relative: string): string | undefined;
  /** The names in a folder inside the project (`''` for its root); empty when absent. */
  list(relative: string): string[];
}

/** The largest file read for detection: a manifest is small; a big file is not one. */
const MAX_BYTES = 512 * 1024;

export function folderFiles(root: string): ProjectFiles {
  return {
    read(relative) {
      const file = path.join(root, ...relative.split('/'));
      try {
        const stats = fs.statSync(file);
        return stats.isFile() && stats.size <= MAX_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    list(relative) {
      try {
        return fs.readdirSync(path.join(root, ...relative.split('/').filter(Boolean)));
      } catch {
        return [];
      }
    },
  };
}

/** Project files from a record of path → text (tests, and the files about to be written). */
export function memoryFiles(files: Readonly<Record<string, string>>): ProjectFiles {
  return {
    read: (relative) => files[relative],
    list: (relative) => {
      const prefix = relative ? `${relative}/` : '';
      return [...new Set(Object.keys(files).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length).split('/')[0]))];
    },
  };
}
