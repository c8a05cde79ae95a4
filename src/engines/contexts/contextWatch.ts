import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Disposable } from '../../explorer/emitter';

/** A folder to watch and which of its entries matter (all of them when `names` is absent). */
export interface WatchedFolder {
  folder: string;
  names?: readonly string[];
}

/**
 * The folders to watch so that what `docker context create/rm/use/update` writes in a config folder is seen
 * (pure but for `isDirectory`): the config folder for `config.json` (`currentContext`) and `contexts`;
 * `contexts` for `meta`; `contexts/meta` for a context's folder coming or going; each context's folder for its
 * `meta.json`. A folder not made yet is watched from its nearest existing parent, for the one entry leading to it.
 */
export function watchedFolders(configDir: string, isDirectory: (folder: string) => boolean, listFolders: (folder: string) => string[] = () => []): WatchedFolder[] {
  const contexts = path.join(configDir, 'contexts');
  const meta = path.join(contexts, 'meta');
  if (!isDirectory(configDir)) {
    let below = configDir;
    let parent = path.dirname(below);
    while (parent !== below && !isDirectory(parent)) {
      below = parent;
      parent = path.dirname(below);
    }
    return parent === below ? [] : [{ folder: parent, names: [path.basename(below)] }];
  }
  const watched: WatchedFolder[] = [{ folder: configDir, names: ['config.json', 'contexts'] }];
  if (isDirectory(contexts)) {
    watched.push({ folder: contexts, names: ['meta'] });
  }
  if (isDirectory(meta)) {
    watched.push({ folder: meta });
    for (const name of listFolders(meta)) {
      watched.push({ folder: path.join(meta, name) });
    }
  }
  return watched;
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function listFolders(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/**
 * Watches a Docker config folder's context store (`fs.watch`, which sees changes outside the workspace) and
 * calls `onChange` once a burst of writes settles: a `docker context create`, `rm`, `use` or `update` run in a
 * terminal. Works when the folder does not exist yet (watched from its parent until it is made) and when it is
 * removed. No VS Code.
 */
export class ContextStoreWatch implements Disposable {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly configDir: string,
    private readonly onChange: () => void,
    private readonly settleMs = 100,
  ) {
    this.arm();
  }

  /** The folders watched now (tests look). */
  get folders(): string[] {
    return [...this.watchers.keys()];
  }

  /** Watches what the store looks like now: new folders get a watcher, folders gone lose theirs. */
  private arm(): void {
    if (this.disposed) {
      return;
    }
    const wanted = new Map(watchedFolders(this.configDir, isDirectory, listFolders).map((watched) => [watched.folder, watched]));
    for (const [folder, watcher] of [...this.watchers]) {
      if (!wanted.has(folder)) {
        this.watchers.delete(folder);
        watcher.close();
      }
    }
    for (const [folder, { names }] of wanted) {
      if (this.watchers.has(folder)) {
        continue;
      }
      try {
        const watcher = fs.watch(folder, { persistent: false }, (_event, filename) => {
          if (!names || filename === null || names.includes(filename.toString())) {
            this.heard();
          }
        });
        // A folder removed under the watcher: look again at what exists.
        watcher.on('error', () => {
          if (this.watchers.get(folder) === watcher) {
            this.watchers.delete(folder);
            watcher.close();
          }
          this.heard();
        });
        this.watchers.set(folder, watcher);
      } catch {
        // Gone between the look and the watch: the parent's watcher sees it.
      }
    }
  }

  private heard(): void {
    // Watch new folders at once (a context's folder is made, then its meta.json written); tell once it settles.
    this.arm();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed) {
        this.arm();
        this.onChange();
      }
    }, this.settleMs);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) {
      watcher.close();
    }
    this.watchers.clear();
  }
}
