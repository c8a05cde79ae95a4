/**
 * The files around a Compose document (`.env`, base and override files, included and extended files), read from
 * the editor's open documents first, else from disk. Disk reads are cached and checked against the file's
 * modification time, so a project's files are read once while they do not change.
 */
import * as fs from 'node:fs';

export interface FileSource {
  read(file: string): string | undefined;
  exists(file: string): boolean;
}

export class DiskFiles implements FileSource {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; text: string }>();

  /** @param openText the text of a document open in the editor at this path, if any. */
  constructor(private readonly openText: (file: string) => string | undefined = () => undefined) {}

  read(file: string): string | undefined {
    const open = this.openText(file);
    if (open !== undefined) {
      return open;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    if (!stat.isFile() || stat.size > 4 * 1024 * 1024) {
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      return cached.text;
    }
    try {
      const text = fs.readFileSync(file, 'utf8');
      this.cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  exists(file: string): boolean {
    return this.openText(file) !== undefined || fs.existsSync(file);
  }

  clear(): void {
    this.cache.clear();
  }
}
