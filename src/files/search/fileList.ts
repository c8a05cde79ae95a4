import { posix } from 'node:path';
import type { TarListingEntry } from '../tarEntries';

/** One file of a folder's listing, as a "Go to File" row shows it. */
export interface ListedFile {
  /** Relative to the searched folder (`conf/app.yaml`). */
  path: string;
  /** The base name (`app.yaml`). */
  name: string;
  /** The folder it is in, relative to the searched folder (`conf`, `''` at the top). */
  folder: string;
  size: number;
}

/** What a search keeps of a listing: regular files (links and folders are not opened as files). */
export function listedFile(entry: TarListingEntry): ListedFile | undefined {
  if (entry.type !== 'file' || entry.path === '') {
    return undefined;
  }
  const folder = posix.dirname(entry.path);
  return { path: entry.path, name: posix.basename(entry.path), folder: folder === '.' ? '' : folder, size: entry.size };
}

/**
 * A count with a ceiling: `take(n)` says how many of `n` more fit; once something is refused the count is `cut`
 * and the search stops.
 */
export class Cap {
  private used = 0;
  private refused = false;
  private readonly reached = new AbortController();

  constructor(readonly limit: number) {}

  /** Aborts with `signal`, or once something is refused: what a scan stops on. */
  until(signal: AbortSignal): AbortSignal {
    return AbortSignal.any([signal, this.reached.signal]);
  }

  get count(): number {
    return this.used;
  }

  /** Whether something was left out. */
  get cut(): boolean {
    return this.refused;
  }

  /** Whether nothing more fits. */
  get full(): boolean {
    return this.used >= this.limit;
  }

  take(wanted = 1): number {
    const granted = Math.max(0, Math.min(wanted, this.limit - this.used));
    this.used += granted;
    if (granted < wanted) {
      this.refused = true;
      this.reached.abort();
    }
    return granted;
  }
}
