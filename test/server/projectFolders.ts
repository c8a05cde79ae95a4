/** Fresh folders holding given files, all under one temporary folder that `dispose` removes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class ProjectFolders {
  private root: string | undefined;
  private count = 0;

  /** @param prefix the temporary folder's name, before the random part. */
  constructor(private readonly prefix: string) {}

  /** A new folder holding `files` (paths relative to it → contents, written in order). */
  create(files: Record<string, string> = {}): string {
    this.root ??= fs.mkdtempSync(path.join(os.tmpdir(), this.prefix));
    const dir = path.join(this.root, String(this.count++));
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  }

  dispose(): void {
    if (this.root !== undefined) {
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }
}
